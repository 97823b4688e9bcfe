package dev.minerwatch.rules;

import dev.minerwatch.history.History;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what the rules of a rule set notify. Pure: it reads a history and the rules' previous states and
 * returns events and new states; storage and delivery live at the edges ({@code AlertEvaluator} in a scheduled
 * run, {@code Replay} in a backtest), which therefore decide the same way.
 *
 * <p>A latest-observation rule reads the evaluation's latest day. A closed-day rule reads each closed day it has
 * not read yet, in order, at most {@link #MAX_CATCH_UP_DAYS} of them (so a run after an outage decides as a
 * replay would), and reads the newest closed day again on every run, which picks up a late or revised point.
 *
 * <p>Time only moves forward: a rule whose state was changed by an evaluation of a later instant than this one (a
 * delayed or retried invocation of an earlier scheduled time) decides nothing, and no closed-day rule reads a day
 * older than the newest it has read. Otherwise a late retry would resolve what a newer run had fired, and the next
 * run fire it again, for one crossing.
 */
public final class RuleEngine {

    public static final int MAX_CATCH_UP_DAYS = 14;

    private final RuleSet rules;

    public RuleEngine(RuleSet rules) {
        this.rules = rules;
    }

    public RuleSet rules() {
        return rules;
    }

    /**
     * What an evaluation decided: its events in order, the states that changed, what it could not read, and the
     * freshness of every series a staleness rule watches (for the operator's metric), in rule order.
     */
    public record Outcome(List<AlertEvent> events, Map<String, StateChange> changes, List<NotRead> notRead,
                          List<Freshness> freshness) {
    }

    /** A rule that could not read its data, and why. */
    public record NotRead(Rule rule, String reason) {
        @Override
        public String toString() {
            return rule.stateKey() + ": " + reason;
        }
    }

    /**
     * How current one series is, as its staleness rule reads it at the evaluation's latest day: hours since the
     * newest observation, or trading sessions closed since the newest point.
     */
    public record Freshness(SeriesId series, double age, double limit, String unit) {
        public boolean stale() {
            return age > limit;
        }
    }

    /** A rule's state before and after an evaluation. */
    public record StateChange(RuleState previous, RuleState next) {
    }

    /**
     * For each series, the days before the evaluation's latest day a live evaluation must read: each rule's
     * look-back, plus the catch-up for closed-day rules.
     */
    public Map<SeriesId, Integer> lookbackDays() {
        Map<SeriesId, Integer> days = new EnumMap<>(SeriesId.class);
        for (Rule rule : rules.rules()) {
            int extra = rule.timing() == Timing.CLOSED_DAYS ? MAX_CATCH_UP_DAYS : 0;
            rule.lookbackDays().forEach((series, d) -> days.merge(series, d + extra, Math::max));
        }
        return days;
    }

    public Outcome evaluate(History history, Map<String, RuleState> states, EvaluationTime time, String executionId,
                            Instant recordedAt) {
        List<AlertEvent> events = new ArrayList<>();
        Map<String, StateChange> changes = new LinkedHashMap<>();
        List<NotRead> notRead = new ArrayList<>();
        List<Freshness> freshness = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            RuleState previous = states.getOrDefault(rule.stateKey(), RuleState.initial(rule.stateKey()));
            if (!previous.allowsEvaluationAt(time.now())) {
                notRead.add(new NotRead(rule, "already decided by the evaluation of " + previous.evaluatedAt()
                        + ", later than this one's " + time.now() + ": nothing decided for an earlier time"));
                continue;
            }
            RuleState state = previous;
            for (LocalDate day : daysToRead(rule, previous, time)) {
                Reading reading = rule.read(history, day, time.now());
                if (reading.signal() == Signal.NO_DATA) {
                    if (day.equals(time.lastClosedDay()) || rule.timing() == Timing.LATEST) {
                        notRead.add(new NotRead(rule, reading.detail()));
                    }
                    continue;
                }
                if (rule instanceof StalenessRule staleness) {
                    freshness.add(new Freshness(staleness.series(), reading.value(), reading.threshold(), reading.unit()));
                }
                Optional<EventKind> kind = state.transition(reading, rule.eachDay());
                if (kind.isPresent()) {
                    state = state.after(kind.get(), reading.day(), rule.eachDay());
                    events.add(event(rule, reading, kind.get(), state, time, executionId, recordedAt));
                }
            }
            if (rule.timing() == Timing.CLOSED_DAYS) {
                state = state.evaluatedThrough(time.lastClosedDay());
            }
            if (!state.equals(previous)) {
                state = state.changedAt(time.now());
                changes.put(rule.stateKey(), new StateChange(previous, state));
            }
        }
        return new Outcome(events, changes, notRead, freshness);
    }

    private static List<LocalDate> daysToRead(Rule rule, RuleState state, EvaluationTime time) {
        if (rule.timing() == Timing.LATEST) {
            return List.of(time.latestDay());
        }
        LocalDate last = time.lastClosedDay();
        if (state.evaluatedThrough() != null && last.isBefore(state.evaluatedThrough())) {
            return List.of(); // an earlier run's days: the state has read newer ones
        }
        LocalDate first = state.evaluatedThrough() == null ? last : state.evaluatedThrough().plusDays(1);
        LocalDate earliest = last.minusDays(MAX_CATCH_UP_DAYS - 1);
        if (first.isBefore(earliest)) {
            first = earliest;
        }
        if (first.isAfter(last)) {
            first = last; // read again: the newest closed day may have been filled in or revised since
        }
        return first.datesUntil(last.plusDays(1)).toList();
    }

    private AlertEvent event(Rule rule, Reading reading, EventKind kind, RuleState state, EvaluationTime time,
                             String executionId, Instant recordedAt) {
        DailyPoint subject = reading.subject();
        return new AlertEvent(AlertEvent.key(reading.day(), rule.stateKey(), state.version()), rule.id(),
                rule.info().title(), rule.info().severity(), kind, rule.series(), reading.day(), reading.value(),
                reading.threshold(), reading.rearm(), reading.unit(),
                subject != null ? subject.asOf() : time.now(),
                subject != null ? subject.sources() : List.of(),
                subject == null || subject.isFinal(),
                reading.basis() + " (rules " + rules.version() + ")", reading.detail(), rule.info().meaning(),
                executionId, recordedAt);
    }
}
