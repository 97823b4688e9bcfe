package dev.minerwatch.alerts.message;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed link that acknowledges an alert: {@code <ack url>?e=<event id>&x=<expiry, epoch seconds>&s=<signature>},
 * the signature an HMAC-SHA256 under the operator's key over {@code "minerwatch-ack-v1\n" + event id + "\n" + expiry}
 * (bound to this purpose: no other HMAC of the key verifies), base64url without padding. The key is given: this
 * class reads no environment and logs nothing; the signature is a secret's derivative, never to be logged.
 */
final class AckLink {

    private static final String PURPOSE = "minerwatch-ack-v1\n";
    private static final String ALGORITHM = "HmacSHA256";
    /** An event's key: its day, state key and version ({@code 2026-02-05#rule#1}), no control characters. */
    private static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7e]{1,300}");

    private static final Pattern EXPIRY = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("[A-Za-z0-9_-]{43}");

    private AckLink() {}

    /** The signature of {@code eventId} until {@code expiry} (whole seconds) under {@code key}. */
    static String sign(String key, String eventId, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] hmac = mac.doFinal((PURPOSE + eventId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The link to {@code base} acknowledging {@code eventId} until {@code expiry}, signed with {@code key}. */
    static String url(URI base, String key, String eventId, Instant expiry) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the acknowledgement key is empty");
        }
        long seconds = expiry.getEpochSecond();
        return base + "?e=" + encode(eventId) + "&x=" + seconds + "&s=" + sign(key, eventId, seconds);
    }

    /**
     * Whether the parameters {@code e}, {@code x} and {@code s} (decoded; any may be null) are a link signed with
     * {@code key} that has not expired at {@code now}. The signatures are compared in constant time.
     */
    static AlertMessage.AckVerdict verify(String key, String e, String x, String s, Instant now) {
        if (e == null
                || x == null
                || s == null
                || !EVENT_ID.matcher(e).matches()
                || !EXPIRY.matcher(x).matches()
                || !SIGNATURE.matcher(s).matches()) {
            return AlertMessage.AckVerdict.MALFORMED;
        }
        long expiry = Long.parseLong(x);
        byte[] expected = sign(key, e, expiry).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII))) {
            return AlertMessage.AckVerdict.FORGED;
        }
        return now.getEpochSecond() >= expiry ? AlertMessage.AckVerdict.EXPIRED : AlertMessage.AckVerdict.VALID;
    }

    /** {@code value} as a query parameter's value: unreserved characters as they are, every other byte %-encoded. */
    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
