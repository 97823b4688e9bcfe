package dev.minerwatch.alerts.message;

/**
 * The GSM 03.38 7-bit alphabet. A text made only of it fits 160 characters in one SMS segment (extension
 * characters count twice); one non-GSM character would switch the whole message to UCS-2 and 70 characters.
 */
final class Gsm7 {

    static final int SEGMENT_SEPTETS = 160;

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";

    private Gsm7() {}

    /** Septets the text takes, or -1 if it has a character outside the GSM-7 alphabet. */
    static int septets(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                count += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                count += 2;
            } else {
                return -1;
            }
        }
        return count;
    }

    static boolean fitsOneSegment(String text) {
        int septets = text == null ? -1 : septets(text);
        return septets >= 0 && septets <= SEGMENT_SEPTETS;
    }

    /**
     * The text made to fit one segment: characters outside the alphabet become '?', and a text too long is cut
     * at the last word that fits, ending in "..".
     */
    static String fitOneSegment(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            safe.append(septets(String.valueOf(c)) < 0 ? '?' : c);
        }
        String result = safe.toString();
        if (septets(result) <= SEGMENT_SEPTETS) {
            return result;
        }
        while (septets(result) > SEGMENT_SEPTETS - 2) {
            int cut = result.lastIndexOf(' ');
            result = cut > 0 ? result.substring(0, cut) : result.substring(0, result.length() - 1);
        }
        return result + "..";
    }
}
