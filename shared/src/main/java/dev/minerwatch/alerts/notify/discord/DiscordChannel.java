package dev.minerwatch.alerts.notify.discord;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import java.net.URI;
import java.util.Map;

/** A Discord channel webhook: {@code {"content": "**subject**\n..."}}, cut to Discord's 2,000 characters. */
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
    public Publication publish(AlertMessage message) {
        String text = Channel.chatText(message, "**%s**", MAX_CHARS);
        return post.post(name(), webhook, Json.write(Map.of("content", text)), Map.of());
    }
}
