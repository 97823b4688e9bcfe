package dev.minerwatch.alerts.notify.webhook;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic JSON webhook ({@code WEBHOOK_URL}): the message's facts and its text. With a secret
 * ({@code WEBHOOK_SECRET}) each post is signed with its time, {@code X-Minerwatch-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "<t>.<raw body>">}, so the consumer knows who sent it, that nothing changed on the way, and when it
 * was sent: a captured request replayed later is refused by its age (docs/channels.md). Without one, each post is
 * accepted as "unsigned", which {@code notify --test} shows.
 */
final class WebhookChannel implements Channel {

    private final URI uri;
    private final Optional<String> secret;
    private final ChannelType.Post post;
    private final Clock clock;

    WebhookChannel(URI uri, Optional<String> secret, ChannelType.Post post, Clock clock) {
        this.uri = uri;
        this.secret = secret;
        this.post = post;
        this.clock = clock;
    }

    @Override
    public String name() {
        return Webhook.TYPE.name();
    }

    /** A machine reads the webhook: one post per alert, each with its own {@code event_id} and signature. */
    @Override
    public boolean groups() {
        return false;
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        Map<String, Object> body = new LinkedHashMap<>(message.facts());
        body.putIfAbsent(AlertMessage.EVENT_ID, message.attributes().get(AlertMessage.EVENT_ID));
        body.put("subject", message.subject());
        body.put("text", message.email());
        String json = Json.write(body);
        if (secret.isEmpty()) {
            Publication posted = post.post(name(), uri, json, Map.of(), deadline);
            return posted.isAccepted()
                    ? Publication.accepted(posted.messageId() + ", unsigned: " + Webhook.SECRET + " is not set")
                    : posted;
        }
        return post.post(
                name(),
                uri,
                json,
                Map.of(
                        Webhook.SIGNATURE_HEADER,
                        signature(secret.get(), clock.instant().getEpochSecond(), json)),
                deadline);
    }

    /** {@code t=<seconds>,v1=<hex HMAC-SHA256 of "<seconds>.<body>">} under {@code secret}. */
    static String signature(String secret, long seconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signed = mac.doFinal((seconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + seconds + ",v1=" + HexFormat.of().formatHex(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
