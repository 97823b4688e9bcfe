package dev.minerwatch.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrimingTest {

    @Test
    void primingDecidesAlertsAndDrivesEveryAwsOperationOfTheFunctionsInMemory() {
        // No endpoint override: the SDK resolves the real regional endpoints, and nothing is sent to them.
        Settings settings = Settings.of(Map.of("AWS_REGION", "eu-west-1"));

        Priming.Result primed = Priming.prime(new RuleEngine(RuleSet.defaults()), settings, 3);

        assertThat(primed.rounds()).isEqualTo(3);
        assertThat(primed.eventsDecided()).isPositive();
        assertThat(primed.seriesWatched()).isEqualTo(9);
        // Query, BatchGetItem, GetItem + PutItem, BatchWriteItem, Query (states), two transactions, and two
        // PublishBatch: the alerts' batch for the channel forwarder, then the alerts themselves.
        assertThat(primed.awsCalls()).isEqualTo(10);
    }

    @Test
    void primingRunsEveryCollectorOnTheRecordedAnswersAndEverySourceAnswers() {
        Settings settings = Settings.of(Map.of("AWS_REGION", "eu-west-1"));

        Priming.Result primed = Priming.prime(new RuleEngine(RuleSet.defaults()), settings, 1);

        // A source whose recording no longer parses would show here: its path would not be primed. The in-memory
        // table holds every series, so the derived hashprice is computed from the day's stored price too.
        assertThat(primed.collectionFailures()).isEmpty();
        assertThat(primed.pointsCollected()).isGreaterThan(30);
    }

    @Test
    void primingRunsAtLeastOneRound() {
        Settings settings = Settings.of(Map.of("AWS_REGION", "eu-west-1"));

        assertThatThrownBy(() -> Priming.prime(new RuleEngine(RuleSet.defaults()), settings, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one round");
    }
}
