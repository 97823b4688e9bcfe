package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code ack} against DynamoDB (on the emulator, through {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code MINERWATCH_TABLE}). */
@ExtendWith(LocalAwsExtension.class)
class AckOnDynamoDbIT {

    private static final String PRICE_EVENT = "2026-02-05#price_below_production_cost#1";

    @Test
    void anAlertFiredInTheTableIsAcknowledgedOnceAndShownThere(LocalAws aws) {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put(Settings.TABLE_NAME, "ack-" + UUID.randomUUID());
        Cli.Result fired = Cli.minerwatch(env, "run", "--recorded", "--production-cost", "87000");
        assertThat(fired.exitCode()).as(fired.out() + fired.err()).isZero();

        Cli.Result acked = Cli.minerwatch(
                env, "ack", PRICE_EVENT, "--reason", "on it", "--by", "alice", "--at", "2026-02-05T15:00:00Z");
        Cli.Result again = Cli.minerwatch(env, "ack", PRICE_EVENT, "--reason", "me too", "--by", "bob");
        Cli.Result unknown = Cli.minerwatch(env, "ack", "2026-02-05#no_such_rule#1", "--reason", "typo");

        assertThat(acked.exitCode()).as(acked.out() + acked.err()).isZero();
        assertThat(acked.out()).startsWith("acknowledged " + PRICE_EVENT + " by alice at 2026-02-05T15:00:00Z: on it");
        assertThat(again.out()).startsWith("already acknowledged by alice at 2026-02-05T15:00:00Z: on it");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err())
                .contains("no event '2026-02-05#no_such_rule#1'")
                .contains("DynamoDB table");
        assertThat(Cli.minerwatch(env, "alerts").out()).contains("ACK by alice at 2026-02-05T15:00:00Z: on it");
        assertThat(Cli.minerwatch(env, "status", "--at", "2026-02-05T15:05:00Z").out())
                .contains("acknowledged by alice at 2026-02-05T15:00:00Z: on it");
    }
}
