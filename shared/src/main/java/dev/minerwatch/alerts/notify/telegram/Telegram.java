package dev.minerwatch.alerts.notify.telegram;

import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.net.URI;
import java.util.List;

/**
 * A Telegram bot: {@code TELEGRAM_BOT_TOKEN} with {@code TELEGRAM_CHAT_ID}, and {@code TELEGRAM_BASE_URL} for a
 * test server (docs/channels.md).
 */
public final class Telegram {

    /** The bot's token (from @BotFather): a secret. */
    public static final String BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    /** The chat the bot writes to: a number, or {@code @channelname}. Not a secret. */
    public static final String CHAT_ID = "TELEGRAM_CHAT_ID";
    /** The Bot API's base URL, {@code https://api.telegram.org} unless a test server stands in. */
    public static final String BASE_URL = "TELEGRAM_BASE_URL";

    static final String DEFAULT_BASE_URL = "https://api.telegram.org";

    public static final ChannelType TYPE = new ChannelType(
            "telegram",
            List.of(
                    Variable.requiredSecret(BOT_TOKEN),
                    Variable.required(CHAT_ID),
                    Variable.optional(BASE_URL).checkedBy(Telegram::baseUrl)),
            (variables, post) -> new TelegramChannel(
                    baseUrl(variables.apply(BASE_URL).orElse(DEFAULT_BASE_URL)),
                    ChannelType.value(variables, BOT_TOKEN),
                    ChannelType.value(variables, CHAT_ID),
                    post));

    private Telegram() {}

    /**
     * The Bot API's base URL, without a trailing slash: an absolute http(s) URL.
     *
     * @throws IllegalArgumentException naming {@link #BASE_URL} and the value (not a secret)
     */
    static URI baseUrl(String value) {
        return ChannelType.baseUrl(BASE_URL, value);
    }
}
