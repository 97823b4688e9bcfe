package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.ThresholdRule.Level;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The threshold rule: a series against a number or another series, with a re-arm level, or once per day. */
class ThresholdRuleTest {

    private static final SeriesId HASHPRICE = SeriesId.HASHPRICE_USD_PH_DAY;

    private static ThresholdRule closedDays(Condition condition, double threshold, Double rearm) {
        return new ThresholdRule(
                info("floor"), HASHPRICE, Timing.CLOSED_DAYS, condition, Level.fixed(threshold), rearm, 1.0, false);
    }

    private static ThresholdRule priceUnderCost(Timing timing) {
        return new ThresholdRule(
                info("under_cost"),
                SeriesId.BTC_USD,
                timing,
                Condition.BELOW,
                Level.of(SeriesId.PRODUCTION_COST_USD),
                null,
                1.03,
                false);
    }

    @ParameterizedTest(name = "{0} {1} against 40, re-arm {2}: {3}")
    @CsvSource({
        // strict: the threshold itself does not fire; the re-arm level itself does not resolve
        "BELOW,        39.99, 42, FIRE",
        "BELOW,        40,    42, HOLD",
        "BELOW,        42,    42, HOLD",
        "BELOW,        42.01, 42, RESOLVE",
        // non-strict: the threshold fires
        "AT_OR_BELOW,  40,    42, FIRE",
        "AT_OR_BELOW,  40.01, 42, HOLD",
        "AT_OR_BELOW,  42.01, 42, RESOLVE",
        // the above family mirrors it: re-armed under its level
        "ABOVE,        40.01, 38, FIRE",
        "ABOVE,        40,    38, HOLD",
        "ABOVE,        38,    38, HOLD",
        "ABOVE,        37.99, 38, RESOLVE",
        "AT_OR_ABOVE,  40,    38, FIRE",
        "AT_OR_ABOVE,  39.99, 38, HOLD",
        "AT_OR_ABOVE,  37.99, 38, RESOLVE",
        // no hysteresis: the re-arm level is the threshold, and the far side of it resolves at once
        "BELOW,        40.01, 40, RESOLVE",
        "AT_OR_ABOVE,  39.99, 40, RESOLVE"
    })
    void aValueFiresOnItsSideOfTheThresholdAndResolvesOnlyStrictlyPastTheReArmLevel(
            Condition condition, double value, double rearm, Signal signal) {
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-05", value);

        Reading reading = run.read(closedDays(condition, 40, rearm), "2026-02-05");

        assertThat(reading.signal()).isEqualTo(signal);
        assertThat(reading.threshold()).isEqualTo(40);
        assertThat(reading.rearm()).isEqualTo(rearm);
    }

    @Test
    void aThresholdFromASeriesIsItsNewestValueOfTheDayOrTheDayBeforeAndTheFactorSetsTheReArmLevel() {
        EngineRun run = EngineRun.history()
                .point(SeriesId.PRODUCTION_COST_USD, "2026-02-04", 87_000)
                .daily(SeriesId.BTC_USD, "2026-02-05", 89_610, 89_611);

        Reading atRearm = run.read(priceUnderCost(Timing.CLOSED_DAYS), "2026-02-05");
        Reading past = run.read(priceUnderCost(Timing.CLOSED_DAYS), "2026-02-06");

        assertThat(atRearm.threshold()).isEqualTo(87_000);
        assertThat(atRearm.rearm()).isCloseTo(89_610, within(1e-6));
        assertThat(atRearm.signal()).isEqualTo(Signal.HOLD);
        assertThat(past.signal())
                .as("the cost of the 4th is two days old on the 6th")
                .isEqualTo(Signal.NO_DATA);
        assertThat(past.detail()).isEqualTo("no production_cost_usd point on or the day before 2026-02-06");
        run.point(SeriesId.PRODUCTION_COST_USD, "2026-02-06", 87_000);
        assertThat(run.read(priceUnderCost(Timing.CLOSED_DAYS), "2026-02-06").signal())
                .isEqualTo(Signal.RESOLVE);
    }

    @Test
    void aLatestRuleReadsTheDaysOrYesterdaysValueAndAClosedDayRuleOnlyTheDaysOwn() {
        EngineRun run = EngineRun.history()
                .daily(SeriesId.PRODUCTION_COST_USD, "2026-02-04", 87_000, 87_000, 87_000)
                .point(SeriesId.BTC_USD, "2026-02-04", 80_000);

        Reading latest = run.read(priceUnderCost(Timing.LATEST), "2026-02-05");
        Reading closed = run.read(priceUnderCost(Timing.CLOSED_DAYS), "2026-02-05");
        Reading twoDaysOld = run.read(priceUnderCost(Timing.LATEST), "2026-02-06");

        assertThat(latest.signal()).isEqualTo(Signal.FIRE);
        assertThat(latest.day()).isEqualTo("2026-02-04");
        assertThat(closed.signal()).isEqualTo(Signal.NO_DATA);
        assertThat(closed.detail()).isEqualTo("no btc_usd point on 2026-02-05");
        assertThat(twoDaysOld.signal()).isEqualTo(Signal.NO_DATA);
        assertThat(twoDaysOld.detail()).isEqualTo("no btc_usd point on or the day before 2026-02-06");
    }

    @Test
    void itsSentenceNamesTheValueTheConditionAndTheSideItResolvesOn() {
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-05", 39.5);

        assertThat(run.read(closedDays(Condition.BELOW, 40, 42.0), "2026-02-05").detail())
                .isEqualTo("hashprice_usd_ph_day $39.50 per PH/s per day on 2026-02-05 against < $40 per PH/s per day;"
                        + " resolves above $42 per PH/s per day");
        assertThat(run.read(closedDays(Condition.AT_OR_ABOVE, 39, 38.0), "2026-02-05")
                        .detail())
                .isEqualTo("hashprice_usd_ph_day $39.50 per PH/s per day on 2026-02-05 against ≥ $39 per PH/s per day;"
                        + " resolves below $38 per PH/s per day");
        assertThat(run.read(closedDays(Condition.AT_OR_BELOW, 40, null), "2026-02-05")
                        .basis())
                .isEqualTo("fixed threshold of rule floor");
    }

    @Test
    void anEachDayRuleHasNoReArmLevelNeverResolvesAndSaysNothingOfResolving() {
        ThresholdRule outflow = new ThresholdRule(
                info("outflow"),
                SeriesId.ETF_NET_FLOW_USD,
                Timing.CLOSED_DAYS,
                Condition.AT_OR_BELOW,
                Level.fixed(-500e6),
                null,
                1.0,
                true);
        EngineRun run = EngineRun.of(outflow).sessions(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -600e6, 300e6);

        Reading fires = run.read(outflow, "2026-02-02");
        Reading inflow = run.read(outflow, "2026-02-03");

        assertThat(fires.signal()).isEqualTo(Signal.FIRE);
        assertThat(fires.rearm()).isNaN();
        assertThat(fires.detail()).isEqualTo("etf_net_flow_usd -$600.0M on 2026-02-02 against ≤ -$500.0M");
        assertThat(inflow.signal()).isEqualTo(Signal.HOLD);
        assertThat(run.replay("2026-02-02", "2026-02-04")).containsExactly("FIRED 2026-02-02");
    }

    @Test
    void theBasisOfASeriesThresholdNamesItsPointAndTheModelThatMadeIt() {
        assertThat(basisOfCostWith(Map.of("model", "drm", "version", "1", "A", "-4.4", "B", "1")))
                .isEqualTo("production_cost_usd of 2026-02-05, model drm v1 (A=-4.4, B=1)");
        assertThat(basisOfCostWith(Map.of("model", "drm"))).isEqualTo("production_cost_usd of 2026-02-05, model drm");
        assertThat(basisOfCostWith(Map.of("supplyBtc", "19980000")))
                .isEqualTo("production_cost_usd of 2026-02-05 (supplyBtc=19980000)");
        assertThat(basisOfCostWith(Map.of())).isEqualTo("production_cost_usd of 2026-02-05");
    }

    private static String basisOfCostWith(Map<String, String> details) {
        LocalDate day = LocalDate.parse("2026-02-05");
        EngineRun run = EngineRun.history()
                .point(SeriesId.BTC_USD, "2026-02-05", 70_000)
                .add(new DailyPoint(
                        SeriesId.PRODUCTION_COST_USD,
                        day,
                        87_000,
                        null,
                        List.of("derived"),
                        Instant.parse("2026-02-06T00:00:00Z"),
                        true,
                        new java.util.TreeMap<>(details)));
        return run.read(priceUnderCost(Timing.LATEST), "2026-02-05").basis();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1.03, Double.NaN, Double.POSITIVE_INFINITY})
    void aReArmFactorMustBeAPositiveNumber(double factor) {
        assertThatThrownBy(() -> new ThresholdRule(
                        info("t"), HASHPRICE, Timing.LATEST, Condition.BELOW, Level.fixed(40), null, factor, false))
                .hasMessage("t: rearm factor " + factor + " must be positive");
        assertThatThrownBy(() -> Level.fixed(Double.NaN)).hasMessage("threshold NaN is not a finite number");
    }

    @Test
    void itReadsOneDayOfItsSeriesAndOfItsThresholdSeriesAndIsAThresholdInRuleFiles() {
        assertThat(priceUnderCost(Timing.LATEST).lookbackDays())
                .containsExactly(Map.entry(SeriesId.BTC_USD, 1), Map.entry(SeriesId.PRODUCTION_COST_USD, 1));
        assertThat(closedDays(Condition.BELOW, 40, null).lookbackDays()).containsExactly(Map.entry(HASHPRICE, 1));
        assertThat(priceUnderCost(Timing.LATEST).kind()).isEqualTo("threshold");
    }
}
