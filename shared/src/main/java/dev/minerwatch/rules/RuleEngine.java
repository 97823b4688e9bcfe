package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what the rules of a rule set notify. Pure: it reads a history and the rules' previous states and
 * returns events and new states; storage and delivery live at the edges ({@code AlertEvaluator} in a scheduled
 * run, {@link #replay} in a backtest), which therefore decide the same way.
 *
 * <p>A latest-observation rule reads the evaluation's latest day. A closed-day rule reads each closed day it has
 * not read yet, in order, at most {@link #MAX_CATCH_UP_DAYS} of them (so a run after an outage decides as a
 * replay would), and reads the newest closed day again on every run, which picks up a late or revised point. An
 * older closed day in the catch-up window that the rule has read and whose values changed since ({@link DaysRead}:
 * a provider's later settlement, a session published late, an import) is read again too: an each-day rule fires
 * once for a revised day that now qualifies and has not fired, a stateful rule notifies what the revision changes.
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
    public record Outcome(
            List<AlertEvent> events,
            Map<String, StateChange> changes,
            List<NotRead> notRead,
            List<Freshness> freshness) {}

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
    public record StateChange(RuleState previous, RuleState next) {}

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

    /** An evaluation in which no alert is acknowledged. */
    public Outcome evaluate(
            History history,
            Map<String, RuleState> states,
            EvaluationTime time,
            String executionId,
            Instant recordedAt) {
        return evaluate(history, states, time, executionId, recordedAt, Set.of());
    }

    /**
     * Decides for every rule, given the states read and the keys of the states whose current episode an operator
     * has acknowledged ({@code acknowledged}): such a state sends no reminder; it still resolves, and fires again,
     * as any other (the store tells which episode an acknowledgement covers).
     */
    public Outcome evaluate(
            History history,
            Map<String, RuleState> states,
            EvaluationTime time,
            String executionId,
            Instant recordedAt,
            Set<String> acknowledged) {
        return evaluate(history, states, time, executionId, recordedAt, acknowledged, true);
    }

    /**
     * @param tracksRevisions whether the closed days read are remembered, and compared with what was read before: a
     *     live evaluation's store may be revised between runs; a replay's history is complete and final, so no day of
     *     it ever is, and tracking would only cost (a fingerprint of each day of the catch-up window, every day)
     */
    private Outcome evaluate(
            History history,
            Map<String, RuleState> states,
            EvaluationTime time,
            String executionId,
            Instant recordedAt,
            Set<String> acknowledged,
            boolean tracksRevisions) {
        List<AlertEvent> events = new ArrayList<>();
        Map<String, StateChange> changes = new LinkedHashMap<>();
        List<NotRead> notRead = new ArrayList<>();
        List<Freshness> freshness = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            RuleState previous = states.getOrDefault(rule.stateKey(), RuleState.initial(rule.stateKey()));
            if (!previous.allowsEvaluationAt(time.now())) {
                notRead.add(new NotRead(
                        rule,
                        "already decided by the evaluation of " + previous.evaluatedAt() + ", later than this one's "
                                + time.now() + ": nothing decided for an earlier time"));
                continue;
            }
            RuleState state = previous;
            int eventsBefore = events.size();
            Reading newest = null;
            List<LocalDate> days = daysToRead(rule, previous, time);
            List<LocalDate> revised = tracksRevisions ? revisedDays(rule, history, previous, time, days) : List.of();
            if (!revised.isEmpty() && rule.eachDay()) {
                // Each day decides for itself: a revised day that now qualifies and has not fired yet fires once.
                List<LocalDate> all = new ArrayList<>(revised);
                all.addAll(days);
                days = all;
            } else if (!revised.isEmpty()) {
                state = reevaluate(
                        rule, history, previous, time, revised.get(0), executionId, recordedAt, events, notRead);
                days = List.of();
            }
            for (LocalDate day : days) {
                Reading reading = rule.read(history, day, time.now());
                Optional<EventKind> kind = reading.signal() == Signal.NO_DATA
                        ? Optional.empty()
                        : state.transition(reading, rule.eachDay());
                if (reading.signal() == Signal.NO_DATA) {
                    if (day.equals(time.lastClosedDay()) || rule.timing() == Timing.LATEST) {
                        notRead.add(new NotRead(rule, reading.detail()));
                    }
                    continue;
                }
                newest = reading;
                if (rule instanceof StalenessRule staleness) {
                    freshness.add(
                            new Freshness(staleness.series(), reading.value(), reading.threshold(), reading.unit()));
                }
                if (kind.isPresent()) {
                    if (rule.eachDay()) {
                        // The day it fired for is remembered as read; remember() records the other days read.
                        state = state.read(
                                day,
                                DaysRead.fingerprint(
                                        history, rule.lookbackDays().keySet(), day));
                    }
                    state = state.after(kind.get(), reading.day(), rule.eachDay());
                    events.add(event(rule, reading, kind.get(), state, time, executionId, recordedAt));
                }
            }
            if (events.size() == eventsBefore) {
                state = acknowledged.contains(rule.stateKey())
                        ? state
                        : remind(rule, history, state, newest, time, executionId, recordedAt, events);
            }
            if (rule.timing() == Timing.CLOSED_DAYS) {
                LocalDate firstRead = !revised.isEmpty() ? revised.get(0) : days.isEmpty() ? null : days.get(0);
                if (tracksRevisions) {
                    state = remember(rule, history, state, time, firstRead);
                }
                state = state.evaluatedThrough(time.lastClosedDay());
            }
            if (!state.equals(previous)) {
                state = state.changedAt(time.now(), previous.version());
                changes.put(rule.stateKey(), new StateChange(previous, state));
            }
        }
        return new Outcome(events, changes, notRead, freshness);
    }

    /**
     * A rule with {@code remind_every} that stayed active through an evaluation without an event of its own: one
     * reminder once another whole interval has passed since it became active, saying for how long. After an outage
     * it is one reminder for the intervals missed, not one each. The reminder is an event like any other (its state
     * version moves on), so the store records it once and the outbox delivers it once. It needs a reading of the
     * rule's newest day for its figures; without one it waits for the next evaluation that has one.
     */
    private RuleState remind(
            Rule rule,
            History history,
            RuleState state,
            Reading newest,
            EvaluationTime time,
            String executionId,
            Instant recordedAt,
            List<AlertEvent> events) {
        Duration every = rule.info().remindEvery();
        if (every == null || !state.active()) {
            return state;
        }
        if (state.activeSince() == null) {
            // Stored before reminders existed: its intervals count from now.
            return state.changedAt(time.now(), state.version());
        }
        long due = state.remindersDue(time.now(), every);
        if (due <= state.remindersSent()) {
            return state;
        }
        Reading reading = newest != null
                ? newest
                : rule.read(
                        history, rule.timing() == Timing.LATEST ? time.latestDay() : time.lastClosedDay(), time.now());
        if (reading.signal() == Signal.NO_DATA) {
            return state;
        }
        RuleState reminded = state.reminded(due);
        Duration activeFor = Duration.between(state.activeSince(), time.now());
        String since = "still holding, active for " + Durations.words(activeFor) + " (since "
                + Durations.UTC_MINUTE.format(state.activeSince()) + ", reminder " + due + " every "
                + Durations.words(every) + "): ";
        Reading explained = new Reading(
                reading.signal(),
                reading.day(),
                reading.value(),
                reading.threshold(),
                reading.rearm(),
                reading.unit(),
                reading.subject(),
                reading.basis(),
                () -> since + reading.detail());
        events.add(event(rule, explained, EventKind.REMINDER, reminded, time, executionId, recordedAt));
        return reminded;
    }

    private static List<LocalDate> daysToRead(Rule rule, RuleState state, EvaluationTime time) {
        if (rule.timing() == Timing.LATEST) {
            return List.of(time.latestDay());
        }
        LocalDate last = time.lastClosedDay();
        if (state.evaluatedThrough() != null && last.isBefore(state.evaluatedThrough())) {
            return List.of(); // an earlier run's days: the state has read newer ones
        }
        LocalDate first = state.evaluatedThrough() == null
                ? last
                : state.evaluatedThrough().plusDays(1);
        LocalDate earliest = earliestRead(time);
        if (first.isBefore(earliest)) {
            first = earliest;
        }
        if (first.isAfter(last)) {
            first = last; // read again: the newest closed day may have been filled in or revised since
        }
        return first.datesUntil(last.plusDays(1)).toList();
    }

    /**
     * The state remembering what it read on every closed day its readings from {@code firstRead} through the newest
     * closed day looked at (their look-back included, within the catch-up window), and no older day.
     */
    private static RuleState remember(
            Rule rule, History history, RuleState state, EvaluationTime time, LocalDate firstRead) {
        LocalDate earliest = earliestRead(time);
        if (firstRead != null) {
            int lookback = rule.lookbackDays().values().stream()
                    .mapToInt(Integer::intValue)
                    .max()
                    .orElse(0);
            LocalDate from = firstRead.minusDays(lookback);
            for (LocalDate day = from.isBefore(earliest) ? earliest : from;
                    !day.isAfter(time.lastClosedDay());
                    day = day.plusDays(1)) {
                state = state.read(
                        day, DaysRead.fingerprint(history, rule.lookbackDays().keySet(), day));
            }
        }
        return state.readFrom(earliest);
    }

    /** The oldest closed day an evaluation of {@code time} reads, or reads again. */
    private static LocalDate earliestRead(EvaluationTime time) {
        return time.lastClosedDay().minusDays(MAX_CATCH_UP_DAYS - 1);
    }

    /**
     * The closed days a closed-day rule has read already, inside the catch-up window and older than the days it reads
     * now, whose values the store holds differently now ({@link DaysRead}): a provider's later settlement, a session
     * published late, an import. Each is read again.
     */
    private static List<LocalDate> revisedDays(
            Rule rule, History history, RuleState state, EvaluationTime time, List<LocalDate> days) {
        if (rule.timing() != Timing.CLOSED_DAYS || days.isEmpty()) {
            return List.of();
        }
        List<LocalDate> revised = new ArrayList<>();
        state.daysRead().from(earliestRead(time)).days().forEach((day, read) -> {
            if (day.isBefore(days.get(0))
                    && DaysRead.fingerprint(history, rule.lookbackDays().keySet(), day) != read.fingerprint()) {
                revised.add(day);
            }
        });
        return revised;
    }

    /**
     * A stateful rule reads again every day from the oldest revised one through the newest closed day, and notifies
     * only the difference its reading makes now: one event when the rule's truth at the newest closed day is not what
     * it last notified (a revision that undoes a streak resolves it), none when it is (no FIRED, RESOLVED, FIRED for
     * one crossing). The reading starts from the state the rule had before the revised day: the current one when its
     * newest event is older, otherwise the one before that event.
     */
    private RuleState reevaluate(
            Rule rule,
            History history,
            RuleState previous,
            EvaluationTime time,
            LocalDate from,
            String executionId,
            Instant recordedAt,
            List<AlertEvent> events,
            List<NotRead> notRead) {
        boolean active = previous.lastEventDay() != null && !from.isAfter(previous.lastEventDay())
                ? !previous.active()
                : previous.active();
        Reading decisive = null;
        Reading newest = null;
        for (LocalDate day = from; !day.isAfter(time.lastClosedDay()); day = day.plusDays(1)) {
            Reading reading = rule.read(history, day, time.now());
            if (reading.signal() == Signal.NO_DATA) {
                if (day.equals(time.lastClosedDay())) {
                    notRead.add(new NotRead(rule, reading.detail()));
                }
                continue;
            }
            newest = reading;
            if (reading.signal() == Signal.FIRE && !active || reading.signal() == Signal.RESOLVE && active) {
                active = !active;
                decisive = reading;
            }
        }
        if (active == previous.active() || newest == null) {
            return previous;
        }
        Reading reading = decisive != null ? decisive : newest;
        EventKind kind = active ? EventKind.FIRED : EventKind.RESOLVED;
        RuleState state = previous.after(kind, reading.day(), false);
        events.add(event(rule, reading, kind, state, time, executionId, recordedAt));
        return state;
    }

    private AlertEvent event(
            Rule rule,
            Reading reading,
            EventKind kind,
            RuleState state,
            EvaluationTime time,
            String executionId,
            Instant recordedAt) {
        DailyPoint subject = reading.subject();
        return new AlertEvent(
                AlertEvent.key(reading.day(), rule.stateKey(), state.version()),
                new AlertEvent.Origin(
                        rule.id(), rule.info().title(), rule.info().severity(), kind),
                new AlertEvent.Figures(
                        rule.series(),
                        reading.day(),
                        reading.value(),
                        reading.threshold(),
                        reading.rearm(),
                        reading.unit(),
                        subject != null ? subject.asOf() : time.now(),
                        subject == null || subject.isFinal()),
                new AlertEvent.Explanation(
                        subject != null ? subject.sources() : List.of(),
                        reading.basis() + " (rules " + rules.version() + ")",
                        reading.detail(),
                        rule.info().meaning()),
                new AlertEvent.Recording(executionId, recordedAt));
    }

    /**
     * What a replay decided.
     *
     * @param replayed the days replayed
     * @param ruleIds  the rules replayed, in rule-file order
     * @param events   every event, in date order
     * @param readable for each rule id that read any day, the first and last day it could read its data
     * @param nanos    time spent in the engine, excluding reading the input
     */
    public record Replay(
            Span replayed, List<String> ruleIds, List<AlertEvent> events, Map<String, Span> readable, long nanos) {}

    /** Replays every day the history spans. */
    public Replay replay(History history) {
        return replay(
                history,
                history.span().orElseThrow(() -> new IllegalArgumentException("nothing to replay: no points")));
    }

    /**
     * Runs the rules over {@code days} of a history, day by day, as the scheduled evaluation would have run at the end
     * of each day: every rule reads only what was known by then (no look-ahead), and states carry from day to day in
     * memory.
     */
    public Replay replay(History history, Span days) {
        Map<String, RuleState> states = new HashMap<>();
        Map<String, Long> statesOfRule = rules.rules().stream()
                .collect(Collectors.groupingBy(Rule::id, LinkedHashMap::new, Collectors.counting()));
        Map<String, Span> readable = new LinkedHashMap<>();
        List<AlertEvent> events = new ArrayList<>();
        long start = System.nanoTime();
        for (LocalDate day = days.first(); !day.isAfter(days.last()); day = day.plusDays(1)) {
            Outcome outcome = evaluate(
                    history,
                    states,
                    EvaluationTime.endOf(day),
                    "replay",
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    Set.of(),
                    false);
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
        return new Replay(days, List.copyOf(statesOfRule.keySet()), events, readable, System.nanoTime() - start);
    }

    /**
     * The moment of an evaluation, as the rules see it.
     *
     * @param now           the instant data ages are measured at
     * @param latestDay     the day latest-observation rules read
     * @param lastClosedDay the newest day closed-day rules may read
     */
    public record EvaluationTime(Instant now, LocalDate latestDay, LocalDate lastClosedDay) {

        /** A scheduled run: today is still open, yesterday is the newest closed day. */
        public static EvaluationTime live(Instant now) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            return new EvaluationTime(now, today, today.minusDays(1));
        }

        /** A replayed day, evaluated when it has just closed. */
        public static EvaluationTime endOf(LocalDate day) {
            return new EvaluationTime(
                    day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), day, day);
        }
    }
}
