package dev.minerwatch.alerts.notify.ntfy;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ntfy topic, published to with ntfy's JSON publishing: a POST to the server's root of {@code {"topic", "title",
 * "message", "priority", "tags", "click"}}. JSON rather than the topic URL's headers ({@code Title}, {@code Priority},
 * {@code Tags}, {@code Click}): a header is Latin-1 on the wire, so a title with a non-Latin-1 character (a rule title
 * of the operator's, an em dash, an emoji) would need RFC 2047 encoding, which only ntfy 2.4.0 and later decode;
 * the JSON body is UTF-8 on every ntfy server (docs.ntfy.sh/publish, "Publish as JSON").
 *
 * <p>Priority: 5 (urgent) for a critical alert, 4 (high) for a warning, 3 (default) for info, for a resolution, the
 * digest and a test. Tags (shown as emojis): {@code rotating_light}, {@code warning} or {@code information_source}
 * by severity, {@code white_check_mark} for a resolution, then the rule's id. The dashboard's link, when the message
 * has one, is the notification's click action. With {@code NTFY_TOKEN} each post carries {@code Authorization: Bearer
 * <token>}; no error names the token or the topic.
 */
final class NtfyChannel implements Channel {

    /** ntfy takes 4,096 bytes as a message (more becomes an attachment): characters of up to a byte mostly. */
    private static final int MAX_CHARS = 4_000;

    private static final int URGENT = 5;
    private static final int HIGH = 4;
    private static final int DEFAULT = 3;

    private final URI root;
    private final String topic;
    private final Optional<String> token;
    private final ChannelType.Post post;

    /**
     * @throws IllegalArgumentException naming {@link Ntfy#URL} (never its value) when it is not a topic's URL, or
     *     {@link Ntfy#TOKEN} when the token cannot be a header's value
     */
    NtfyChannel(URI topicUrl, Optional<String> token, ChannelType.Post post) {
        String path = topicUrl.getRawPath() == null ? "" : topicUrl.getRawPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        // ntfy's topic names: letters, digits, - and _, up to 64.
        if (topicUrl.getRawQuery() != null
                || topicUrl.getRawFragment() != null
                || !path.startsWith("/")
                || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(Ntfy.URL
                    + " is not an ntfy topic's URL (https://<server>/<topic>, the topic letters, digits, - and _)");
        }
        if (token.isPresent() && !token.get().matches("[\\x21-\\x7E]{1,200}")) {
            throw new IllegalArgumentException(
                    Ntfy.TOKEN + " is not an access token (printable characters, no spaces)");
        }
        this.root = topicUrl.resolve(path.substring(0, path.length() - name.length()));
        this.topic = name;
        this.token = token;
        this.post = post;
    }

    @Override
    public String name() {
        return Ntfy.TYPE.name();
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic", topic);
        body.put("title", message.subject());
        body.put("message", Channel.fit(message.email(), MAX_CHARS));
        body.put("priority", priority(message));
        body.put("tags", tags(message));
        message.link().ifPresent(url -> body.put("click", url));
        message.ackLink()
                .ifPresent(url -> body.put(
                        "actions",
                        List.of(Map.of("action", "view", "label", AlertMessage.ACK_LABEL, "url", url, "clear", true))));
        Map<String, String> headers =
                token.map(t -> Map.of("Authorization", "Bearer " + t)).orElse(Map.of());
        Publication posted = post.post(name(), root, Json.write(body), headers, deadline);
        return posted.redacting(topic, Ntfy.URL).redacting(token.orElse(""), Ntfy.TOKEN);
    }

    /** Whether the message says a rule holds: an alert or its reminder (not a resolution, the digest or a test). */
    private static boolean firing(AlertMessage message) {
        String event = message.attributes().get("event");
        return "FIRED".equals(event) || "REMINDER".equals(event);
    }

    static int priority(AlertMessage message) {
        if (!firing(message)) {
            return DEFAULT;
        }
        return switch (String.valueOf(message.attributes().get("severity"))) {
            case "critical" -> URGENT;
            case "warning" -> HIGH;
            default -> DEFAULT;
        };
    }

    static List<String> tags(AlertMessage message) {
        String kind = message.attributes().get(AlertMessage.KIND);
        if (kind != null) {
            return List.of(AlertMessage.DIGEST.equals(kind) ? "bar_chart" : "test_tube", kind);
        }
        String rule = message.attributes().getOrDefault("rule", "");
        String emoji = !firing(message)
                ? "white_check_mark"
                : switch (String.valueOf(message.attributes().get("severity"))) {
                    case "critical" -> "rotating_light";
                    case "warning" -> "warning";
                    default -> "information_source";
                };
        return rule.isEmpty() ? List.of(emoji) : List.of(emoji, rule);
    }
}
