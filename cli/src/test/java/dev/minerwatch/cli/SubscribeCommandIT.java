package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code subscribe}, {@code subscribers} and {@code unsubscribe}: against the alert topic on the emulator (each
 * endpoint once, its filter updated, listed half hidden and in words), and without a topic on the local store, where a
 * run says under each message to whom it would go.
 */
@ExtendWith(LocalAwsExtension.class)
class SubscribeCommandIT {

    @TempDir
    Path dir;

    private static Map<String, String> withTopic(LocalAws aws) {
        Map<String, String> env = new HashMap<>(aws.environment());
        String arn = AwsClients.sns(Settings.of(env))
                .createTopic(b -> b.name("alerts-" + UUID.randomUUID()))
                .topicArn();
        env.put(Settings.TOPIC_ARN, arn);
        env.put(Settings.TABLE_NAME, "subscribers-" + UUID.randomUUID());
        return env;
    }

    @Test
    void eachEndpointIsSubscribedOnceWithWhatItChoseListedHalfHiddenAndRemovedOnRequest(LocalAws aws) {
        Map<String, String> env = withTopic(aws);

        Cli.Result alice = Cli.minerwatch(
                env,
                "subscribe",
                "--email",
                "alice@example.com",
                "--rules",
                "price_below_production_cost",
                "--min-severity",
                "warning");
        Cli.Result phone = Cli.minerwatch(env, "subscribe", "--sms", "+41791234567");
        Cli.Result bob = Cli.minerwatch(env, "subscribe", "--email", "bob@example.org", "--rules", "digest");
        Cli.Result again = Cli.minerwatch(
                env, "subscribe", "--email", "alice@example.com", "--rules", "etf_daily_outflow", "--no-digest");

        assertThat(alice.exitCode()).as(alice.err()).isZero();
        assertThat(alice.out())
                .contains("subscribed a***@example.com (email): warning and critical alerts of"
                        + " price_below_production_cost; the digest")
                .contains("SNS has sent a confirmation email");
        assertThat(phone.out())
                .contains("subscribed +417***67 (sms): critical alerts of every rule; escalations to SMS; no digest")
                .contains("origination number")
                .contains("sandbox");
        assertThat(bob.out()).contains("subscribed b***@example.org (email): the digest");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out())
                .contains("updated a***@example.com (email): alerts of every severity of etf_daily_outflow; no digest");
        String listed = Cli.minerwatch(env, "subscribers").out();
        assertThat(listed.lines().filter(line -> !line.startsWith(" ")))
                .as("three subscriptions, each once")
                .hasSize(3);
        assertThat(listed)
                .contains("a***@example.com", "b***@example.org", "+417***67", "confirmed")
                .contains("alerts of every severity of etf_daily_outflow; no digest")
                .doesNotContain("alice@example.com", "+41791234567");

        Cli.Result removed = Cli.minerwatch(env, "unsubscribe", "+41791234567");
        Cli.Result unknown = Cli.minerwatch(env, "unsubscribe", "+41791234567");

        assertThat(removed.exitCode()).isZero();
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(Cli.minerwatch(env, "subscribers").out())
                .doesNotContain("+417***67")
                .contains("a***@example.com");
    }

    @Test
    void badInputIsRefusedNamingTheOption(LocalAws aws) {
        Map<String, String> env = withTopic(aws);

        assertThat(Cli.minerwatch(env, "subscribe", "--email", "alice.example.com")
                        .err())
                .contains("--email: 'alice.example.com' is not an email address");
        assertThat(Cli.minerwatch(env, "subscribe", "--sms", "0791234567").err())
                .contains("--sms: '0791234567' is not an E.164 number");
        assertThat(Cli.minerwatch(env, "subscribe", "--email", "a@example.com", "--rules", "no_such_rule")
                        .err())
                .contains("--rules: 'no_such_rule' is no rule");
        assertThat(Cli.minerwatch(env, "subscribe", "--email", "a@example.com", "--min-severity", "loud")
                        .err())
                .contains("--min-severity: 'loud' is none of info, warning, critical");
        Cli.Result digestBySms = Cli.minerwatch(env, "subscribe", "--sms", "+41791234567", "--digest");
        assertThat(digestBySms.exitCode()).isEqualTo(1);
        assertThat(digestBySms.err()).contains("SMS never gets the digest");
        assertThat(Cli.minerwatch(env, "subscribers").out()).contains("no email or SMS subscriber");
    }

    @Test
    void withoutATopicTheStoreRecordsThemAndARunSaysToWhomEachMessageWouldGo() {
        String store = dir.resolve("store").toString();
        Map<String, String> env = Map.of();

        Cli.Result subscribed = Cli.minerwatch(
                env,
                "subscribe",
                "--email",
                "alice@example.com",
                "--rules",
                "price_below_production_cost",
                "--data-dir",
                store);
        Cli.minerwatch(env, "subscribe", "--sms", "+41791234567", "--data-dir", store);
        Cli.Result run = Cli.minerwatch(env, "run", "--recorded", "--production-cost", "87000", "--data-dir", store);

        assertThat(subscribed.out()).contains("recorded in the local store: no topic, so nothing is sent");
        assertThat(Cli.minerwatch(env, "subscribers", "--data-dir", store).out())
                .contains("a***@example.com", "+417***67", "recorded locally");
        assertThat(run.out())
                .as("the critical price alert goes to both, the warnings to nobody")
                .contains("├─ to a***@example.com (email), +417***67 (sms)");
        assertThat(run.out().lines().filter(line -> line.startsWith("├─ to ")).count())
                .isEqualTo(1);
    }
}
