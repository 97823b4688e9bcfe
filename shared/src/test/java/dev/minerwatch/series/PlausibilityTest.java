package dev.minerwatch.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A slip of units never reaches a rule with a fixed level: whatever the day, a value in the wrong unit is refused
 * against the series' previous value (the step bound) or by the magnitude of any real value (ETF flows). The rules
 * that compare a series with itself do not care about units at all ({@code RuleEnginePropertiesTest}).
 */
class PlausibilityTest {

    private static final LocalDate DAY = LocalDate.parse("2026-02-05");

    private static DailyPoint previous(SeriesId series, double value) {
        return new DailyPoint(series, DAY.minusDays(1), value, null, List.of("test"), Instant.EPOCH, true, Map.of());
    }

    @ParameterizedTest(name = "{0} × {1}: {2}")
    @CsvSource({
        "btc_usd,              100,    in cents",
        "btc_usd,              0.001,  in thousands of dollars",
        "eth_usd,              100,    in cents",
        "hashrate_ehs,         1000,   in PH/s",
        "hashrate_ehs,         1e6,    in TH/s",
        "hashrate_ehs,         0.001,  in ZH/s",
        "difficulty,           1e-12,  in trillions",
        "fees_btc_per_block,   1e8,    in satoshis",
        "fees_btc_per_block,   1e-4,   in ten-thousands of BTC"
    })
    void aDaysValueThatPassesIsRefusedInAnotherUnit(String id, double slip, String unit) {
        SeriesId series = SeriesId.fromId(id);
        SplittableRandom random = new SplittableRandom(id.hashCode());
        int passed = 0;
        for (int i = 0; i < 2_000; i++) {
            double before = Math.pow(10, random.nextDouble(-3, Math.log10(Plausibility.maxMagnitude(series))));
            double today = before * Math.pow(10, random.nextDouble(-2, 2));
            if (Plausibility.stepProblem(series, DAY, today, previous(series, before))
                    .isEmpty()) {
                passed++;
                assertThat(Plausibility.stepProblem(series, DAY, today * slip, previous(series, before)))
                        .as("%s %s after %s", today * slip, unit, before)
                        .isPresent();
            }
        }
        assertThat(passed).as("plausible days tried").isGreaterThan(100);
    }

    @ParameterizedTest(name = "a net flow of ${0}M")
    @CsvSource({"1", "-1", "20", "20.5", "-544.94", "2500", "-2500"})
    void anEtfFlowInMillionsIsUnderTheSmallestRealFlowAndInThousandsOverTheLargestOverTwentyMillions(double millions) {
        double flow = millions * 1e6;

        assertThat(Math.abs(flow / 1e6)).as("in millions").isLessThan(Plausibility.MIN_NONZERO_ETF_FLOW_USD);
        if (Math.abs(flow) > 20e6) {
            assertThat(Math.abs(flow * 1000))
                    .as("in thousands")
                    .isGreaterThan(Plausibility.maxMagnitude(SeriesId.ETF_NET_FLOW_USD));
        } else {
            // The known gap (docs/status.md): a small flow slipped by a thousand passes every fixed bound.
            assertThat(Math.abs(flow * 1000)).isLessThanOrEqualTo(Plausibility.maxMagnitude(SeriesId.ETF_NET_FLOW_USD));
        }
    }

    @org.junit.jupiter.api.Test
    void theStepBoundHoldsBetweenPointsAWeekApartAtMostAndSaysByHowMuchAValueMissedIt() {
        DailyPoint weekBefore = new DailyPoint(
                SeriesId.HASHRATE_EHS, DAY.minusDays(7), 800, null, List.of("test"), Instant.EPOCH, true, Map.of());

        assertThat(Plausibility.stepProblem(SeriesId.HASHRATE_EHS, DAY, 800_000, weekBefore))
                .hasValue("value 800000 is ×1000 the stored 2026-01-29 value 800, outside the bound ×4 / ÷4");
        assertThat(Plausibility.stepProblem(SeriesId.HASHRATE_EHS, DAY.plusDays(1), 800_000, weekBefore))
                .as("eight days on, the series may have moved further")
                .isEmpty();
        assertThat(Plausibility.ratio(0.8, 800_000)).isEqualTo("×0.000001");
        assertThat(Plausibility.ratio(810, 805_000)).isEqualTo("×0.001006");
    }
}
