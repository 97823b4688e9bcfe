package dev.minerwatch.backtest;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleEngine.EvaluationTime;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs the rule engine over a history day by day, as the scheduled evaluation would have run at the end of each
 * day: every rule reads only what was known by then (no look-ahead), and states carry from day to day in memory.
 */
public final class Replay {

    private Replay() {}

    /**
     * What a replay decided.
     *
     * @param ruleIds  the rules replayed, in rule-file order
     * @param events   every event, in date order
     * @param readable for each rule id that read any day, the first and last day it could read its data
     * @param nanos    time spent in the engine, excluding reading the input
     */
    public record Result(
            Span replayed, List<String> ruleIds, List<AlertEvent> events, Map<String, Span> readable, long nanos) {}

    /** Replays every day the history spans. */
    public static Result run(RuleEngine engine, History history) {
        return run(
                engine,
                history,
                history.span().orElseThrow(() -> new IllegalArgumentException("nothing to replay: no points")));
    }

    public static Result run(RuleEngine engine, History history, Span days) {
        Map<String, RuleState> states = new HashMap<>();
        Map<String, Long> statesOfRule = engine.rules().rules().stream()
                .collect(Collectors.groupingBy(Rule::id, LinkedHashMap::new, Collectors.counting()));
        Map<String, Span> readable = new LinkedHashMap<>();
        List<AlertEvent> events = new ArrayList<>();
        long start = System.nanoTime();
        for (LocalDate day = days.first(); !day.isAfter(days.last()); day = day.plusDays(1)) {
            RuleEngine.Outcome outcome = engine.evaluate(
                    history,
                    states,
                    EvaluationTime.endOf(day),
                    "replay",
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            outcome.changes().forEach((key, change) -> states.put(key, change.next()));
            events.addAll(outcome.events());
            // A rule read the day unless every one of its states (one per series for staleness) could not.
            Map<String, Long> unread = outcome.notRead().stream()
                    .collect(Collectors.groupingBy(n -> n.rule().id(), Collectors.counting()));
            for (Map.Entry<String, Long> rule : statesOfRule.entrySet()) {
                if (unread.getOrDefault(rule.getKey(), 0L) < rule.getValue()) {
                    LocalDate read = day;
                    readable.merge(rule.getKey(), Span.of(day), (span, ignored) -> span.including(read));
                }
            }
        }
        return new Result(days, List.copyOf(statesOfRule.keySet()), events, readable, System.nanoTime() - start);
    }
}
