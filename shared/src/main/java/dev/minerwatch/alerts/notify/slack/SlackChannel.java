package dev.minerwatch.alerts.notify.slack;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.util.Map;

/**
 * Slack's incoming webhook: {@code {"text": "*subject*\n..."}} (Slack's 40,000 characters are never reached). The
 * text is escaped as Slack asks ({@code &}, {@code <}, {@code >}), so a rule title or a figure can never become a
 * {@code <!channel>} that pings everyone. The dashboard's link, when the message has one, is Slack's link markup,
 * {@code <url|On the dashboard>}, after the escaping (the URL is the operator's, checked as a URL: no {@code <>|}).
 */
final class SlackChannel implements Channel {

    private static final int MAX_CHARS = 39_000;

    private final URI webhook;
    private final ChannelType.Post post;

    SlackChannel(URI webhook, ChannelType.Post post) {
        this.webhook = webhook;
        this.post = post;
    }

    @Override
    public String name() {
        return Slack.TYPE.name();
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        String text = Channel.chatText(message, "*%s*", MAX_CHARS)
                        .replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                + message.link()
                        .map(url -> "\n<" + url + "|" + AlertMessage.LINK_LABEL + ">")
                        .orElse("");
        return post.post(name(), webhook, Json.write(Map.of("text", text)), Map.of(), deadline);
    }
}
