package dev.minerwatch.alerts.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.discord.Discord;
import dev.minerwatch.alerts.notify.slack.Slack;
import dev.minerwatch.alerts.notify.telegram.Telegram;
import dev.minerwatch.alerts.notify.webhook.Webhook;
import dev.minerwatch.config.Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one list of channels, and everything read from it: no channel is named anywhere else. */
class ChannelRegistryTest {

    private static final String TOKEN = "123456:test-token-not-a-secret";

    @Test
    void eachChannelIsOneLineOfTheRegistryAndItsSecretsAreReadFromItsDeclaration() {
        assertThat(ChannelRegistry.TYPES)
                .extracting(ChannelType::name)
                .containsExactly("webhook", "slack", "discord", "telegram", "ntfy", "pushover");
        assertThat(ChannelRegistry.SECRET_VARIABLES)
                .containsExactly(
                        "WEBHOOK_URL",
                        "WEBHOOK_SECRET",
                        "SLACK_WEBHOOK_URL",
                        "DISCORD_WEBHOOK_URL",
                        "TELEGRAM_BOT_TOKEN",
                        "NTFY_URL",
                        "NTFY_TOKEN",
                        "PUSHOVER_USER_KEY",
                        "PUSHOVER_APP_TOKEN");
        assertThat(ChannelRegistry.howToSetOne())
                .isEqualTo("WEBHOOK_URL, SLACK_WEBHOOK_URL, DISCORD_WEBHOOK_URL, TELEGRAM_BOT_TOKEN with "
                        + "TELEGRAM_CHAT_ID, NTFY_URL, or PUSHOVER_USER_KEY with PUSHOVER_APP_TOKEN");
    }

    @Test
    void theChannelsSetAreBuiltInTheRegistrysOrderEachWithItsFilter() {
        Settings settings = Settings.of(Map.of(
                Telegram.BOT_TOKEN,
                TOKEN,
                Telegram.CHAT_ID,
                "-1001",
                Slack.WEBHOOK_URL,
                "https://hooks.slack.example/services/x",
                Webhook.URL,
                "https://example.com/minerwatch",
                "SLACK_RULES",
                "etf_daily_outflow,digest"));

        var channels = ChannelRegistry.configured(settings);

        assertThat(channels).extracting(Channel::name).containsExactly("webhook", "slack", "telegram");
        assertThat(channels.get(1)).hasToString("slack (rules [digest, etf_daily_outflow])");
        assertThat(ChannelRegistry.problems(settings)).isEmpty();
    }

    @Test
    void everyProblemOfEveryChannelIsListedAndConfiguredThrowsThemJoined() {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_MIN_SEVERITY", "loud");
        env.put(Slack.WEBHOOK_URL, "http://hooks.example/secret-path");
        env.put(Telegram.CHAT_ID, "-1001");
        env.put(Webhook.URL, "https://example.com/not a url/secret-path");
        Settings settings = Settings.of(env);

        assertThat(ChannelRegistry.problems(settings))
                .containsExactly(
                        "DISCORD_MIN_SEVERITY is 'loud'; it must be info, warning or critical",
                        "WEBHOOK_URL is not a URL",
                        "SLACK_WEBHOOK_URL must be an https:// URL",
                        "Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID");
        assertThatThrownBy(() -> ChannelRegistry.configured(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DISCORD_MIN_SEVERITY is 'loud'; it must be info, warning or critical; "
                        + "WEBHOOK_URL is not a URL; SLACK_WEBHOOK_URL must be an https:// URL; "
                        + "Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID")
                .hasMessageNotContaining("secret-path");
    }

    @Test
    void aDailyCapIsAWholeNumberAboveZeroForEveryChannelAndUnsetOrBlankIsNoCap() {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_MAX_PER_DAY", "0");
        env.put("DISCORD_MAX_PER_DAY", "ten");
        env.put("PUSHOVER_MAX_PER_DAY", "-3");
        env.put("NTFY_MAX_PER_DAY", " ");
        env.put("WEBHOOK_MAX_PER_DAY", "2.5");

        assertThat(ChannelRegistry.problems(Settings.of(env)))
                .containsExactly(
                        "WEBHOOK_MAX_PER_DAY is '2.5'; it must be a whole number above 0"
                                + " (the most alerts the channel takes a UTC day)",
                        "SLACK_MAX_PER_DAY is '0'; it must be a whole number above 0"
                                + " (the most alerts the channel takes a UTC day)",
                        "DISCORD_MAX_PER_DAY is 'ten'; it must be a whole number above 0"
                                + " (the most alerts the channel takes a UTC day)",
                        "PUSHOVER_MAX_PER_DAY is '-3'; it must be a whole number above 0"
                                + " (the most alerts the channel takes a UTC day)");

        List<Channel> channels = ChannelRegistry.configured(
                Settings.of(Map.of(Slack.WEBHOOK_URL, "https://hooks.example/x", "SLACK_MAX_PER_DAY", "10")));
        assertThat(channels).singleElement().satisfies(c -> {
            assertThat(c.maxPerDay()).hasValue(10);
            assertThat(c).hasToString("slack, at most 10 a day");
        });
        assertThat(ChannelRegistry.configured(Settings.of(Map.of(Slack.WEBHOOK_URL, "https://hooks.example/x"))))
                .singleElement()
                .satisfies(c -> assertThat(c.maxPerDay()).isEmpty());
    }

    @Test
    void everyFilterIsCheckedWhetherItsChannelIsSetOrNot() {
        Settings settings = Settings.of(Map.of("WEBHOOK_MIN_SEVERITY", "x", "TELEGRAM_MIN_SEVERITY", "y"));

        assertThat(ChannelRegistry.problems(settings))
                .containsExactly(
                        "WEBHOOK_MIN_SEVERITY is 'x'; it must be info, warning or critical",
                        "TELEGRAM_MIN_SEVERITY is 'y'; it must be info, warning or critical");
    }

    @Test
    void aSecretNamedAsAnSsmParameterCountsAsSetAndIsLeftToTheForwarder() {
        Settings settings = Settings.of(Map.of(
                Slack.WEBHOOK_URL + "_PARAMETER",
                "/minerwatch/slack-webhook-url",
                Telegram.BOT_TOKEN + "_PARAMETER",
                "/minerwatch/telegram-bot-token",
                Telegram.CHAT_ID,
                "-1001",
                Discord.WEBHOOK_URL,
                "https://discord.example/api/webhooks/1/x"));

        assertThat(ChannelRegistry.problems(settings)).isEmpty();
        assertThat(ChannelRegistry.configured(settings))
                .extracting(Channel::name)
                .containsExactly("discord");
    }

    @Test
    void aTestServersBaseUrlIsCheckedWhetherTelegramIsSetOrNotAndNamedOnce() {
        String wrong = "TELEGRAM_BASE_URL='ftp://127.0.0.1:1' is not an absolute http(s) URL";
        Map<String, String> env = new HashMap<>(Map.of(Telegram.BASE_URL, "ftp://127.0.0.1:1/"));

        assertThat(ChannelRegistry.problems(Settings.of(env))).containsExactly(wrong);
        env.putAll(Map.of(Telegram.BOT_TOKEN, TOKEN, Telegram.CHAT_ID, "-1001"));
        assertThat(ChannelRegistry.problems(Settings.of(env))).containsExactly(wrong);
    }

    @Test
    void noProblemEchoesASecret() {
        Settings settings = Settings.of(Map.of(
                Telegram.BOT_TOKEN, "123:not a token secret",
                Telegram.CHAT_ID, "-1001",
                Discord.WEBHOOK_URL, "discord.example/secret"));

        assertThat(ChannelRegistry.problems(settings))
                .containsExactly(
                        "DISCORD_WEBHOOK_URL must be an https:// URL",
                        "TELEGRAM_BOT_TOKEN is not a bot token (digits, a colon, then letters, digits, _ and -, as BotFather gives it)")
                .allSatisfy(problem -> assertThat(problem).doesNotContain("secret"));
    }
}
