package dev.minerwatch.backtest;

import dev.minerwatch.history.History;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EvaluationTime;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the rule engine over a history day by day, as the scheduled evaluation would have run at the end of each
 * day: every rule reads only what was known by then (no look-ahead), and states carry from day to day in memory.
 */
public final class Replay {

    private Replay() {
    }

    /**
     * What a replay decided.
     *
     * @param events   every event, in date order
     * @param readable for each rule id, the first and last day it could read its data
     * @param nanos    time spent in the engine, excluding reading the input
     */
    public record Result(LocalDate from, LocalDate to, List<AlertEvent> events, Map<String, LocalDate[]> readable,
                         long nanos) {
    }

    /** Replays every day the history spans. */
    public static Result run(RuleEngine engine, History history) {
        LocalDate[] span = history.span().orElseThrow(() -> new IllegalArgumentException("nothing to replay: no points"));
        return run(engine, history, span[0], span[1]);
    }

    public static Result run(RuleEngine engine, History history, LocalDate from, LocalDate to) {
        Map<String, RuleState> states = new HashMap<>();
        Map<String, String> ruleOfState = new HashMap<>();
        Map<String, Integer> statesOfRule = new HashMap<>();
        engine.rules().rules().forEach(r -> {
            ruleOfState.put(r.stateKey(), r.id());
            statesOfRule.merge(r.id(), 1, Integer::sum);
        });
        Map<String, LocalDate[]> readable = new LinkedHashMap<>();
        engine.rules().rules().stream().map(Rule::id).distinct().forEach(id -> readable.put(id, null));
        List<AlertEvent> events = new ArrayList<>();
        long start = System.nanoTime();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            RuleEngine.Outcome outcome = engine.evaluate(history, states, EvaluationTime.endOf(day), "replay",
                    day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
            outcome.changes().forEach((key, change) -> states.put(key, change.next()));
            events.addAll(outcome.events());
            Map<String, Integer> unread = new HashMap<>();
            outcome.notRead().forEach(note -> unread.merge(ruleOfState.get(note.substring(0, note.indexOf(':'))), 1,
                    Integer::sum));
            for (Map.Entry<String, LocalDate[]> entry : readable.entrySet()) {
                if (unread.getOrDefault(entry.getKey(), 0) < statesOfRule.get(entry.getKey())) {
                    LocalDate[] range = entry.getValue();
                    entry.setValue(range == null ? new LocalDate[] {day, day} : new LocalDate[] {range[0], day});
                }
            }
        }
        return new Result(from, to, events, readable, System.nanoTime() - start);
    }
}
