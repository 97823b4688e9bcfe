package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.rules.ThresholdRule.Level;
import dev.minerwatch.series.SeriesId;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What holds for every history ({@link GeneratedHistory}: 200 of them, each reproduced by its seed, which every
 * failure names; {@code -Dminerwatch.properties.seed=N} checks one, {@code -Dminerwatch.properties.count=N} more).
 * The rules are the default ETF rules and, on the hashrate and the price, rules of every kind with short spans, so
 * that 45 days see them fire and resolve.
 */
class RuleEnginePropertiesTest {

    private static final SeriesId FLOW = SeriesId.ETF_NET_FLOW_USD;
    private static final SeriesId HASHRATE = SeriesId.HASHRATE_EHS;
    private static final RuleSet DEFAULTS = RuleSet.defaults();

    /** A fleet that breaks even at a hashprice of $40: 20 J/TH × 24 × $0.08 + $1.60 overheads. */
    private static final FleetEconomics FLEET_AT_40 = new FleetEconomics(20, 0.08, 1.0, 0, 1.6);

    /** The closed-day rules: every kind that catches up after an outage. */
    private static final List<Rule> CLOSED_DAYS = List.of(
            rule("etf_daily_outflow"),
            rule("etf_outflow_streak"),
            rule("etf_rolling_outflow"),
            new RollingSumRule(info("flow_sum_with_band"), FLOW, 3, Condition.AT_OR_BELOW, -8e8, -3e8),
            new MovingAverageCrossRule(info("ribbon"), HASHRATE, 3, 7, 2, Condition.BELOW),
            new DrawdownRule(info("hashrate_fall"), HASHRATE, Timing.CLOSED_DAYS, 3, 10, null, 0.15, 0.10),
            new ThresholdRule(
                    info("hashrate_low"),
                    HASHRATE,
                    Timing.CLOSED_DAYS,
                    Condition.BELOW,
                    Level.fixed(90),
                    100.0,
                    1.0,
                    false),
            new StreakRule(info("hashrate_highs"), HASHRATE, Condition.ABOVE, 110, 3),
            new BreakevenRule(info("fleet_closed_days"), Timing.CLOSED_DAYS, FLEET_AT_40, 1.0));
    /** The latest-observation rules, which read the newest price on every run. */
    private static final List<Rule> LATEST = List.of(
            rule("price_below_production_cost"),
            rule("price_drawdown_from_ath"),
            new BreakevenRule(info("fleet"), Timing.LATEST, FLEET_AT_40, null));
    /** The rules that compare a series with itself or with a series in its unit: nothing in them has a unit. */
    private static final List<Rule> UNIT_FREE =
            List.of(CLOSED_DAYS.get(4), CLOSED_DAYS.get(5), LATEST.get(0), LATEST.get(1));

    private static Rule rule(String id) {
        return DEFAULTS.rules().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static List<Rule> all() {
        List<Rule> all = new ArrayList<>(CLOSED_DAYS);
        all.addAll(LATEST);
        return all;
    }

    private static long[] seeds() {
        String one = System.getProperty("minerwatch.properties.seed");
        return one != null
                ? new long[] {Long.parseLong(one)}
                : LongStream.range(0, Long.getLong("minerwatch.properties.count", 200))
                        .map(i -> 7919 * i + 21)
                        .toArray();
    }

    private static EngineRun over(List<Rule> rules, GeneratedHistory history) {
        EngineRun run = EngineRun.of(rules.toArray(Rule[]::new));
        run.points.addAll(history.points());
        return run;
    }

    /** The scheduled run of 14:00 UTC on the day after {@code day}: {@code day} is its newest closed day. */
    private static String runAfter(LocalDate day) {
        return day.plusDays(1).atTime(14, 0).toInstant(ZoneOffset.UTC).toString();
    }

    /** Each state's events, in the order they were notified: "FIRED 2026-02-03" and so on. */
    private static Map<String, List<String>> eventsByState(EngineRun run) {
        Map<String, List<String>> events = new TreeMap<>();
        run.events.forEach(e ->
                events.computeIfAbsent(e.stateKey(), k -> new ArrayList<>()).add(e.kind() + " " + e.day()));
        return events;
    }

    /** What a store keeps of each state, less the counters of writes (version) and the instant of the last one. */
    private static Map<String, RuleState> stored(EngineRun run) {
        Map<String, RuleState> states = new TreeMap<>();
        run.states.forEach((key, s) -> states.put(
                key, new RuleState(key, s.active(), 0, s.evaluatedThrough(), s.lastEventDay(), null, s.daysRead())));
        return states;
    }

    @Test
    void aRunAfterAnOutageOfUpToFourteenDaysDecidesWhatARunEachDayWouldHave() {
        for (long seed : seeds()) {
            GeneratedHistory history = GeneratedHistory.of(seed);
            SplittableRandom random = new SplittableRandom(seed);
            LocalDate before = history.first().plusDays(5 + random.nextInt(20));
            int outage = 1 + random.nextInt(RuleEngine.MAX_CATCH_UP_DAYS);
            EngineRun daily = over(CLOSED_DAYS, history);
            EngineRun catchUp = over(CLOSED_DAYS, history);

            daily.live(runAfter(before));
            catchUp.live(runAfter(before));
            for (int day = 1; day <= outage; day++) {
                daily.live(runAfter(before.plusDays(day)));
            }
            catchUp.live(runAfter(before.plusDays(outage)));

            assertThat(eventsByState(catchUp))
                    .as("seed %d, %d days after %s", seed, outage, before)
                    .isEqualTo(eventsByState(daily));
            assertThat(stored(catchUp)).as("seed %d", seed).isEqualTo(stored(daily));
        }
    }

    @Test
    void eventsAlternateFiredAndResolvedPerStateAndAnEachDayRuleFiresADayOnceWhateverTheRevisionsAndOutages() {
        for (long seed : seeds()) {
            GeneratedHistory history = GeneratedHistory.of(seed);
            SplittableRandom random = new SplittableRandom(seed);
            EngineRun run = over(all(), history);
            for (LocalDate day = history.first().plusDays(3);
                    day.isBefore(history.last());
                    day = day.plusDays(random.nextDouble() < 0.85 ? 1 : 2 + random.nextInt(4))) {
                String at = runAfter(day);
                if (random.nextDouble() < 0.3) {
                    GeneratedHistory.revise(
                            run.points, random, day, java.time.Instant.parse(at).minusSeconds(3600));
                }
                run.live(at);
                if (random.nextDouble() < 0.2) {
                    GeneratedHistory.revise(
                            run.points, random, day, java.time.Instant.parse(at).plusSeconds(1800));
                    run.live(java.time.Instant.parse(at).plusSeconds(3600).toString());
                }
            }

            eventsByState(run).forEach((state, events) -> {
                if (eachDay(state)) {
                    assertThat(events)
                            .as("seed %d", seed)
                            .allMatch(e -> e.startsWith("FIRED "))
                            .doesNotHaveDuplicates();
                } else {
                    for (int i = 0; i < events.size(); i++) {
                        assertThat(events.get(i))
                                .as("seed %d, event %d of %s: %s", seed, i, state, events)
                                .startsWith(i % 2 == 0 ? "FIRED " : "RESOLVED ");
                    }
                }
            });
            assertThat(run.states.values())
                    .as("seed %d", seed)
                    .allSatisfy(s -> assertThat(s.active()).isEqualTo(lastIsFired(run, s.key())));
        }
    }

    private static boolean lastIsFired(EngineRun run, String key) {
        List<String> events = eventsByState(run).getOrDefault(key, List.of());
        return !eachDay(key)
                && !events.isEmpty()
                && events.get(events.size() - 1).startsWith("FIRED");
    }

    private static boolean eachDay(String stateKey) {
        return all().stream().anyMatch(r -> r.stateKey().equals(stateKey) && r.eachDay());
    }

    @Test
    void noEventWithoutItsValuePastTheFireOrReArmLevel() {
        for (long seed : seeds()) {
            GeneratedHistory history = GeneratedHistory.of(seed);
            EngineRun run = over(all(), history);

            run.replay(history.first().toString(), history.last().toString());

            assertThat(run.events)
                    .as("seed %d", seed)
                    .allSatisfy(e -> assertThat(crosses(e))
                            .as(
                                    "%s %s %s: %s",
                                    e.stateKey(),
                                    e.kind(),
                                    e.day(),
                                    e.explanation().detail())
                            .isTrue());
        }
    }

    /** Whether an event's own figures are past the level its kind of rule fires or resolves at. */
    private static boolean crosses(AlertEvent e) {
        Rule rule = all().stream()
                .filter(r -> r.stateKey().equals(e.stateKey()))
                .findFirst()
                .orElseThrow();
        boolean fired = e.kind() == EventKind.FIRED;
        double value = e.figures().value();
        return switch (rule) {
            case ThresholdRule t ->
                fired
                        ? t.condition().fires(value, e.figures().threshold())
                        : t.condition().resolves(value, e.figures().rearmLevel());
            case RollingSumRule s ->
                fired
                        ? s.condition().fires(value, s.threshold())
                        : s.condition().resolves(value, s.rearm());
            case StreakRule s ->
                fired ? s.condition().fires(value, s.level()) : s.condition().resolves(value, s.level());
            case MovingAverageCrossRule m ->
                m.condition().fires(value, e.figures().threshold()) == fired;
            case DrawdownRule d ->
                fired ? value <= e.figures().threshold() : value > e.figures().rearmLevel();
            case StalenessRule s -> value > e.figures().threshold() == fired;
            case BreakevenRule b -> fired ? value < 0 : value > b.rearmMargin();
        };
    }

    @Test
    void theSameHistoryInAnyOrderAndTheSameStatesGiveTheSameEventsAndStates() {
        for (long seed : seeds()) {
            GeneratedHistory history = GeneratedHistory.of(seed);
            EngineRun inOrder = over(all(), history);
            EngineRun shuffled = EngineRun.of(all().toArray(Rule[]::new));
            shuffled.points.addAll(history.points());
            Collections.shuffle(shuffled.points, new Random(seed));

            inOrder.replay(history.first().toString(), history.last().toString());
            shuffled.replay(history.first().toString(), history.last().toString());

            assertThat(shuffled.events).as("seed %d", seed).isEqualTo(inOrder.events);
            assertThat(shuffled.states).as("seed %d", seed).isEqualTo(inOrder.states);
            inOrder.live(runAfter(history.last()));
            shuffled.live(runAfter(history.last()));
            assertThat(shuffled.outcome()).as("seed %d", seed).isEqualTo(inOrder.outcome());
        }
    }

    /**
     * The rules that compare a series with itself (a moving-average cross, a drawdown from the series' own high) or
     * with a series in the same unit (the price against its production cost or its all-time high) decide the same on
     * a history in another unit: the whole hashrate in PH/s or TH/s, prices in cents. (The factors are powers of two,
     * which scale a binary double exactly; a decimal factor rounds, and at an exact tie the rounding would decide, not
     * the rule. The ties themselves are pinned in each rule's test.) The rules with a fixed level, such as $500M of
     * ETF outflow, are not unit-free: a slip of units reaching them is what the collectors' bounds refuse
     * ({@code series.PlausibilityTest}).
     */
    @Test
    void aHistoryInAnotherUnitChangesNothingTheUnitFreeRulesStore() {
        double[] factors = {1024, 1 << 20, 1.0 / 1024, 128};
        for (long seed : seeds()) {
            GeneratedHistory history = GeneratedHistory.of(seed);
            double factor = factors[(int) (seed % factors.length)];
            GeneratedHistory slipped = history.times(
                    factor, Set.of(HASHRATE, SeriesId.BTC_USD, SeriesId.PRODUCTION_COST_USD, SeriesId.BTC_ATH_USD));
            EngineRun run = over(UNIT_FREE, history);
            EngineRun slippedRun = over(UNIT_FREE, slipped);

            run.replay(history.first().toString(), history.last().toString());
            slippedRun.replay(history.first().toString(), history.last().toString());

            assertThat(eventsByState(slippedRun))
                    .as("seed %d, × %s", seed, factor)
                    .isEqualTo(eventsByState(run));
            assertThat(slippedRun.events)
                    .extracting(event -> event.figures().value())
                    .as("seed %d", seed)
                    .isEqualTo(run.events.stream()
                            .map(e -> e.figures().value() * factor)
                            .toList());
            assertThat(withoutDaysRead(slippedRun)).as("seed %d", seed).isEqualTo(withoutDaysRead(run));
        }
    }

    private static Map<String, RuleState> withoutDaysRead(EngineRun run) {
        Map<String, RuleState> states = new TreeMap<>();
        run.states.forEach((key, s) -> states.put(
                key,
                new RuleState(
                        key,
                        s.active(),
                        s.version(),
                        s.evaluatedThrough(),
                        s.lastEventDay(),
                        s.evaluatedAt(),
                        DaysRead.NONE)));
        return states;
    }

    @Test
    void theGeneratedHistoriesMakeEveryRuleFireAndResolve() {
        Map<String, Integer> fired = new TreeMap<>();
        Map<String, Integer> resolved = new TreeMap<>();
        long[] seeds = seeds();
        assumeTrue(seeds.length >= 200, "a check of the generator over its 200 histories");
        for (long seed : seeds) {
            GeneratedHistory history = GeneratedHistory.of(seed);
            EngineRun run = over(all(), history);
            run.replay(history.first().toString(), history.last().toString());
            run.events.forEach(
                    e -> (e.kind() == EventKind.FIRED ? fired : resolved).merge(e.stateKey(), 1, Integer::sum));
        }

        assertThat(fired)
                .as("the properties above are about something")
                .containsOnlyKeys(all().stream().map(Rule::stateKey).toList());
        assertThat(resolved.keySet())
                .containsExactlyInAnyOrderElementsOf(all().stream()
                        .filter(r -> !r.eachDay())
                        .map(Rule::stateKey)
                        .toList());
    }
}
