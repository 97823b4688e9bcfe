package dev.minerwatch.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DailyDigestTest {

    private static final LocalDate DAY = LocalDate.of(2026, 2, 5);
    private static final Instant NOW = Instant.parse("2026-02-05T07:00:00Z");

    private static final History PRICE_AND_MODEL_COST =
            History.window(List.of(point(SeriesId.BTC_USD, 69_280.0), point(SeriesId.PRODUCTION_COST_USD, 86_980.0)));

    private static DailyPoint point(SeriesId series, double value) {
        return new DailyPoint(series, DAY, value, null, List.of("test"), NOW, false, Map.of());
    }

    private static DailyDigest digest(Optional<Double> fixedProductionCost) {
        return DailyDigest.of(
                DAY,
                DAY,
                NOW,
                PRICE_AND_MODEL_COST,
                RuleSet.defaults(),
                fixedProductionCost,
                Map.of(),
                Retarget.unavailable("not asked"));
    }

    @Test
    void thePriceIsSetAgainstTheStoredProductionCost() {
        DailyDigest digest = digest(Optional.empty());

        assertThat(digest.lines().get(2))
                .isEqualTo("BTC $69,280 against a production cost of $86,980 (-20.3%: under the cost)");
        assertThat(digest.subject()).contains("$69,280 (-20.3% vs cost)");
    }

    @Test
    void aFixedProductionCostIsTheOneTheRulesUseSoTheDigestShowsItAndSaysWhereItComesFrom() {
        DailyDigest digest = digest(Optional.of(60_000.0));

        assertThat(digest.lines().get(2))
                .isEqualTo("BTC $69,280 against a production cost of $60,000 fixed by PRODUCTION_COST_USD (+15.5%)");
        assertThat(digest.subject()).contains("$69,280 (+15.5% vs cost)");
    }
}
