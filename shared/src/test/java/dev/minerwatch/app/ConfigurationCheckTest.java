package dev.minerwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.alerts.notify.telegram.Telegram;
import dev.minerwatch.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole configuration checked at once: every mistake listed, each naming its variable or its rule and field. */
class ConfigurationCheckTest {

    /** Two broken rules in one override: an unknown severity, and a streak without its sessions. */
    private static final String TWO_BROKEN_RULES = """
            {"version": "t", "rules": [
              {"id": "etf_daily_outflow", "severity": "loud"},
              {"id": "my_streak", "kind": "streak", "title": "t", "severity": "info", "meaning": "m",
               "series": "etf_net_flow_usd", "condition": "below", "level": 0}
            ]}""";

    @Test
    void anEmptyEnvironmentIsAValidConfiguration() {
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of()))).isEmpty();
    }

    @Test
    void anEscalationToNoKnownChannelIsAMistakeNamingTheRuleAndTheChannels() {
        String rules = "{\"rules\": [{\"id\": \"price_below_production_cost\", \"escalate_after\": \"PT30M\","
                + " \"escalate_to\": \"%s\"}]}";

        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(Settings.RULES, rules.formatted("sms")))))
                .isEmpty();
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(Settings.RULES, rules.formatted("telegram")))))
                .isEmpty();
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(Settings.RULES, rules.formatted("pager")))))
                .containsExactly("rule price_below_production_cost, field escalate_to: 'pager' is no channel; use one"
                        + " of [webhook, slack, discord, telegram, ntfy, pushover] or sms");
    }

    @Test
    void aDashboardThatIsNoHttpsUrlIsAMistake() {
        assertThat(ConfigurationCheck.problems(
                        Settings.of(Map.of(Settings.DASHBOARD_URL, "https://d123.cloudfront.net/"))))
                .isEmpty();
        assertThat(ConfigurationCheck.problems(
                        Settings.of(Map.of(Settings.DASHBOARD_URL, "http://d123.cloudfront.net/"))))
                .singleElement()
                .asString()
                .startsWith("DASHBOARD_URL='http://d123.cloudfront.net/' is not an absolute https URL");
    }

    @Test
    void anAckUrlIsAnHttpsUrlWithAKeyToSignItsLinks() {
        String url = "https://abc.lambda-url.us-east-1.on.aws/";
        assertThat(ConfigurationCheck.problems(
                        Settings.of(Map.of(Settings.ACK_URL, url, "ACK_KEY_PARAMETER", "/minerwatch/ack-key"))))
                .isEmpty();
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(Settings.ACK_URL, url, Settings.ACK_KEY, "k"))))
                .isEmpty();
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(Settings.ACK_URL, url))))
                .singleElement()
                .asString()
                .startsWith("ACK_URL is set but no key signs its links");
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(
                        Settings.ACK_URL, "http://abc.lambda-url.us-east-1.on.aws/?a=1", Settings.ACK_KEY, "k"))))
                .singleElement()
                .asString()
                .startsWith("ACK_URL='http://abc.lambda-url.us-east-1.on.aws/?a=1' is not an absolute https URL");
    }

    @Test
    void aSecretNamedAsAnSsmParameterCountsAsSetForItsChannel() {
        // The forwarder's environment in AWS: the token is read from SSM when the first message comes.
        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(
                        "TELEGRAM_BOT_TOKEN_PARAMETER", "/minerwatch/telegram-bot-token", Telegram.CHAT_ID, "-1001"))))
                .isEmpty();
    }

    @Test
    void everyMistakeIsListedAtOnceEachNamingItsVariableOrRuleAndField() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.AWS_CALL_TIMEOUT, "soon");
        env.put(Settings.DIGEST_TIMEZONE, "Mars/Olympus");
        env.put(Settings.COST_MODEL, "energy:price=cheap");
        env.put("MEMPOOL_BASE_URL", "mempool.space");
        env.put("AWS_ENDPOINT_URL_SNS", "ftp://127.0.0.1:1");
        env.put(Settings.TOPIC_ARN, "minerwatch-alerts");
        env.put(Settings.RULES, TWO_BROKEN_RULES);
        env.put(Telegram.BOT_TOKEN, "123:secret-token");
        env.put("SLACK_MIN_SEVERITY", "urgent");

        var problems = ConfigurationCheck.problems(Settings.of(env));

        assertThat(problems)
                .hasSize(10)
                .anySatisfy(p -> assertThat(p).startsWith("MINERWATCH_AWS_CALL_TIMEOUT="))
                .anySatisfy(p -> assertThat(p).startsWith("DIGEST_TIMEZONE=Mars/Olympus is not a time zone"))
                .anySatisfy(p -> assertThat(p).startsWith("COST_MODEL: cost model 'energy:price=cheap'"))
                .anySatisfy(
                        p -> assertThat(p).isEqualTo("MEMPOOL_BASE_URL='mempool.space' is not an absolute http(s) URL"))
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("AWS_ENDPOINT_URL_SNS='ftp://127.0.0.1:1' is not an absolute http(s) URL"))
                .anySatisfy(p -> assertThat(p).isEqualTo("ALERT_TOPIC_ARN='minerwatch-alerts' is not an SNS topic ARN"))
                .anySatisfy(p -> assertThat(p).startsWith("rule etf_daily_outflow, field severity: 'loud' is unknown"))
                .anySatisfy(p -> assertThat(p).startsWith("rule my_streak, field sessions: is missing"))
                .anySatisfy(p -> assertThat(p).isEqualTo("Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID"))
                .anySatisfy(p -> assertThat(p).startsWith("SLACK_MIN_SEVERITY is 'urgent'"))
                .noneSatisfy(p -> assertThat(p).contains("secret-token"));
    }

    @Test
    void aRulesFileThatCannotBeReadIsNamedWithItsVariable(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("rules.json"), "{\"rules\": [");

        assertThat(ConfigurationCheck.problems(Settings.of(Map.of(Settings.RULES_FILE, broken.toString()))))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("MINERWATCH_RULES_FILE: rules override " + broken));
        assertThat(ConfigurationCheck.problems(Settings.of(
                        Map.of(Settings.RULES_FILE, dir.resolve("missing.json").toString()))))
                .singleElement()
                .satisfies(p -> assertThat(p).startsWith("MINERWATCH_RULES_FILE: cannot read "));
    }

    @Test
    void aFunctionsInitFailsWithTheSameMessagesOneALine() {
        Settings settings = Settings.of(Map.of(Settings.DIGEST_TIMEZONE, "Mars/Olympus", "DISCORD_MIN_SEVERITY", "x"));

        assertThatThrownBy(() -> ConfigurationCheck.require(settings, RuleConfiguration.load(settings)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the configuration has 2 mistakes (./minerwatch check lists them):\n  ")
                .hasMessageContaining("\n  DIGEST_TIMEZONE=Mars/Olympus is not a time zone")
                .hasMessageContaining("\n  DISCORD_MIN_SEVERITY is 'x'");
        ConfigurationCheck.require(Settings.of(Map.of()), RuleConfiguration.load(Settings.of(Map.of())));
    }

    @Test
    void aKeyNamedAsAnSsmParameterIsReadOnlyWhenItsVariableIsNotSet() {
        // An SSM endpoint that refuses every connection: the parameter cannot be read, and the check says which.
        Map<String, String> env = Map.of(
                "SOSOVALUE_API_KEY_PARAMETER",
                "/minerwatch/sosovalue-api-key",
                "COINGECKO_API_KEY",
                "set-directly",
                "COINGECKO_API_KEY_PARAMETER",
                "/minerwatch/coingecko-api-key",
                "AWS_ENDPOINT_URL_SSM",
                "http://127.0.0.1:1",
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "test",
                "AWS_SECRET_ACCESS_KEY",
                "test",
                Settings.AWS_CALL_TIMEOUT,
                "PT2S");

        assertThat(ConfigurationCheck.keyProblems(Settings.of(env)))
                .singleElement()
                .satisfies(p -> assertThat(p)
                        .startsWith("SSM parameter /minerwatch/sosovalue-api-key (SOSOVALUE_API_KEY_PARAMETER) could "
                                + "not be read"));
    }
}
