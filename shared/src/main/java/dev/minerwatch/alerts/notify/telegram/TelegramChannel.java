package dev.minerwatch.alerts.notify.telegram;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Telegram's Bot API {@code sendMessage} ({@code <base>/bot<token>/sendMessage}): the subject over the email's text,
 * cut to Telegram's 4,096 characters. The URL holds the token: no error names it. The dashboard's link, when the
 * message has one, is a {@code text_link} entity over the last line, "On the dashboard" (no {@code parse_mode}, so
 * nothing in the text needs escaping; an entity's offset counts UTF-16 code units, as a Java string does).
 */
final class TelegramChannel implements Channel {

    private static final int MAX_CHARS = 4_096;

    private final URI sendMessage;
    private final String chatId;
    private final ChannelType.Post post;

    /** @throws IllegalArgumentException naming the token's variable when the token cannot be in a URL (not echoing it) */
    TelegramChannel(URI baseUrl, String botToken, String chatId, ChannelType.Post post) {
        // BotFather's tokens are digits, a colon and [A-Za-z0-9_-]: anything else would change the URL (a '?' or
        // '/' moves part of the token out of the path) or fail to make one. Never echoed.
        if (!botToken.matches("[0-9]{1,20}:[A-Za-z0-9_-]{10,100}")) {
            throw new IllegalArgumentException(
                    Telegram.BOT_TOKEN + " is not a bot token (digits, a colon, then letters,"
                            + " digits, _ and -, as BotFather gives it)");
        }
        this.sendMessage = URI.create(baseUrl + "/bot" + botToken + "/sendMessage");
        this.chatId = chatId;
        this.post = post;
    }

    @Override
    public String name() {
        return Telegram.TYPE.name();
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        String text = Channel.chatText(message, "%s", MAX_CHARS, url -> AlertMessage.LINK_LABEL);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", chatId);
        body.put("text", text);
        message.link()
                .ifPresent(url -> body.put(
                        "entities",
                        List.of(Map.of(
                                "type",
                                "text_link",
                                "offset",
                                text.length() - AlertMessage.LINK_LABEL.length(),
                                "length",
                                AlertMessage.LINK_LABEL.length(),
                                "url",
                                url))));
        return post.post(name(), sendMessage, Json.write(body), Map.of(), deadline);
    }
}
