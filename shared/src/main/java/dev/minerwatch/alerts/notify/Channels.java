package dev.minerwatch.alerts.notify;

import dev.minerwatch.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The channels the environment configures (docs/channels.md), in a fixed order. */
public final class Channels {

    /** One post, its retries included, stays well inside a function's minute. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Every channel's name, the prefix of its filter variables. */
    static final List<String> NAMES = List.of("webhook", "slack", "discord", "telegram");

    private Channels() {}

    /**
     * The channels configured, each with its filter.
     *
     * @throws IllegalArgumentException naming every problem of {@link #problems}
     */
    public static List<Channel> configured(Settings settings) {
        List<String> problems = new ArrayList<>();
        List<Channel> channels = build(settings, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return channels;
    }

    /** Every problem of the channels' variables, each naming its variable (never a secret's value). */
    public static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>();
        build(settings, problems);
        return problems;
    }

    private static List<Channel> build(Settings settings, List<String> problems) {
        // A filter is checked whether its channel is set here or not: the forwarder reads the channel's secret
        // from SSM only when the first message comes, and a mistake should show at init.
        for (String name : NAMES) {
            try {
                filter(settings, name);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
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
        Consumer<Supplier<Channel>> add = channel -> {
            try {
                Channel built = channel.get();
                channels.add(built.filtered(filter(settings, built.name())));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        };
        settings.get(Settings.WEBHOOK_URL)
                .ifPresent(url -> add.accept(() -> new WebhookChannel(
                        url(Settings.WEBHOOK_URL, url), settings.get(Settings.WEBHOOK_SECRET), post)));
        settings.get(Settings.SLACK_WEBHOOK_URL)
                .ifPresent(url -> add.accept(() -> ChatChannel.slack(url(Settings.SLACK_WEBHOOK_URL, url), post)));
        settings.get(Settings.DISCORD_WEBHOOK_URL)
                .ifPresent(url -> add.accept(() -> ChatChannel.discord(url(Settings.DISCORD_WEBHOOK_URL, url), post)));
        var token = settings.get(Settings.TELEGRAM_BOT_TOKEN);
        var chat = settings.get(Settings.TELEGRAM_CHAT_ID);
        // In AWS the token comes from SSM (TELEGRAM_BOT_TOKEN_PARAMETER), read when the first message comes.
        boolean tokenNamed = token.isPresent()
                || settings.get(Settings.TELEGRAM_BOT_TOKEN + "_PARAMETER").isPresent();
        if (tokenNamed != chat.isPresent()) {
            problems.add("Telegram needs both " + Settings.TELEGRAM_BOT_TOKEN + " and " + Settings.TELEGRAM_CHAT_ID);
        } else if (token.isPresent()) {
            add.accept(() -> ChatChannel.telegram(settings.telegramBaseUrl(), token.get(), chat.get(), post));
        }
        return channels;
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
