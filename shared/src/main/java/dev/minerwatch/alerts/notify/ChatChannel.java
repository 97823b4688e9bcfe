package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.json.Json;
import java.net.URI;
import java.util.Map;

/**
 * Slack and Discord incoming webhooks and Telegram's Bot API: the subject in bold over the email's text, cut to
 * what each channel takes (Discord 2,000 characters, Telegram 4,096; Slack's 40,000 is never reached).
 */
final class ChatChannel implements Channel {

    /** One chat service: its name, its limit, and how a text becomes its JSON body. */
    enum Kind {
        SLACK("slack", 39_000, "*%s*"),
        DISCORD("discord", 2_000, "**%s**"),
        TELEGRAM("telegram", 4_096, "%s");

        final String id;
        final int maxChars;
        final String bold;

        Kind(String id, int maxChars, String bold) {
            this.id = id;
            this.maxChars = maxChars;
            this.bold = bold;
        }
    }

    private final Kind kind;
    private final URI uri;
    private final String telegramChatId;
    private final ChannelPost post;

    private ChatChannel(Kind kind, URI uri, String telegramChatId, ChannelPost post) {
        this.kind = kind;
        this.uri = uri;
        this.telegramChatId = telegramChatId;
        this.post = post;
    }

    static ChatChannel slack(URI webhook, ChannelPost post) {
        return new ChatChannel(Kind.SLACK, webhook, null, post);
    }

    static ChatChannel discord(URI webhook, ChannelPost post) {
        return new ChatChannel(Kind.DISCORD, webhook, null, post);
    }

    /** Telegram's {@code sendMessage}: {@code <base>/bot<token>/sendMessage}. */
    static ChatChannel telegram(URI baseUrl, String botToken, String chatId, ChannelPost post) {
        return new ChatChannel(Kind.TELEGRAM, URI.create(baseUrl + "/bot" + botToken + "/sendMessage"), chatId, post);
    }

    @Override
    public String name() {
        return kind.id;
    }

    @Override
    public Publication publish(AlertMessage message) {
        String text = Channel.fit(kind.bold.formatted(message.subject()) + "\n" + message.email(), kind.maxChars);
        Map<String, Object> body = switch (kind) {
            case SLACK -> Map.of("text", text);
            case DISCORD -> Map.of("content", text);
            case TELEGRAM -> Map.of("chat_id", telegramChatId, "text", text);
        };
        return post.post(name(), uri, Json.write(body), Map.of());
    }
}
