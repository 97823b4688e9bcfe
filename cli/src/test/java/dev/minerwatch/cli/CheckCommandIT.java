package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code minerwatch check}: every configuration mistake at once, exit 1; a valid configuration, exit 0. */
class CheckCommandIT {

    @Test
    void aValidConfigurationSaysSoWithItsRules() {
        Cli.Result result = Cli.minerwatch(Map.of(), "check", "--no-keys");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("configuration valid: ").contains(" rules (2026-");
    }

    @Test
    void everyMistakeIsListedOneALineAndTheExitCodeIsOne() {
        Cli.Result result = Cli.minerwatch(
                Map.of(
                        "DIGEST_TIMEZONE", "Mars/Olympus",
                        "DASHBOARD_URL", "http://d123.cloudfront.net/",
                        "PRODUCTION_COST_USD", "-5",
                        "SLACK_WEBHOOK_URL", "http://hooks.example.com/secret-path",
                        "TELEGRAM_CHAT_ID", "-1001",
                        "NTFY_URL", "http://ntfy.example/secret-topic",
                        "PUSHOVER_USER_KEY", "uQiRzpo4DXghDmr9QzzfQu27cmVRsG",
                        "MINERWATCH_RULES",
                                "{\"rules\": [{\"id\": \"price_below_production_cost\", \"rearm\": \"x\"}]}"),
                "check",
                "--no-keys");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines())
                .containsExactly(
                        "8 mistakes in the configuration:",
                        "  DIGEST_TIMEZONE=Mars/Olympus is not a time zone; use an IANA id such as Europe/Berlin or UTC",
                        "  DASHBOARD_URL='http://d123.cloudfront.net/' is not an absolute https URL without a query"
                                + " (http only for 127.0.0.1 or localhost)",
                        "  PRODUCTION_COST_USD='-5' must be a positive USD amount",
                        "  rule price_below_production_cost, field rearm: '\"x\"' is not a number",
                        "  SLACK_WEBHOOK_URL must be an https:// URL",
                        "  Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID",
                        "  NTFY_URL must be an https:// URL",
                        "  Pushover needs both PUSHOVER_USER_KEY and PUSHOVER_APP_TOKEN");
        assertThat(result.out())
                .doesNotContain("secret-path")
                .doesNotContain("secret-topic")
                .doesNotContain("uQiRzpo4DXghDmr9QzzfQu27cmVRsG");
    }

    @Test
    void anAckUrlNeedsAnHttpsUrlAndAKey() {
        Cli.Result withoutKey =
                Cli.minerwatch(Map.of("ACK_URL", "https://abc.lambda-url.us-east-1.on.aws/"), "check", "--no-keys");
        Cli.Result notHttps = Cli.minerwatch(
                Map.of("ACK_URL", "http://abc.lambda-url.us-east-1.on.aws/", "ACK_KEY", "k3y"), "check", "--no-keys");
        Cli.Result valid = Cli.minerwatch(
                Map.of("ACK_URL", "https://abc.lambda-url.us-east-1.on.aws/", "ACK_KEY", "k3y"), "check", "--no-keys");

        assertThat(withoutKey.exitCode()).isEqualTo(1);
        assertThat(withoutKey.out()).contains("ACK_URL is set but no key signs its links");
        assertThat(notHttps.exitCode()).isEqualTo(1);
        assertThat(notHttps.out())
                .contains("ACK_URL='http://abc.lambda-url.us-east-1.on.aws/' is not an absolute https URL")
                .doesNotContain("k3y");
        assertThat(valid.exitCode()).as(valid.err()).isZero();
    }

    @Test
    void aDailyCapThatIsNotAWholeNumberAboveZeroIsRefusedByItsName() {
        Cli.Result result =
                Cli.minerwatch(Map.of("SLACK_MAX_PER_DAY", "0", "DISCORD_MAX_PER_DAY", "lots"), "check", "--no-keys");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out().lines())
                .containsExactly(
                        "2 mistakes in the configuration:",
                        "  SLACK_MAX_PER_DAY is '0'; it must be a whole number above 0"
                                + " (the most alerts the channel takes a UTC day)",
                        "  DISCORD_MAX_PER_DAY is 'lots'; it must be a whole number above 0"
                                + " (the most alerts the channel takes a UTC day)");
    }
}
