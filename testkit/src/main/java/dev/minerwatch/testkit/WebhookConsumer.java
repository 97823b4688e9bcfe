package dev.minerwatch.testkit;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook consumer checks minerwatch's {@code X-Minerwatch-Signature} (docs/channels.md), written from the
 * documentation rather than taken from the code under test: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">}, refused when older (or newer) than {@link #TOLERANCE}.
 */
public final class WebhookConsumer {

    /** The age past which a consumer refuses a signature, as the documentation advises. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    /** The header a consumer reads the signature from. */
    public static final String SIGNATURE_HEADER = "X-Minerwatch-Signature";

    private WebhookConsumer() {}

    /** Whether {@code request}, received now, is signed under {@code secret}, as a consumer checks it. */
    public static boolean accepts(String secret, LoggedRequest request) {
        return accepts(secret, request.getHeader(SIGNATURE_HEADER), request.getBody(), Instant.now());
    }

    /** Whether {@code header} signs {@code body} under {@code secret}, at most {@link #TOLERANCE} from {@code now}. */
    public static boolean accepts(String secret, String header, byte[] body, Instant now) {
        if (header == null || !header.matches("t=\\d{1,12},v1=[0-9a-f]{64}")) {
            return false;
        }
        String[] parts = header.split(",");
        long seconds = Long.parseLong(parts[0].substring(2));
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(TOLERANCE) > 0) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((seconds + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts[1].substring(3)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
