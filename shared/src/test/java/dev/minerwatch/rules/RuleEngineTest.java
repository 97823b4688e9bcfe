package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.minerwatch.derive.ProductionCostModel;
import dev.minerwatch.history.History;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's semantics, rule kind by rule kind, on small hand-made histories. */
class RuleEngineTest {

    private final List<DailyPoint> points = new ArrayList<>();
    private final Map<String, RuleState> states = new HashMap<>();

    private void point(SeriesId series, String day, double value) {
        LocalDate d = LocalDate.parse(day);
        points.add(new DailyPoint(series, d, value, null, List.of("test"),
                d.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), true, Map.of()));
    }

    private void daily(SeriesId series, String from, double... values) {
        LocalDate day = LocalDate.parse(from);
        for (double v : values) {
            point(series, day.toString(), v);
            day = day.plusDays(1);
        }
    }

    /** Replaces a stored session's value, as a provider's later settlement does: observed at {@code asOf}. */
    private void revise(SeriesId series, String day, double value, String asOf) {
        LocalDate d = LocalDate.parse(day);
        points.removeIf(p -> p.series() == series && p.day().equals(d));
        points.add(new DailyPoint(series, d, value, null, List.of("sosovalue"), Instant.parse(asOf), true, Map.of()));
    }

    private static RuleEngine engine(String... ruleIds) {
        return new RuleEngine(RuleSet.defaults().only(List.of(ruleIds)));
    }

    /** Evaluates the end of each day from..to, as a replay does, keeping states; returns "KIND day" per event. */
    private List<String> replay(RuleEngine engine, String from, String to) {
        List<String> events = new ArrayList<>();
        History history = History.complete(points);
        for (LocalDate day = LocalDate.parse(from); !day.isAfter(LocalDate.parse(to)); day = day.plusDays(1)) {
            var outcome = engine.evaluate(history, states, EvaluationTime.endOf(day), "test", Instant.EPOCH);
            outcome.changes().forEach((k, c) -> states.put(k, c.next()));
            outcome.events().forEach(e -> events.add(e.kind() + " " + e.day()));
        }
        return events;
    }

    /** One live (scheduled) evaluation at {@code instant}, keeping states; returns "KIND day" per event. */
    private List<String> live(RuleEngine engine, String instant) {
        var outcome = engine.evaluate(History.window(points), states, EvaluationTime.live(Instant.parse(instant)),
                "run at " + instant, Instant.parse(instant));
        outcome.changes().forEach((k, c) -> states.put(k, c.next()));
        return outcome.events().stream().map(e -> e.kind() + " " + e.day()).toList();
    }

    @Test
    void aThresholdFiresUnderItsLevelHoldsInTheBandAndResolvesOnlyPastTheRearmLevel() {
        daily(SeriesId.PRODUCTION_COST_USD, "2026-02-01", 87_000, 87_000, 87_000, 87_000, 87_000, 87_000);
        // under, in the band (above cost, under cost x 1.03), at exactly 1.03 x cost, above it, under again
        daily(SeriesId.BTC_USD, "2026-02-01", 86_000, 88_000, 89_610, 89_700, 86_999, 86_000);

        assertThat(replay(engine("price_below_production_cost"), "2026-02-01", "2026-02-06"))
                .containsExactly("FIRED 2026-02-01", "RESOLVED 2026-02-04", "FIRED 2026-02-05");
    }

    @Test
    void theFebruary2026FiguresPutTheDefaultCostNear87kAndTheRuleFiresOnceHoweverOftenTheDayIsFed() {
        double supply = 19_980_000;
        double cost = ProductionCostModel.DifficultyRegression.DEFAULT.costUsdPerBtc(
                new ProductionCostModel.Network(141.67e12, supply, 3.125, 0.025));
        assertThat(cost).isCloseTo(87_000, within(100.0));
        point(SeriesId.PRODUCTION_COST_USD, "2026-02-05", cost);
        point(SeriesId.BTC_USD, "2026-02-05", 69_280);
        RuleEngine engine = engine("price_below_production_cost");

        List<String> first = replay(engine, "2026-02-05", "2026-02-05");
        List<String> again = replay(engine, "2026-02-05", "2026-02-05");

        assertThat(first).containsExactly("FIRED 2026-02-05");
        assertThat(again).isEmpty();
    }

    @Test
    void anEachDayRuleFiresOncePerQualifyingSessionAndIgnoresRowsOnHolidays() {
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-08", -568_800_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-09", -900_000_000); // special closure: not a session
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-10", -600_000_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-13", -100_000_000);

        assertThat(replay(engine("etf_daily_outflow"), "2025-01-07", "2025-01-14"))
                .containsExactly("FIRED 2025-01-08", "FIRED 2025-01-10");
    }

    @Test
    void aStreakCountsSessionsAcrossClosuresFiresOnceAndResolvesOnTheFirstInflow() {
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-07", 52_400_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-08", -568_800_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-09", 0);            // closure row, as published
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-10", -149_400_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-13", -284_100_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-14", -209_400_000); // fourth session: fires
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-15", -10_000_000);  // fifth: still one event
        point(SeriesId.ETF_NET_FLOW_USD, "2025-01-16", 626_000_000);  // inflow: resolves

        assertThat(replay(engine("etf_outflow_streak"), "2025-01-07", "2025-01-20"))
                .containsExactly("FIRED 2025-01-14", "RESOLVED 2025-01-16");
    }

    @Test
    void aStreakWithASessionMissingFromTheDataIsNotConfirmed() {
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-26", -1);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-27", -1);
        // 2026-01-28 is a session, missing
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-29", -1);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-30", -1);

        assertThat(replay(engine("etf_outflow_streak"), "2026-01-26", "2026-01-31")).isEmpty();
    }

    @Test
    void aRollingSumFiresAtMinusOneBillionOverFiveSessionsAndResolvesAboveIt() {
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-26", -200_000_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-27", -200_000_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-28", -200_000_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-29", -200_000_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-30", -200_000_000); // sum exactly -1B: fires (at or below)
        point(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -199_000_000); // -999M: resolves

        assertThat(replay(engine("etf_rolling_outflow"), "2026-01-26", "2026-02-03"))
                .containsExactly("FIRED 2026-01-30", "RESOLVED 2026-02-02");
    }

    @Test
    void aMovingAverageCrossNeedsItsConfirmingDaysSoATwoDayDipDoesNotFire() {
        // The hash ribbon with 1- and 2-day means (an override): the fast mean is under the slow one exactly
        // on the days the value falls.
        RuleEngine engine = new RuleEngine(RuleSet.withOverrides(
                "{\"rules\": [{\"id\": \"hash_ribbon_capitulation\", \"fast_days\": 1, \"slow_days\": 2}]}", "test")
                .only(List.of("hash_ribbon_capitulation")));
        //                  falls twice   rises     falls three times   rises three times
        daily(SeriesId.HASHRATE_EHS, "2026-01-01", 10, 9, 8, 9, 10, 9, 8, 7, 8, 9, 10, 11);

        assertThat(replay(engine, "2026-01-01", "2026-01-12")).containsExactly("FIRED 2026-01-08", "RESOLVED 2026-01-11");
    }

    @Test
    void aRuleThatIsAlreadyTrueWhenEvaluationStartsFiresOnTheFirstEvaluatedDay() {
        daily(SeriesId.PRODUCTION_COST_USD, "2026-02-01", 87_000, 87_000);
        daily(SeriesId.BTC_USD, "2026-02-01", 60_000, 60_000);

        assertThat(replay(engine("price_below_production_cost"), "2026-02-02", "2026-02-02"))
                .containsExactly("FIRED 2026-02-02");
    }

    @Test
    void hashrateDrawdownComparesTheSevenDayAverageWithItsHundredEightyDayHigh() {
        double[] hashrate = new double[200];
        java.util.Arrays.fill(hashrate, 1000);
        for (int i = 190; i < 200; i++) {
            hashrate[i] = 800; // 20% under
        }
        daily(SeriesId.HASHRATE_EHS, "2025-01-01", hashrate);

        List<String> events = replay(engine("hashrate_drawdown"), "2025-01-01", "2025-07-19");

        // With k days of 800 the 7-day average is 1000 - 200k/7: 15% under (850 or less) from k = 6.
        assertThat(events).containsExactly("FIRED " + LocalDate.parse("2025-01-01").plusDays(195));
    }

    @Test
    void staleDataFiresOncePerSeriesAndResolvesWhenItUpdates() {
        daily(SeriesId.BTC_USD, "2026-02-01", 70_000, 70_000);
        point(SeriesId.BTC_USD, "2026-02-05", 70_000);
        RuleEngine engine = new RuleEngine(RuleSet.defaults().only(List.of("data_stale")));

        assertThat(replay(engine, "2026-02-01", "2026-02-05"))
                .containsExactly("FIRED 2026-02-03", "RESOLVED 2026-02-05");
        assertThat(states).containsKey("data_stale/btc_usd").doesNotContainKey("data_stale/eth_usd");
    }

    @Test
    void inALiveWindowASeriesWithNoPointAtAllIsStale() {
        RuleEngine engine = new RuleEngine(RuleSet.defaults().only(List.of("data_stale")));

        var outcome = engine.evaluate(History.window(List.of()), Map.of(),
                EvaluationTime.live(Instant.parse("2026-02-05T14:05:00Z")), "exec", Instant.EPOCH);

        assertThat(outcome.events()).extracting(e -> e.stateKey()).contains("data_stale/btc_usd",
                "data_stale/etf_net_flow_usd");
    }

    @Test
    void aLiveRunAfterAnOutageReadsEveryMissedClosedDayInOrder() {
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-28", -19_600_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-29", -817_800_000);
        point(SeriesId.ETF_NET_FLOW_USD, "2026-01-30", -509_700_000);
        RuleEngine engine = engine("etf_daily_outflow");
        states.put("etf_daily_outflow", new RuleState("etf_daily_outflow", false, 7, LocalDate.parse("2026-01-27"), null, null,
                DaysRead.NONE));

        var outcome = engine.evaluate(History.window(points), states,
                EvaluationTime.live(Instant.parse("2026-02-02T00:05:00Z")), "exec", Instant.EPOCH);

        assertThat(outcome.events()).extracting(AlertEvent::key)
                .containsExactly("2026-01-29#etf_daily_outflow#8", "2026-01-30#etf_daily_outflow#9");
        assertThat(outcome.changes().get("etf_daily_outflow").next().evaluatedThrough()).isEqualTo("2026-02-01");
    }

    @Test
    void eventsCarryTheirProvenanceAndTheRulesVersion() {
        point(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", -544_940_000);

        var outcome = engine("etf_daily_outflow").evaluate(History.complete(points), Map.of(),
                EvaluationTime.endOf(LocalDate.parse("2026-02-04")), "exec-1", Instant.EPOCH);

        assertThat(outcome.events()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(-544_940_000);
            assertThat(e.threshold()).isEqualTo(-500_000_000);
            assertThat(e.sources()).containsExactly("test");
            assertThat(e.dayFinal()).isTrue();
            assertThat(e.thresholdBasis()).contains("rules 2026-11-24.1");
            assertThat(e.severity()).isEqualTo(Severity.WARNING);
            assertThat(e.detail()).contains("-$544.9M");
        });
    }

    // Evaluation time only moves forward ---------------------------------------------------------------------------

    @Test
    void aDelayedRetryOfAnEarlierRunDecidesNothingForALatestObservationRule() {
        daily(SeriesId.PRODUCTION_COST_USD, "2026-02-09", 87_000, 87_000);
        daily(SeriesId.BTC_USD, "2026-02-09", 90_000, 80_000); // above the re-arm level on the 9th, under cost on the 10th
        RuleEngine engine = engine("price_below_production_cost");

        List<String> today = live(engine, "2026-02-10T14:00:00Z");
        List<String> retryOfYesterday = live(engine, "2026-02-09T14:00:00Z");
        List<String> retryEarlierToday = live(engine, "2026-02-10T13:45:00Z");
        List<String> next = live(engine, "2026-02-10T14:15:00Z");

        assertThat(today).containsExactly("FIRED 2026-02-10");
        assertThat(retryOfYesterday).as("the 9th's price is past: no RESOLVED").isEmpty();
        assertThat(retryEarlierToday).isEmpty();
        assertThat(next).as("so no second FIRED for one crossing").isEmpty();
        assertThat(states.get("price_below_production_cost").evaluatedAt()).isEqualTo("2026-02-10T14:00:00Z");
    }

    @Test
    void aDelayedRetryOfAnEarlierRunNeitherReadsAClosedDayTheStateHasPassedNorMovesItBack() {
        // Five sessions through Feb 10 sum to -1.1B (fires); through Feb 9 to -0.5B (would resolve).
        for (String day : List.of("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06", "2026-02-09")) {
            point(SeriesId.ETF_NET_FLOW_USD, day, -100_000_000);
        }
        point(SeriesId.ETF_NET_FLOW_USD, "2026-02-10", -700_000_000);
        RuleEngine engine = engine("etf_rolling_outflow");

        List<String> today = live(engine, "2026-02-11T14:00:00Z");
        List<String> retryOfYesterday = live(engine, "2026-02-10T14:00:00Z");
        List<String> next = live(engine, "2026-02-11T14:15:00Z");

        assertThat(today).containsExactly("FIRED 2026-02-10");
        assertThat(retryOfYesterday).isEmpty();
        assertThat(next).isEmpty();
        assertThat(states.get("etf_rolling_outflow").evaluatedThrough()).isEqualTo("2026-02-10");
    }

    @Test
    void aRunAtTheSameOrAnEarlierInstantThanTheStatesLastDecisionIsReportedAsPassed() {
        daily(SeriesId.PRODUCTION_COST_USD, "2026-02-10", 87_000);
        daily(SeriesId.BTC_USD, "2026-02-10", 80_000);
        RuleEngine engine = engine("price_below_production_cost");
        live(engine, "2026-02-10T14:00:00Z");

        var outcome = engine.evaluate(History.window(points), states,
                EvaluationTime.live(Instant.parse("2026-02-10T13:00:00Z")), "late retry", Instant.EPOCH);

        assertThat(outcome.events()).isEmpty();
        assertThat(outcome.changes()).isEmpty();
        assertThat(outcome.notRead()).singleElement().asString().contains("price_below_production_cost")
                .contains("2026-02-10T14:00:00Z");
    }

    // Finality and revisions --------------------------------------------------------------------------------------

    @Test
    void aSessionRevisedTwoDaysLaterToCrossTheThresholdFiresOnceForThatSession() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -400_000_000, "2026-02-03T02:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");
        RuleEngine engine = engine("etf_daily_outflow");

        List<String> first = live(engine, "2026-02-03T14:00:00Z");
        List<String> next = live(engine, "2026-02-04T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -600_000_000, "2026-02-04T15:00:00Z"); // SoSoValue revises
        List<String> afterRevision = live(engine, "2026-02-04T16:00:00Z");
        List<String> later = live(engine, "2026-02-04T17:00:00Z");
        List<String> nextDay = live(engine, "2026-02-05T14:00:00Z");

        assertThat(first).isEmpty();
        assertThat(next).isEmpty();
        assertThat(afterRevision).containsExactly("FIRED 2026-02-02");
        assertThat(later).isEmpty();
        assertThat(nextDay).isEmpty();
    }

    @Test
    void aRevisedSessionOlderThanOneThatAlreadyFiredStillFiresOnce() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -400_000_000, "2026-02-03T02:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -800_000_000, "2026-02-04T02:00:00Z");
        RuleEngine engine = engine("etf_daily_outflow");

        List<String> first = live(engine, "2026-02-03T14:00:00Z");
        List<String> next = live(engine, "2026-02-04T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -600_000_000, "2026-02-05T15:00:00Z");
        List<String> afterRevision = live(engine, "2026-02-05T16:00:00Z");
        List<String> later = live(engine, "2026-02-06T16:00:00Z");

        assertThat(first).isEmpty();
        assertThat(next).containsExactly("FIRED 2026-02-03");
        assertThat(afterRevision).as("the 2nd now qualifies; the 3rd fired already").containsExactly("FIRED 2026-02-02");
        assertThat(later).isEmpty();
    }

    @Test
    void aSessionPublishedAfterTheNextOneIsReadWhenItArrives() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");
        RuleEngine engine = engine("etf_daily_outflow");

        List<String> without = live(engine, "2026-02-04T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -700_000_000, "2026-02-04T15:00:00Z"); // a day late
        List<String> arrived = live(engine, "2026-02-04T16:00:00Z");

        assertThat(without).isEmpty();
        assertThat(arrived).containsExactly("FIRED 2026-02-02");
    }

    @Test
    void aPointReadAgainWithTheSameValueIsNoRevisionHoweverLateItWasObserved() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -700_000_000, "2026-02-03T02:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");
        RuleEngine engine = engine("etf_daily_outflow");

        List<String> first = live(engine, "2026-02-04T14:00:00Z");
        // The collector of the same cycle writes the same figures a moment after the evaluation's scheduled time.
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -700_000_000, "2026-02-04T14:00:30Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -100_000_000, "2026-02-04T14:00:30Z");
        List<String> next = live(engine, "2026-02-05T14:00:00Z");

        assertThat(first).as("a first evaluation reads the newest closed day only").isEmpty();
        assertThat(next).as("the 2nd qualified before the first evaluation and was never revised").isEmpty();
    }

    @Test
    void anImportThatChangesAReadDayIsARevisionThoughItsPointIsStampedAtTheDaysEnd() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -100_000_000, "2026-02-03T02:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");
        RuleEngine engine = engine("etf_daily_outflow");

        live(engine, "2026-02-03T14:00:00Z");
        live(engine, "2026-02-04T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -650_000_000, "2026-02-03T00:00:00Z"); // as import stamps it

        assertThat(live(engine, "2026-02-04T16:00:00Z")).containsExactly("FIRED 2026-02-02");
    }

    @Test
    void aStateStoredBeforeDaysWereRememberedDoesNotFireItsNewestDayAgain() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -800_000_000, "2026-02-04T02:00:00Z");
        states.put("etf_daily_outflow", new RuleState("etf_daily_outflow", false, 4, LocalDate.parse("2026-02-03"),
                LocalDate.parse("2026-02-03"), Instant.parse("2026-02-04T14:00:00Z"), DaysRead.NONE));

        assertThat(live(engine("etf_daily_outflow"), "2026-02-04T16:00:00Z")).isEmpty();
    }

    @Test
    void aRevisionOfAnAlreadyQualifyingSessionDoesNotFireItAgain() {
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -600_000_000, "2026-02-03T02:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");
        RuleEngine engine = engine("etf_daily_outflow");

        List<String> first = live(engine, "2026-02-03T14:00:00Z");
        List<String> next = live(engine, "2026-02-04T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -700_000_000, "2026-02-04T15:00:00Z");
        List<String> afterRevision = live(engine, "2026-02-04T16:00:00Z");

        assertThat(first).containsExactly("FIRED 2026-02-02");
        assertThat(next).isEmpty();
        assertThat(afterRevision).isEmpty();
    }

    @Test
    void aRevisionThatUndoesAStreakResolvesItOnce() {
        for (String day : List.of("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05")) {
            revise(SeriesId.ETF_NET_FLOW_USD, day, -100_000_000, LocalDate.parse(day).plusDays(1) + "T02:00:00Z");
        }
        RuleEngine engine = engine("etf_outflow_streak");

        List<String> fired = live(engine, "2026-02-06T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", 50_000_000, "2026-02-06T15:00:00Z"); // an inflow after all
        List<String> afterRevision = live(engine, "2026-02-06T16:00:00Z");
        List<String> later = live(engine, "2026-02-07T14:00:00Z");

        assertThat(fired).containsExactly("FIRED 2026-02-05");
        assertThat(afterRevision).as("the FIRED of the 5th stood on the 4th: withdrawn").containsExactly("RESOLVED 2026-02-05");
        assertThat(later).isEmpty();
        assertThat(states.get("etf_outflow_streak").active()).isFalse();
    }

    @Test
    void aRevisionThatKeepsAStreakTrueChangesNothing() {
        for (String day : List.of("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05")) {
            revise(SeriesId.ETF_NET_FLOW_USD, day, -100_000_000, LocalDate.parse(day).plusDays(1) + "T02:00:00Z");
        }
        RuleEngine engine = engine("etf_outflow_streak", "etf_rolling_outflow");

        List<String> fired = live(engine, "2026-02-06T14:00:00Z");
        revise(SeriesId.ETF_NET_FLOW_USD, "2026-02-03", -300_000_000, "2026-02-06T15:00:00Z");
        List<String> afterRevision = live(engine, "2026-02-06T16:00:00Z");

        assertThat(fired).containsExactly("FIRED 2026-02-05");
        assertThat(afterRevision).isEmpty();
    }
}
