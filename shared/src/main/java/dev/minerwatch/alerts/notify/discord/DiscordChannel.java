package dev.minerwatch.alerts.notify.discord;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A Discord channel webhook: {@code {"content": "**subject**\n...", "allowed_mentions": {"parse": []}}}, cut to
 * Discord's 2,000 characters. No mention in the text pings anyone: an {@code @everyone} in a rule title stays text.
 * The dashboard's link, when the message has one, is a masked link, {@code [On the dashboard](url)}, never cut.
 */
final class DiscordChannel implements Channel {

    private static final int MAX_CHARS = 2_000;

    private final URI webhook;
    private final ChannelType.Post post;

    DiscordChannel(URI webhook, ChannelType.Post post) {
        this.webhook = webhook;
        this.post = post;
    }

    @Override
    public String name() {
        return Discord.TYPE.name();
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        String text =
                Channel.chatText(message, "**%s**", MAX_CHARS, url -> "[" + AlertMessage.LINK_LABEL + "](" + url + ")");
        return post.post(
                name(),
                webhook,
                Json.write(Map.of("content", text, "allowed_mentions", Map.of("parse", List.of()))),
                Map.of(),
                deadline);
    }
}
