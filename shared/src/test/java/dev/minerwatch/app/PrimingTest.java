package dev.minerwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

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

        Priming.Result primed = Priming.prime(new RuleEngine(RuleSet.defaults()), settings);

        assertThat(primed.eventsDecided()).isPositive();
        assertThat(primed.seriesWatched()).isEqualTo(9);
        // Query, BatchGetItem, GetItem + PutItem, BatchWriteItem, Query (states), two transactions, PublishBatch.
        assertThat(primed.awsCalls()).isEqualTo(9);
    }
}
