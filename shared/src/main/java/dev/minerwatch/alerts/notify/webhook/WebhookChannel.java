package dev.minerwatch.alerts.notify.webhook;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic JSON webhook ({@code WEBHOOK_URL}): the message's facts and its text. With a secret
 * ({@code WEBHOOK_SECRET}) each body is signed, {@code X-Minerwatch-Signature: sha256=<hex HMAC-SHA256 of the raw
 * body>}, so the consumer knows who sent it and that nothing changed on the way.
 */
final class WebhookChannel implements Channel {

    private final URI uri;
    private final Optional<String> secret;
    private final ChannelType.Post post;

    WebhookChannel(URI uri, Optional<String> secret, ChannelType.Post post) {
        this.uri = uri;
        this.secret = secret;
        this.post = post;
    }

    @Override
    public String name() {
        return Webhook.TYPE.name();
    }

    @Override
    public Publication publish(AlertMessage message) {
        Map<String, Object> body = new LinkedHashMap<>(message.facts());
        body.putIfAbsent(AlertMessage.EVENT_ID, message.attributes().get(AlertMessage.EVENT_ID));
        body.put("subject", message.subject());
        body.put("text", message.email());
        String json = Json.write(body);
        return post.post(
                name(),
                uri,
                json,
                secret.map(s -> Map.of(Webhook.SIGNATURE_HEADER, signature(s, json)))
                        .orElse(Map.of()));
    }

    /** {@code sha256=<hex HMAC-SHA256 of body>} under {@code secret}. */
    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
