package dev.minerwatch.rules;

import dev.minerwatch.rules.RuleEngine.EvaluationTime;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import dev.minerwatch.series.history.History;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the specifications drive: a hand-made history and the rule engine run over it, as a replay (the end of each
 * day) or as scheduled runs, keeping the rules' states between evaluations as the store does.
 */
final class EngineRun {

    private final RuleEngine engine;
    final List<DailyPoint> points = new ArrayList<>();
    final Map<String, RuleState> states = new HashMap<>();
    /** Every event of every evaluation, in order. */
    final List<AlertEvent> events = new ArrayList<>();

    private RuleEngine.Outcome outcome;

    private EngineRun(RuleEngine engine) {
        this.engine = engine;
    }

    /** The default rules of these ids. */
    static EngineRun of(String... defaultRuleIds) {
        return of(RuleSet.defaults().only(List.of(defaultRuleIds)));
    }

    /** Exactly these rules. */
    static EngineRun of(Rule... rules) {
        return of(new RuleSet("test", List.of(rules), null));
    }

    /** No rule: a history that specifications read rules over ({@link #read}). */
    static EngineRun history() {
        return of(new Rule[0]);
    }

    static EngineRun of(RuleSet rules) {
        return new EngineRun(new RuleEngine(rules));
    }

    /** A rule's common fields. */
    static RuleInfo info(String id) {
        return new RuleInfo(id, "the " + id + " rule", Severity.WARNING, "what " + id + " means");
    }

    /** A final point of {@code day}, observed as the day ended. */
    EngineRun point(SeriesId series, String day, double value) {
        LocalDate d = LocalDate.parse(day);
        return add(new DailyPoint(
                series,
                d,
                value,
                null,
                List.of("test"),
                d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                true,
                Map.of()));
    }

    /** One point a day from {@code from}. */
    EngineRun daily(SeriesId series, String from, double... values) {
        LocalDate day = LocalDate.parse(from);
        for (double v : values) {
            point(series, day.toString(), v);
            day = day.plusDays(1);
        }
        return this;
    }

    /** One point a US trading session from {@code from}, a session. */
    EngineRun sessions(SeriesId series, String from, double... values) {
        LocalDate day = LocalDate.parse(from);
        for (double v : values) {
            while (!UsTradingCalendar.isTradingDay(day)) {
                day = day.plusDays(1);
            }
            point(series, day.toString(), v);
            day = day.plusDays(1);
        }
        return this;
    }

    /** Replaces a day's value, as a provider's later settlement does: observed at {@code asOf}. */
    EngineRun revise(SeriesId series, String day, double value, String asOf) {
        LocalDate d = LocalDate.parse(day);
        points.removeIf(p -> p.series() == series && p.day().equals(d));
        return add(new DailyPoint(series, d, value, null, List.of("sosovalue"), Instant.parse(asOf), true, Map.of()));
    }

    EngineRun add(DailyPoint point) {
        points.add(point);
        return this;
    }

    /** Evaluates the end of each day from {@code from} to {@code to}, as a replay does; "KIND day" per event. */
    List<String> replay(String from, String to) {
        List<String> said = new ArrayList<>();
        for (LocalDate day = LocalDate.parse(from); !day.isAfter(LocalDate.parse(to)); day = day.plusDays(1)) {
            said.addAll(evaluate(History.complete(points), EvaluationTime.endOf(day)));
        }
        return said;
    }

    /** One scheduled run at {@code instant} on a window of the store; "KIND day" per event. */
    List<String> live(String instant) {
        return evaluate(History.window(points), EvaluationTime.live(Instant.parse(instant)));
    }

    /** The state keys whose current episode is acknowledged, as the store would tell the evaluation. */
    final Set<String> acknowledged = new HashSet<>();

    List<String> evaluate(History history, EvaluationTime time) {
        outcome = engine.evaluate(history, states, time, "run at " + time.now(), time.now(), Set.copyOf(acknowledged));
        outcome.changes().forEach((key, change) -> states.put(key, change.next()));
        events.addAll(outcome.events());
        return outcome.events().stream().map(e -> e.kind() + " " + e.day()).toList();
    }

    /** What the newest evaluation decided. */
    RuleEngine.Outcome outcome() {
        return outcome;
    }

    RuleState state(String key) {
        return states.get(key);
    }

    /** What {@code rule} reads on {@code day} of this history, at the day's end. */
    Reading read(Rule rule, String day) {
        LocalDate d = LocalDate.parse(day);
        return rule.read(History.complete(points), d, EvaluationTime.endOf(d).now());
    }
}
