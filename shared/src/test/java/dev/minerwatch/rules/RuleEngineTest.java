package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's semantics on small hand-made histories: the default rules end to end, catch-up after an outage,
 * evaluation time that only moves forward, finality and revisions. Each rule kind's own boundaries are specified in
 * its test ({@code ThresholdRuleTest}, {@code StreakRuleTest}, ...).
 */
class RuleEngineTest {

    private static final SeriesId FLOW = SeriesId.ETF_NET_FLOW_USD;
    private static final SeriesId HASHRATE = SeriesId.HASHRATE_EHS;
    /** A closed-day threshold on a daily series: hashrate under 100 EH/s, re-armed over 110. */
    static final ThresholdRule HASHRATE_BELOW = new ThresholdRule(
            info("hashrate_below"),
            HASHRATE,
            Timing.CLOSED_DAYS,
            Condition.BELOW,
            ThresholdRule.Level.fixed(100),
            110.0,
            1.0,
            false);

    @Test
    void aThresholdFiresUnderItsLevelHoldsInTheBandAndResolvesOnlyPastTheRearmLevel() {
        EngineRun run = EngineRun.of("price_below_production_cost")
                .daily(SeriesId.PRODUCTION_COST_USD, "2026-02-01", 87_000, 87_000, 87_000, 87_000, 87_000, 87_000)
                // under, in the band (above cost, under cost x 1.03), at exactly 1.03 x cost, above it, under again
                .daily(SeriesId.BTC_USD, "2026-02-01", 86_000, 88_000, 89_610, 89_700, 86_999, 86_000);

        assertThat(run.replay("2026-02-01", "2026-02-06"))
                .containsExactly("FIRED 2026-02-01", "RESOLVED 2026-02-04", "FIRED 2026-02-05");
    }

    @Test
    void theFebruary2026FiguresPutTheDefaultCostNear87kAndTheRuleFiresOnceHoweverOftenTheDayIsFed() {
        double supply = 19_980_000;
        double cost = ProductionCostModel.DifficultyRegression.DEFAULT.costUsdPerBtc(
                new ProductionCostModel.Network(141.67e12, supply, 3.125, 0.025));
        assertThat(cost).isCloseTo(87_000, within(100.0));
        EngineRun run = EngineRun.of("price_below_production_cost")
                .point(SeriesId.PRODUCTION_COST_USD, "2026-02-05", cost)
                .point(SeriesId.BTC_USD, "2026-02-05", 69_280);

        List<String> first = run.replay("2026-02-05", "2026-02-05");
        List<String> again = run.replay("2026-02-05", "2026-02-05");

        assertThat(first).containsExactly("FIRED 2026-02-05");
        assertThat(again).isEmpty();
    }

    @Test
    void anEachDayRuleFiresOncePerQualifyingSessionAndIgnoresRowsOnHolidays() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .point(FLOW, "2025-01-08", -568_800_000)
                .point(FLOW, "2025-01-09", -900_000_000) // special closure: not a session
                .point(FLOW, "2025-01-10", -600_000_000)
                .point(FLOW, "2025-01-13", -100_000_000);

        assertThat(run.replay("2025-01-07", "2025-01-14")).containsExactly("FIRED 2025-01-08", "FIRED 2025-01-10");
    }

    @Test
    void aStreakCountsSessionsAcrossClosuresFiresOnceAndResolvesOnTheFirstInflow() {
        EngineRun run = EngineRun.of("etf_outflow_streak")
                .point(FLOW, "2025-01-07", 52_400_000)
                .point(FLOW, "2025-01-08", -568_800_000)
                .point(FLOW, "2025-01-09", 0) // closure row, as published
                .point(FLOW, "2025-01-10", -149_400_000)
                .point(FLOW, "2025-01-13", -284_100_000)
                .point(FLOW, "2025-01-14", -209_400_000) // fourth session: fires
                .point(FLOW, "2025-01-15", -10_000_000) // fifth: still one event
                .point(FLOW, "2025-01-16", 626_000_000); // inflow: resolves

        assertThat(run.replay("2025-01-07", "2025-01-20")).containsExactly("FIRED 2025-01-14", "RESOLVED 2025-01-16");
    }

    @Test
    void aStreakWithASessionMissingFromTheDataIsNotConfirmed() {
        EngineRun run = EngineRun.of("etf_outflow_streak")
                .point(FLOW, "2026-01-26", -1)
                .point(FLOW, "2026-01-27", -1)
                // 2026-01-28 is a session, missing
                .point(FLOW, "2026-01-29", -1)
                .point(FLOW, "2026-01-30", -1);

        assertThat(run.replay("2026-01-26", "2026-01-31")).isEmpty();
    }

    @Test
    void aRollingSumFiresAtMinusOneBillionOverFiveSessionsAndResolvesAboveIt() {
        EngineRun run = EngineRun.of("etf_rolling_outflow")
                .sessions(
                        FLOW,
                        "2026-01-26",
                        -200_000_000,
                        -200_000_000,
                        -200_000_000,
                        -200_000_000,
                        -200_000_000) // sum exactly -1B: fires (at or below)
                .point(FLOW, "2026-02-02", -199_000_000); // -999M: resolves

        assertThat(run.replay("2026-01-26", "2026-02-03")).containsExactly("FIRED 2026-01-30", "RESOLVED 2026-02-02");
    }

    @Test
    void aMovingAverageCrossNeedsItsConfirmingDaysSoATwoDayDipDoesNotFire() {
        // The hash ribbon with 1- and 2-day means (an override): the fast mean is under the slow one exactly
        // on the days the value falls.
        EngineRun run = EngineRun.of(RuleSet.withOverrides(
                                "{\"rules\": [{\"id\": \"hash_ribbon_capitulation\", \"fast_days\": 1, \"slow_days\": 2}]}",
                                "test")
                        .only(List.of("hash_ribbon_capitulation")))
                //                    falls twice   rises     falls three times   rises three times
                .daily(HASHRATE, "2026-01-01", 10, 9, 8, 9, 10, 9, 8, 7, 8, 9, 10, 11);

        assertThat(run.replay("2026-01-01", "2026-01-12")).containsExactly("FIRED 2026-01-08", "RESOLVED 2026-01-11");
    }

    @Test
    void aRuleThatIsAlreadyTrueWhenEvaluationStartsFiresOnTheFirstEvaluatedDay() {
        EngineRun run = EngineRun.of("price_below_production_cost")
                .daily(SeriesId.PRODUCTION_COST_USD, "2026-02-01", 87_000, 87_000)
                .daily(SeriesId.BTC_USD, "2026-02-01", 60_000, 60_000);

        assertThat(run.replay("2026-02-02", "2026-02-02")).containsExactly("FIRED 2026-02-02");
    }

    @Test
    void aClosedDayRuleThatAlreadyHoldsFiresOnItsFirstRunForTheSessionItStandsOn() {
        EngineRun run = EngineRun.of("etf_outflow_streak").sessions(FLOW, "2026-01-26", -1e8, -1e8, -1e8, -1e8, -1e8);

        assertThat(run.live("2026-02-02T14:00:00Z"))
                .as("the first run reads Sunday the 1st")
                .containsExactly("FIRED 2026-01-30");
        assertThat(run.live("2026-02-03T14:00:00Z")).isEmpty();
    }

    @Test
    void hashrateDrawdownComparesTheSevenDayAverageWithItsHundredEightyDayHigh() {
        double[] hashrate = new double[200];
        java.util.Arrays.fill(hashrate, 1000);
        for (int i = 190; i < 200; i++) {
            hashrate[i] = 800; // 20% under
        }
        EngineRun run = EngineRun.of("hashrate_drawdown").daily(HASHRATE, "2025-01-01", hashrate);

        List<String> events = run.replay("2025-01-01", "2025-07-19");

        // With k days of 800 the 7-day average is 1000 - 200k/7: 15% under (850 or less) from k = 6.
        assertThat(events)
                .containsExactly("FIRED " + LocalDate.parse("2025-01-01").plusDays(195));
    }

    @Test
    void staleDataFiresOncePerSeriesAndResolvesWhenItUpdates() {
        EngineRun run = EngineRun.of("data_stale")
                .daily(SeriesId.BTC_USD, "2026-02-01", 70_000, 70_000)
                .point(SeriesId.BTC_USD, "2026-02-05", 70_000);

        assertThat(run.replay("2026-02-01", "2026-02-05")).containsExactly("FIRED 2026-02-03", "RESOLVED 2026-02-05");
        assertThat(run.states).containsKey("data_stale/btc_usd").doesNotContainKey("data_stale/eth_usd");
    }

    @Test
    void inALiveWindowASeriesWithNoPointAtAllIsStale() {
        EngineRun run = EngineRun.of("data_stale");

        run.live("2026-02-05T14:05:00Z");

        assertThat(run.outcome().events())
                .extracting(AlertEvent::stateKey)
                .contains("data_stale/btc_usd", "data_stale/etf_net_flow_usd");
    }

    @Test
    void eventsCarryTheirProvenanceAndTheRulesVersion() {
        EngineRun run = EngineRun.of("etf_daily_outflow").point(FLOW, "2026-02-04", -544_940_000);

        run.replay("2026-02-04", "2026-02-04");

        assertThat(run.outcome().events()).singleElement().satisfies(e -> {
            assertThat(e.figures().value()).isEqualTo(-544_940_000);
            assertThat(e.figures().threshold()).isEqualTo(-500_000_000);
            assertThat(e.explanation().sources()).containsExactly("test");
            assertThat(e.figures().dayFinal()).isTrue();
            assertThat(e.explanation().thresholdBasis()).contains("rules 2026-11-24.1");
            assertThat(e.origin().severity()).isEqualTo(Severity.WARNING);
            assertThat(e.explanation().detail()).contains("-$544.9M");
        });
    }

    // What a live evaluation reads, and catch-up after an outage ----------------------------------------------------

    @Test
    void aLiveEvaluationReadsEachRulesLookBackAndTheFourteenCatchUpDaysMoreForClosedDayRules() {
        RuleSet defaults = RuleSet.defaults();
        RuleEngine engine = new RuleEngine(defaults);

        assertThat(engine.rules()).isSameAs(defaults);
        assertThat(engine.lookbackDays())
                .containsOnly(
                        entry(SeriesId.BTC_USD, 1),
                        entry(SeriesId.ETH_USD, 1),
                        entry(SeriesId.BTC_ATH_USD, 1),
                        entry(SeriesId.DIFFICULTY, 1),
                        entry(SeriesId.FEES_BTC_PER_BLOCK, 1),
                        entry(SeriesId.HASHPRICE_USD_PH_DAY, 1),
                        entry(SeriesId.PRODUCTION_COST_USD, 1),
                        // the 7-day average's 180-day high; the 5-session sum's 17 calendar days
                        entry(HASHRATE, 180 + 7 + 14),
                        entry(FLOW, 17 + 14));
        assertThat(new RuleEngine(defaults.only(List.of("hash_ribbon_capitulation"))).lookbackDays())
                .containsOnly(entry(HASHRATE, 60 + 3 + 14));
    }

    @Test
    void aLiveRunAfterAnOutageReadsEveryMissedClosedDayInOrder() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .point(FLOW, "2026-01-28", -19_600_000)
                .point(FLOW, "2026-01-29", -817_800_000)
                .point(FLOW, "2026-01-30", -509_700_000);
        run.states.put(
                "etf_daily_outflow",
                new RuleState("etf_daily_outflow", false, 7, LocalDate.parse("2026-01-27"), null, null, DaysRead.NONE));

        run.live("2026-02-02T00:05:00Z");

        assertThat(run.outcome().events())
                .extracting(AlertEvent::key)
                .containsExactly("2026-01-29#etf_daily_outflow#8", "2026-01-30#etf_daily_outflow#9");
        RuleState next = run.state("etf_daily_outflow");
        assertThat(next.evaluatedThrough()).isEqualTo("2026-02-01");
        assertThat(next.version()).as("never behind the events it numbered").isGreaterThanOrEqualTo(9);
    }

    @Test
    void aRunAfterAnOutageLongerThanTheCatchUpReadsOnlyItsFourteenNewestDays() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .point(FLOW, "2026-01-15", -600_000_000) // 15 days before the newest closed day: too old
                .point(FLOW, "2026-01-16", -600_000_000); // the oldest day of the catch-up
        run.states.put(
                "etf_daily_outflow",
                new RuleState("etf_daily_outflow", false, 3, LocalDate.parse("2026-01-02"), null, null, DaysRead.NONE));

        assertThat(run.live("2026-01-30T14:00:00Z")).containsExactly("FIRED 2026-01-16");
        assertThat(run.state("etf_daily_outflow").evaluatedThrough()).isEqualTo("2026-01-29");
    }

    @Test
    void aClosedDayWithoutDataIsPassedSilentlyInACatchUpAndReportedWhenItIsTheNewest() {
        EngineRun run =
                EngineRun.of(HASHRATE_BELOW).point(HASHRATE, "2026-01-01", 90).point(HASHRATE, "2026-01-03", 95);
        run.states.put(
                "hashrate_below",
                new RuleState("hashrate_below", false, 1, LocalDate.parse("2025-12-31"), null, null, DaysRead.NONE));

        List<String> catchUp = run.live("2026-01-04T14:00:00Z");
        List<String> reported =
                run.outcome().notRead().stream().map(Object::toString).toList();
        run.live("2026-01-05T14:00:00Z");

        assertThat(catchUp).containsExactly("FIRED 2026-01-01");
        assertThat(reported)
                .as("the 2nd has no point, but it is not the newest")
                .isEmpty();
        assertThat(run.outcome().notRead())
                .map(Object::toString)
                .containsExactly("hashrate_below: no hashrate_ehs point on 2026-01-04");
    }

    @Test
    void aLatestObservationRuleWithoutDataIsReportedAsNotRead() {
        EngineRun run = EngineRun.of("price_below_production_cost");

        assertThat(run.live("2026-02-05T14:00:00Z")).isEmpty();
        assertThat(run.outcome().notRead())
                .map(Object::toString)
                .containsExactly("price_below_production_cost: no btc_usd point on or the day before 2026-02-05");
        assertThat(run.outcome().changes()).isEmpty();
    }

    @Test
    void aStateRemembersTheDaysOfTheCatchUpWindowOnly() {
        EngineRun run = EngineRun.of("etf_daily_outflow").sessions(FLOW, "2026-01-26", -1e8, -1e8, -1e8, -1e8, -1e8);

        run.live("2026-01-31T14:00:00Z");
        run.live("2026-02-25T14:00:00Z");

        assertThat(run.state("etf_daily_outflow").daysRead().days().firstKey())
                .isEqualTo(LocalDate.parse("2026-02-24").minusDays(RuleEngine.MAX_CATCH_UP_DAYS - 1));
    }

    // Evaluation time only moves forward ---------------------------------------------------------------------------

    @Test
    void aDelayedRetryOfAnEarlierRunDecidesNothingForALatestObservationRule() {
        EngineRun run = EngineRun.of("price_below_production_cost")
                .daily(SeriesId.PRODUCTION_COST_USD, "2026-02-09", 87_000, 87_000)
                .daily(
                        SeriesId.BTC_USD,
                        "2026-02-09",
                        90_000,
                        80_000); // over the re-arm level on the 9th, under cost on the 10th

        List<String> today = run.live("2026-02-10T14:00:00Z");
        List<String> retryOfYesterday = run.live("2026-02-09T14:00:00Z");
        List<String> retryEarlierToday = run.live("2026-02-10T13:45:00Z");
        List<String> next = run.live("2026-02-10T14:15:00Z");

        assertThat(today).containsExactly("FIRED 2026-02-10");
        assertThat(retryOfYesterday).as("the 9th's price is past: no RESOLVED").isEmpty();
        assertThat(retryEarlierToday).isEmpty();
        assertThat(next).as("so no second FIRED for one crossing").isEmpty();
        assertThat(run.state("price_below_production_cost").evaluatedAt()).isEqualTo("2026-02-10T14:00:00Z");
    }

    @Test
    void aDelayedRetryOfAnEarlierRunNeitherReadsAClosedDayTheStateHasPassedNorMovesItBack() {
        // Five sessions through Feb 10 sum to -1.1B (fires); through Feb 9 to -0.5B (would resolve).
        EngineRun run = EngineRun.of("etf_rolling_outflow")
                .sessions(FLOW, "2026-02-02", -1e8, -1e8, -1e8, -1e8, -1e8, -1e8, -7e8);

        List<String> today = run.live("2026-02-11T14:00:00Z");
        List<String> retryOfYesterday = run.live("2026-02-10T14:00:00Z");
        List<String> next = run.live("2026-02-11T14:15:00Z");

        assertThat(today).containsExactly("FIRED 2026-02-10");
        assertThat(retryOfYesterday).isEmpty();
        assertThat(next).isEmpty();
        assertThat(run.state("etf_rolling_outflow").evaluatedThrough()).isEqualTo("2026-02-10");
    }

    @Test
    void aStateStoredBeforeEvaluationInstantsWereKeptIsStillNeverMovedBackToAnOlderDay() {
        EngineRun run =
                EngineRun.of("etf_rolling_outflow").sessions(FLOW, "2026-02-02", -1e8, -1e8, -1e8, -1e8, -1e8, -9e8);
        run.states.put(
                "etf_rolling_outflow",
                new RuleState(
                        "etf_rolling_outflow", false, 5, LocalDate.parse("2026-02-10"), null, null, DaysRead.NONE));

        assertThat(run.live("2026-02-10T14:00:00Z"))
                .as("the 9th's sum fires, but the state has read the 10th")
                .isEmpty();
        assertThat(run.state("etf_rolling_outflow").evaluatedThrough()).isEqualTo("2026-02-10");
    }

    @Test
    void aRunAtTheSameOrAnEarlierInstantThanTheStatesLastDecisionIsReportedAsPassed() {
        EngineRun run = EngineRun.of("price_below_production_cost")
                .point(SeriesId.PRODUCTION_COST_USD, "2026-02-10", 87_000)
                .point(SeriesId.BTC_USD, "2026-02-10", 80_000);
        run.live("2026-02-10T14:00:00Z");

        run.live("2026-02-10T13:00:00Z");

        assertThat(run.outcome().events()).isEmpty();
        assertThat(run.outcome().changes()).isEmpty();
        assertThat(run.outcome().notRead())
                .singleElement()
                .asString()
                .contains("price_below_production_cost")
                .contains("2026-02-10T14:00:00Z");
    }

    // Finality and revisions --------------------------------------------------------------------------------------

    @Test
    void aSessionRevisedTwoDaysLaterToCrossTheThresholdFiresOnceForThatSession() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .revise(FLOW, "2026-02-02", -400_000_000, "2026-02-03T02:00:00Z")
                .revise(FLOW, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");

        List<String> first = run.live("2026-02-03T14:00:00Z");
        List<String> next = run.live("2026-02-04T14:00:00Z");
        run.revise(FLOW, "2026-02-02", -600_000_000, "2026-02-04T15:00:00Z"); // SoSoValue revises
        List<String> afterRevision = run.live("2026-02-04T16:00:00Z");
        List<String> later = run.live("2026-02-04T17:00:00Z");
        List<String> nextDay = run.live("2026-02-05T14:00:00Z");

        assertThat(first).isEmpty();
        assertThat(next).isEmpty();
        assertThat(afterRevision).containsExactly("FIRED 2026-02-02");
        assertThat(later).isEmpty();
        assertThat(nextDay).isEmpty();
    }

    @Test
    void aRevisedSessionOlderThanOneThatAlreadyFiredStillFiresOnce() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .revise(FLOW, "2026-02-02", -400_000_000, "2026-02-03T02:00:00Z")
                .revise(FLOW, "2026-02-03", -800_000_000, "2026-02-04T02:00:00Z");

        List<String> first = run.live("2026-02-03T14:00:00Z");
        List<String> next = run.live("2026-02-04T14:00:00Z");
        run.revise(FLOW, "2026-02-02", -600_000_000, "2026-02-05T15:00:00Z");
        List<String> afterRevision = run.live("2026-02-05T16:00:00Z");
        List<String> later = run.live("2026-02-06T16:00:00Z");

        assertThat(first).isEmpty();
        assertThat(next).containsExactly("FIRED 2026-02-03");
        assertThat(afterRevision)
                .as("the 2nd now qualifies; the 3rd fired already")
                .containsExactly("FIRED 2026-02-02");
        assertThat(later).isEmpty();
    }

    @Test
    void aRevisionOfYesterdaysSessionFiresItAndLeavesTodaysFiredSessionFiredOnce() {
        // Found by the properties: firing for the revised, older session made the newest one look unfired.
        EngineRun run = EngineRun.of("etf_daily_outflow").sessions(FLOW, "2026-02-02", -400_000_000, -600_000_000);

        List<String> first = run.live("2026-02-04T14:00:00Z");
        run.revise(FLOW, "2026-02-02", -600_000_000, "2026-02-04T15:00:00Z");
        List<String> afterRevision = run.live("2026-02-04T16:00:00Z");
        List<String> later = run.live("2026-02-04T17:00:00Z");

        assertThat(first).containsExactly("FIRED 2026-02-03");
        assertThat(afterRevision).containsExactly("FIRED 2026-02-02");
        assertThat(later).isEmpty();
        assertThat(run.state("etf_daily_outflow").lastEventDay())
                .as("the newest session it fired for")
                .isEqualTo("2026-02-03");
    }

    @Test
    void aSessionPublishedAfterTheNextOneIsReadWhenItArrives() {
        EngineRun run =
                EngineRun.of("etf_daily_outflow").revise(FLOW, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");

        List<String> without = run.live("2026-02-04T14:00:00Z");
        run.revise(FLOW, "2026-02-02", -700_000_000, "2026-02-04T15:00:00Z"); // a day late
        List<String> arrived = run.live("2026-02-04T16:00:00Z");

        assertThat(without).isEmpty();
        assertThat(arrived).containsExactly("FIRED 2026-02-02");
    }

    @Test
    void aPointReadAgainWithTheSameValueIsNoRevisionHoweverLateItWasObserved() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .revise(FLOW, "2026-02-02", -700_000_000, "2026-02-03T02:00:00Z")
                .revise(FLOW, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");

        List<String> first = run.live("2026-02-04T14:00:00Z");
        // The collector of the same cycle writes the same figures a moment after the evaluation's scheduled time.
        run.revise(FLOW, "2026-02-02", -700_000_000, "2026-02-04T14:00:30Z")
                .revise(FLOW, "2026-02-03", -100_000_000, "2026-02-04T14:00:30Z");
        List<String> next = run.live("2026-02-05T14:00:00Z");

        assertThat(first)
                .as("a first evaluation reads the newest closed day only")
                .isEmpty();
        assertThat(next)
                .as("the 2nd qualified before the first evaluation and was never revised")
                .isEmpty();
    }

    @Test
    void aDayTheRuleNeverLookedAtBeforeItsFirstEvaluationIsNeverRevised() {
        EngineRun run =
                EngineRun.of("etf_daily_outflow").sessions(FLOW, "2026-01-26", -1e8, -1e8, -1e8, -1e8, -1e8, -1e8);

        List<String> first = run.live("2026-02-03T14:00:00Z"); // reads the 2nd, which looks back one day
        run.revise(FLOW, "2026-01-28", -700_000_000, "2026-02-03T15:00:00Z");
        List<String> afterRevision = run.live("2026-02-03T16:00:00Z");

        assertThat(first).isEmpty();
        assertThat(afterRevision).isEmpty();
    }

    @Test
    void anImportThatChangesAReadDayIsARevisionThoughItsPointIsStampedAtTheDaysEnd() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .revise(FLOW, "2026-02-02", -100_000_000, "2026-02-03T02:00:00Z")
                .revise(FLOW, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");

        run.live("2026-02-03T14:00:00Z");
        run.live("2026-02-04T14:00:00Z");
        run.revise(FLOW, "2026-02-02", -650_000_000, "2026-02-03T00:00:00Z"); // as import stamps it

        assertThat(run.live("2026-02-04T16:00:00Z")).containsExactly("FIRED 2026-02-02");
    }

    @Test
    void aStateStoredBeforeDaysWereRememberedDoesNotFireItsNewestDayAgain() {
        EngineRun run =
                EngineRun.of("etf_daily_outflow").revise(FLOW, "2026-02-03", -800_000_000, "2026-02-04T02:00:00Z");
        run.states.put(
                "etf_daily_outflow",
                new RuleState(
                        "etf_daily_outflow",
                        false,
                        4,
                        LocalDate.parse("2026-02-03"),
                        LocalDate.parse("2026-02-03"),
                        Instant.parse("2026-02-04T14:00:00Z"),
                        DaysRead.NONE));

        assertThat(run.live("2026-02-04T16:00:00Z")).isEmpty();
    }

    @Test
    void aRevisionOfAnAlreadyQualifyingSessionDoesNotFireItAgain() {
        EngineRun run = EngineRun.of("etf_daily_outflow")
                .revise(FLOW, "2026-02-02", -600_000_000, "2026-02-03T02:00:00Z")
                .revise(FLOW, "2026-02-03", -100_000_000, "2026-02-04T02:00:00Z");

        List<String> first = run.live("2026-02-03T14:00:00Z");
        List<String> next = run.live("2026-02-04T14:00:00Z");
        run.revise(FLOW, "2026-02-02", -700_000_000, "2026-02-04T15:00:00Z");
        List<String> afterRevision = run.live("2026-02-04T16:00:00Z");

        assertThat(first).containsExactly("FIRED 2026-02-02");
        assertThat(next).isEmpty();
        assertThat(afterRevision).isEmpty();
    }

    @Test
    void aRevisionThatUndoesAStreakResolvesItOnce() {
        EngineRun run = EngineRun.of("etf_outflow_streak");
        for (String day : List.of("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05")) {
            run.revise(FLOW, day, -100_000_000, LocalDate.parse(day).plusDays(1) + "T02:00:00Z");
        }

        List<String> fired = run.live("2026-02-06T14:00:00Z");
        run.revise(FLOW, "2026-02-04", 50_000_000, "2026-02-06T15:00:00Z"); // an inflow after all
        List<String> afterRevision = run.live("2026-02-06T16:00:00Z");
        List<String> later = run.live("2026-02-07T14:00:00Z");

        assertThat(fired).containsExactly("FIRED 2026-02-05");
        assertThat(afterRevision)
                .as("the FIRED of the 5th stood on the 4th: withdrawn")
                .containsExactly("RESOLVED 2026-02-05");
        assertThat(later).isEmpty();
        assertThat(run.state("etf_outflow_streak").active()).isFalse();
    }

    @Test
    void aRevisionThatCompletesARunFiresItOnceForTheSessionThatCompletedIt() {
        EngineRun run = EngineRun.of("etf_outflow_streak").sessions(FLOW, "2026-02-02", -1e8, -1e8, 5e7, -1e8);

        List<String> first = run.live("2026-02-06T14:00:00Z");
        run.sessions(FLOW, "2026-02-06", -1e8);
        List<String> next = run.live("2026-02-07T14:00:00Z");
        run.revise(FLOW, "2026-02-04", -1e8, "2026-02-07T15:00:00Z"); // an outflow after all
        List<String> afterRevision = run.live("2026-02-07T16:00:00Z");
        List<String> later = run.live("2026-02-08T14:00:00Z");

        assertThat(first).isEmpty();
        assertThat(next).isEmpty();
        assertThat(afterRevision).containsExactly("FIRED 2026-02-05");
        assertThat(later).isEmpty();
        assertThat(run.state("etf_outflow_streak").active()).isTrue();
    }

    @Test
    void aRevisionThatKeepsAStreakTrueChangesNothing() {
        EngineRun run = EngineRun.of("etf_outflow_streak", "etf_rolling_outflow");
        for (String day : List.of("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05")) {
            run.revise(FLOW, day, -100_000_000, LocalDate.parse(day).plusDays(1) + "T02:00:00Z");
        }

        List<String> fired = run.live("2026-02-06T14:00:00Z");
        run.revise(FLOW, "2026-02-03", -300_000_000, "2026-02-06T15:00:00Z");
        List<String> afterRevision = run.live("2026-02-06T16:00:00Z");

        assertThat(fired).containsExactly("FIRED 2026-02-05");
        assertThat(afterRevision).isEmpty();
    }

    @Test
    void aRevisionWhoseNewestDayHasNoPointIsReadAndTheNewestDayReportedAsNotRead() {
        EngineRun run = EngineRun.of(HASHRATE_BELOW).daily(HASHRATE, "2026-01-01", 105, 105, 105);
        run.live("2026-01-02T14:00:00Z");
        run.live("2026-01-03T14:00:00Z");
        run.live("2026-01-04T14:00:00Z");

        run.revise(HASHRATE, "2026-01-02", 90, "2026-01-05T02:00:00Z");
        List<String> afterRevision = run.live("2026-01-05T14:00:00Z");

        assertThat(afterRevision).containsExactly("FIRED 2026-01-02");
        assertThat(run.outcome().notRead())
                .map(Object::toString)
                .containsExactly("hashrate_below: no hashrate_ehs point on 2026-01-04");
    }

    @Test
    void aChangeThatOnlyRemembersWhatWasReadStillMovesTheVersionPastTheStoredOne() {
        EngineRun run = EngineRun.of("etf_outflow_streak").sessions(FLOW, "2026-02-02", -1e8, -1e8, -1e8);
        run.live("2026-02-05T14:00:00Z");
        RuleState stored = run.state("etf_outflow_streak");

        run.revise(FLOW, "2026-02-04", -2e8, "2026-02-05T15:00:00Z"); // still three sessions: nothing to notify
        List<String> events = run.live("2026-02-05T16:00:00Z");

        assertThat(events).isEmpty();
        assertThat(run.outcome().changes()).containsKey("etf_outflow_streak");
        assertThat(run.state("etf_outflow_streak").version()).isEqualTo(stored.version() + 1);
        assertThat(run.state("etf_outflow_streak").evaluatedAt()).isEqualTo("2026-02-05T16:00:00Z");
    }
}
