package dev.minerwatch.series;

import java.util.Locale;

/** Writes an amount in its unit the way people read it: $69,280.5, -$544.9M, $30.99 per PH/s per day, 915.85 EH/s. */
public final class Amounts {

    private Amounts() {}

    public static String format(double value, String unit) {
        if (unit.startsWith("USD")) {
            String dollars = dollars(value);
            return unit.equals("USD") ? dollars : dollars + unit.substring(3);
        }
        return number(value) + " " + unit;
    }

    /** Dollars with cents when there are any; flows of ten million and more in millions or billions. */
    private static String dollars(double value) {
        String sign = value < 0 ? "-" : "";
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return sign + String.format(Locale.US, "$%,.2fB", magnitude / 1e9);
        }
        if (magnitude >= 1e7) {
            return sign + String.format(Locale.US, "$%,.1fM", magnitude / 1e6);
        }
        return sign + "$" + number(magnitude);
    }

    private static String number(double value) {
        return String.format(Locale.US, "%,.2f", value).replace(".00", "");
    }

    /** A signed fraction as a percentage: −0.2 is "-20.0%". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
