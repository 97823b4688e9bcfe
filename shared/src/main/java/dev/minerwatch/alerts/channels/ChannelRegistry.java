package dev.minerwatch.alerts.channels;

import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.discord.Discord;
import dev.minerwatch.alerts.notify.ntfy.Ntfy;
import dev.minerwatch.alerts.notify.pushover.Pushover;
import dev.minerwatch.alerts.notify.slack.Slack;
import dev.minerwatch.alerts.notify.telegram.Telegram;
import dev.minerwatch.alerts.notify.webhook.Webhook;
import dev.minerwatch.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every channel minerwatch can post to, in one list (docs/channels.md#adding-a-channel): each channel's package
 * declares its type (its name, its variables, its factory), and everything that reads the channels' variables goes
 * through here: which channels the environment configures, the mistakes in their variables, their secrets.
 */
public final class ChannelRegistry {

    /** The channel types, in the order they are built, posted to and reported. */
    static final List<ChannelType> TYPES =
            List.of(Webhook.TYPE, Slack.TYPE, Discord.TYPE, Telegram.TYPE, Ntfy.TYPE, Pushover.TYPE);

    /** The channels' names, in the order of {@link #TYPES}: what a rule's {@code escalate_to} may name. */
    public static final List<String> NAMES =
            TYPES.stream().map(ChannelType::name).toList();

    /** The variables that hold a channel's secret: in AWS, each names an SSM SecureString ({@code _PARAMETER}). */
    public static final List<String> SECRET_VARIABLES =
            TYPES.stream().flatMap(type -> type.secrets().stream()).toList();

    /** Each channel's daily cap ({@code SLACK_MAX_PER_DAY}): the most alerts it takes a UTC day. */
    public static final List<String> MAX_PER_DAY_VARIABLES = TYPES.stream()
            .map(type -> type.name().toUpperCase(Locale.ROOT) + ChannelType.MAX_PER_DAY)
            .toList();

    /** Each channel's quiet hours and whether a critical alert waits too ({@code SLACK_QUIET_HOURS{,_CRITICAL}}). */
    public static final List<String> QUIET_HOURS_VARIABLES = TYPES.stream()
            .flatMap(type -> Stream.of(ChannelType.QUIET_HOURS, ChannelType.QUIET_HOURS_CRITICAL)
                    .map(suffix -> type.name().toUpperCase(Locale.ROOT) + suffix))
            .toList();

    static {
        if (TYPES.stream().map(ChannelType::name).distinct().count() != TYPES.size()) {
            throw new IllegalStateException("two channel types share a name: " + TYPES);
        }
    }

    private ChannelRegistry() {}

    /**
     * The channels configured, each with its filter, in the order of {@link #TYPES}.
     *
     * @throws IllegalArgumentException naming every problem of {@link #problems}, joined with {@code "; "}
     */
    public static List<Channel> configured(Settings settings) {
        List<String> problems = new ArrayList<>();
        List<Channel> channels = build(settings::get, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return channels;
    }

    /**
     * The channels configured without a mistake, each with its filter, in the order of {@link #TYPES}; each mistake
     * is added to {@code problems}, and leaves its channel out, never the others (a local run still notifies the
     * console and the channels set right).
     */
    public static List<Channel> configured(Settings settings, List<String> problems) {
        return build(settings::get, problems);
    }

    /**
     * Every problem of every channel's variables, each naming its variable (never a secret's value): each filter,
     * whether its channel is set or not; a channel set in part; a value its channel refuses. A secret named as an
     * SSM parameter ({@code <VARIABLE>_PARAMETER}) counts as set.
     */
    public static List<String> problems(Settings settings) {
        List<String> problems = new ArrayList<>();
        build(settings::get, problems);
        return problems;
    }

    /** What sets a channel, for a person: {@code WEBHOOK_URL, ..., or TELEGRAM_BOT_TOKEN with TELEGRAM_CHAT_ID}. */
    public static String howToSetOne() {
        List<String> each = TYPES.stream().map(ChannelType::requirement).toList();
        return each.size() == 1
                ? each.get(0)
                : String.join(", ", each.subList(0, each.size() - 1)) + ", or " + each.get(each.size() - 1);
    }

    private static List<Channel> build(Function<String, Optional<String>> variables, List<String> problems) {
        List<String> found = new ArrayList<>();
        // A filter is checked whether its channel is set here or not: the forwarder reads the channels' secrets
        // from SSM only when the first message comes, and a mistake should show when it starts.
        TYPES.forEach(type -> type.filterProblem(variables).ifPresent(found::add));
        // One post for every channel, and none (no HTTP client) without a channel.
        Supplier<ChannelType.Post> post = new Supplier<>() {
            private ChannelType.Post built;

            @Override
            public ChannelType.Post get() {
                if (built == null) {
                    built = ChannelType.Post.overHttp();
                }
                return built;
            }
        };
        List<Channel> channels = new ArrayList<>();
        for (ChannelType type : TYPES) {
            type.configure(variables, post, found).ifPresent(channels::add);
        }
        // A value checked twice (whether its channel is set, and by its factory) is one problem.
        problems.addAll(found.stream().distinct().collect(Collectors.toList()));
        return channels;
    }
}
