package dev.minerwatch.channels;

import dev.minerwatch.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The channels the environment configures (PRODUCT.md, "Channels"), in a fixed order. */
public final class Channels {

    /** One post, its retries included, stays well inside a function's minute. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Channels() {}

    public static List<Channel> configured(Settings settings) {
        // Every function builds its notifier at init: without a channel, no HTTP client is built for none.
        if (Stream.of(
                        Settings.WEBHOOK_URL,
                        Settings.SLACK_WEBHOOK_URL,
                        Settings.DISCORD_WEBHOOK_URL,
                        Settings.TELEGRAM_BOT_TOKEN,
                        Settings.TELEGRAM_CHAT_ID)
                .allMatch(variable -> settings.get(variable).isEmpty())) {
            return List.of();
        }
        ChannelPost post = new ChannelPost(TIMEOUT);
        List<Channel> channels = new ArrayList<>();
        settings.get(Settings.WEBHOOK_URL)
                .ifPresent(url -> channels.add(new WebhookChannel(
                        url(Settings.WEBHOOK_URL, url), settings.get(Settings.WEBHOOK_SECRET), post)));
        settings.get(Settings.SLACK_WEBHOOK_URL)
                .ifPresent(url -> channels.add(ChatChannel.slack(url(Settings.SLACK_WEBHOOK_URL, url), post)));
        settings.get(Settings.DISCORD_WEBHOOK_URL)
                .ifPresent(url -> channels.add(ChatChannel.discord(url(Settings.DISCORD_WEBHOOK_URL, url), post)));
        var token = settings.get(Settings.TELEGRAM_BOT_TOKEN);
        var chat = settings.get(Settings.TELEGRAM_CHAT_ID);
        if (token.isPresent() != chat.isPresent()) {
            throw new IllegalArgumentException(
                    "Telegram needs both " + Settings.TELEGRAM_BOT_TOKEN + " and " + Settings.TELEGRAM_CHAT_ID);
        }
        if (token.isPresent()) {
            channels.add(ChatChannel.telegram(settings.telegramBaseUrl(), token.get(), chat.get(), post));
        }
        return channels.stream()
                .map(channel -> channel.filtered(filter(settings, channel.name())))
                .toList();
    }

    /** The variables that hold a channel's secret: in AWS, each may name an SSM SecureString ({@code _PARAMETER}). */
    public static final List<String> SECRET_VARIABLES = List.of(
            Settings.WEBHOOK_URL,
            Settings.WEBHOOK_SECRET,
            Settings.SLACK_WEBHOOK_URL,
            Settings.DISCORD_WEBHOOK_URL,
            Settings.TELEGRAM_BOT_TOKEN);

    /** {@code <CHANNEL>_RULES} and {@code <CHANNEL>_MIN_SEVERITY}: which messages a channel wants. */
    static ChannelFilter filter(Settings settings, String channel) {
        String prefix = channel.toUpperCase(Locale.ROOT);
        return ChannelFilter.parse(
                prefix,
                settings.get(prefix + "_RULES").orElse(null),
                settings.get(prefix + "_MIN_SEVERITY").orElse(null));
    }

    /** A channel URL, which must be HTTPS except on this machine (a test's server); never echoed: it is a secret. */
    private static URI url(String variable, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL");
        }
        boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && local)) {
            throw new IllegalArgumentException(variable + " must be an https:// URL");
        }
        return uri;
    }
}
