package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.SeriesId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The break-even rule: a fleet's margin at the day's hashprice, under 0 fires, above the re-arm margin resolves. */
class BreakevenRuleTest {

    private static final SeriesId HASHPRICE = SeriesId.HASHPRICE_USD_PH_DAY;

    /** Cost $40 per PH/s per day (20 J/TH × 24 × 1.0 PUE × $0.08 + $1.60), no pool fee: break-even at $40. */
    private static final FleetEconomics FLEET = new FleetEconomics(20, 0.08, 1.0, 0, 1.6);

    private static BreakevenRule rule(Double rearm) {
        return new BreakevenRule(info("fleet"), Timing.LATEST, FLEET, rearm);
    }

    @ParameterizedTest(name = "hashprice {0}, re-arm margin {1}: {2}")
    @CsvSource({
        "39.99, 1.0, FIRE",
        // exactly at break-even is not under water
        "40,    1.0, HOLD",
        "41,    1.0, HOLD",
        "41.01, 1.0, RESOLVE",
        // no re-arm margin: anything above break-even resolves
        "40.01, 0,   RESOLVE",
        "40,    0,   HOLD",
        // the default: 2% of the cost, $0.80
        "40.79, ,    HOLD",
        "40.81, ,    RESOLVE",
        "39.99, ,    FIRE"
    })
    void theFleetIsUnderWaterBelowBreakEvenAndResolvesOnlyStrictlyAboveTheReArmMargin(
            double hashprice, Double rearm, Signal signal) {
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-05", hashprice);

        Reading reading = run.read(rule(rearm), "2026-02-05");

        assertThat(reading.signal()).isEqualTo(signal);
        assertThat(reading.value()).isCloseTo(hashprice - 40, within(1e-9));
        assertThat(reading.threshold()).isZero();
        assertThat(reading.rearm()).isCloseTo(rearm == null ? 0.8 : rearm, within(1e-12));
        assertThat(reading.unit()).isEqualTo("USD margin per PH/s per day");
    }

    @Test
    void aBreakevenRuleAloneJudgesAFleetAndWatchesNoFreshness() {
        assertThat(rule(1.0).breakevenFleet()).contains(FLEET);
        assertThat(rule(1.0).watchesFreshness()).isFalse();
        assertThat(RuleSet.defaults().rules())
                .filteredOn(r -> !(r instanceof BreakevenRule))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.breakevenFleet()).isEmpty());
    }

    @Test
    void thePoolFeeComesOffTheRevenue() {
        FleetEconomics withFee = new FleetEconomics(20, 0.08, 1.0, 2, 1.6);
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-05", 40.5);

        // 40.5 × 0.98 = 39.69 < 40: under water with the fee, above break-even without it.
        assertThat(run.read(new BreakevenRule(info("fleet"), Timing.LATEST, withFee, 0.5), "2026-02-05")
                        .signal())
                .isEqualTo(Signal.FIRE);
        assertThat(run.read(rule(0.4), "2026-02-05").signal()).isEqualTo(Signal.RESOLVE);
    }

    @Test
    void everyReadingShowsTheMarginTheBreakEvenFiguresAndTheInputs() {
        FleetEconomics s19xp = new FleetEconomics(21.5, 0.055, 1.1, 2, 0);
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-05", 31.56);

        Reading reading = run.read(new BreakevenRule(info("fleet_s19xp"), Timing.LATEST, s19xp, 1.0), "2026-02-05");

        assertThat(reading.signal()).isEqualTo(Signal.FIRE);
        assertThat(reading.detail())
                .isEqualTo("margin -$0.29 per PH/s per day on 2026-02-05 at a hashprice of $31.56 per PH/s per day"
                        + " (revenue $30.93 after the pool fee, cost $31.22); break-even power price $0.0545/kWh,"
                        + " break-even hashprice $31.86; 21.5 J/TH, $0.0550/kWh, PUE 1.1, pool fee 2%;"
                        + " resolves above a margin of $1");
        assertThat(reading.basis())
                .isEqualTo("fleet of rule fleet_s19xp: 21.5 J/TH, $0.0550/kWh, PUE 1.1, pool fee 2%;"
                        + " break-even hashprice $31.86 per PH/s per day");
        assertThat(reading.subject().series()).isEqualTo(HASHPRICE);
    }

    @Test
    void latestReadsTheDayOrTheDayBeforeAndClosedDaysOnlyTheDay() {
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-04", 30);
        BreakevenRule closedDays = new BreakevenRule(info("fleet"), Timing.CLOSED_DAYS, FLEET, null);

        assertThat(run.read(rule(null), "2026-02-05").day()).isEqualTo("2026-02-04");
        assertThat(run.read(rule(null), "2026-02-06").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(rule(null), "2026-02-06").detail())
                .isEqualTo("no hashprice_usd_ph_day point on or the day before 2026-02-06");
        assertThat(run.read(closedDays, "2026-02-05").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(closedDays, "2026-02-05").detail())
                .isEqualTo("no hashprice_usd_ph_day point on 2026-02-05");
        assertThat(run.read(closedDays, "2026-02-04").signal()).isEqualTo(Signal.FIRE);
    }

    @Test
    void overTheDaysItFiresOnceResolvesOnceAndDoesNotFlapInsideTheReArmMargin() {
        EngineRun run = EngineRun.of(rule(1.0)).daily(HASHPRICE, "2026-02-01", 42, 39.5, 40.5, 39.9, 40.9, 41.2, 39.0);

        assertThat(run.replay("2026-02-01", "2026-02-07"))
                .containsExactly("FIRED 2026-02-02", "RESOLVED 2026-02-06", "FIRED 2026-02-07");
        assertThat(run.events.get(0).figures().value()).isCloseTo(-0.5, within(1e-9));
        assertThat(run.events.get(0).figures().unit()).isEqualTo("USD margin per PH/s per day");
        assertThat(run.events.get(0).figures().series()).isEqualTo(HASHPRICE);
    }

    @Test
    void itReadsTheHashpriceOfOneDay() {
        assertThat(rule(null).lookbackDays()).isEqualTo(Map.of(HASHPRICE, 1));
        assertThat(rule(null).kind()).isEqualTo("breakeven");
        assertThat(rule(null).series()).isEqualTo(HASHPRICE);
        assertThat(rule(null).eachDay()).isFalse();
    }

    @Test
    void aNegativeReArmMarginIsRefused() {
        assertThatThrownBy(() -> rule(-1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fleet: rearm_margin_usd_ph_day -1.0 must be a number of at least 0");
        assertThatThrownBy(() -> rule(Double.NaN)).hasMessageContaining("rearm_margin_usd_ph_day NaN");
    }

    /** An S19 XP fleet (21.5 J/TH, PUE 1.1, a 2% fee, $0.05/kWh), judged after the next retarget. */
    private static BreakevenRule projecting() {
        return new BreakevenRule(
                info("fleet_s19xp_next_retarget"),
                Timing.LATEST,
                new FleetEconomics(21.5, 0.05, 1.1, 2, 0),
                null,
                false,
                true);
    }

    @ParameterizedTest(name = "hashprice {0}, estimate {1}%: {2}")
    @CsvSource({
        // 31.56 / 1.10 × 0.98 − 28.38 = −0.2629: under water after the retarget, not today ($2.5488)
        "31.56, 10, FIRE",
        // 31.56 / 1.08 × 0.98 − 28.38 = +0.2578: above 0, under the re-arm margin (2% of $28.38, $0.5676)
        "31.56, 8,  HOLD",
        // an easier difficulty: well above the re-arm margin
        "31.56, -5, RESOLVE",
        // today under water already: the plain rule speaks, this one holds
        "28,    10, HOLD"
    })
    void theMarginAfterTheNextRetargetFiresAheadOfTimeAtTheIssuesHandComputedPoints(
            double hashprice, double estimate, Signal signal) {
        EngineRun run = EngineRun.history()
                .point(HASHPRICE, "2026-02-05", hashprice)
                .point(SeriesId.RETARGET_CHANGE_PCT, "2026-02-05", estimate);

        Reading reading = run.read(projecting(), "2026-02-05");

        assertThat(reading.signal()).isEqualTo(signal);
        assertThat(reading.value()).isCloseTo(hashprice / (1 + estimate / 100) * 0.98 - 28.38, within(1e-9));
        assertThat(projecting().lookbackDays()).containsOnlyKeys(HASHPRICE, SeriesId.RETARGET_CHANGE_PCT);
    }

    @Test
    void atPlusTenPercentTheProjectingRuleFiresOnceAndAtPlusEightItStaysQuiet() {
        EngineRun ten = EngineRun.of(projecting())
                .daily(HASHPRICE, "2026-02-03", 31.56, 31.56, 31.56)
                .daily(SeriesId.RETARGET_CHANGE_PCT, "2026-02-03", 10, 10, 10);
        EngineRun eight = EngineRun.of(projecting())
                .daily(HASHPRICE, "2026-02-03", 31.56, 31.56, 31.56)
                .daily(SeriesId.RETARGET_CHANGE_PCT, "2026-02-03", 8, 8, 8);

        assertThat(ten.replay("2026-02-03", "2026-02-05"))
                .singleElement()
                .asString()
                .contains("FIRED");
        assertThat(eight.replay("2026-02-03", "2026-02-05")).isEmpty();
        assertThat(ten.read(projecting(), "2026-02-05").detail())
                .contains("after the next retarget at mempool's estimate of +10.00%");
    }

    @Test
    void withoutAnEstimateTheProjectingRuleHasNoDataAndAnUnknownProjectionIsRefused() {
        EngineRun run = EngineRun.history().point(HASHPRICE, "2026-02-05", 31.56);

        assertThat(run.read(projecting(), "2026-02-05").signal()).isEqualTo(Signal.NO_DATA);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"fleet_x\", \"kind\": \"breakeven\", \"title\": \"t\","
                                + " \"severity\": \"warning\", \"meaning\": \"m\", \"joules_per_th\": 21.5,"
                                + " \"usd_per_kwh\": 0.05, \"project\": \"next_halving\"}]}",
                        "test"))
                .hasMessageContaining("rule fleet_x, field project: 'next_halving' is unknown; use next_retarget");
        assertThat(RuleSet.withOverrides(
                                "{\"rules\": [{\"id\": \"fleet_x\", \"kind\": \"breakeven\", \"title\": \"t\","
                                        + " \"severity\": \"warning\", \"meaning\": \"m\", \"joules_per_th\":"
                                        + " 21.5, \"usd_per_kwh\": 0.05, \"project\": \"next_retarget\"}]}",
                                "test")
                        .rules()
                        .stream()
                        .filter(rule -> rule.id().equals("fleet_x"))
                        .findFirst()
                        .orElseThrow()
                        .lookbackDays())
                .containsKey(SeriesId.RETARGET_CHANGE_PCT);
    }
}
