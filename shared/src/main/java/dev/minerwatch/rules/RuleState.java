package dev.minerwatch.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * What a rule remembers between evaluations.
 *
 * @param key              the rule's id, or {@code <id>/<series>} for a rule kept per series
 * @param active           whether the rule holds (fired and not yet resolved)
 * @param version          counts changes; stored writes are conditional on it, and it numbers the events
 * @param evaluatedThrough the newest closed day the rule has read; null before the first evaluation
 * @param lastEventDay     the day of the rule's newest event; null before the first
 * @param evaluatedAt      the evaluation instant ({@link EvaluationTime#now()}) of the newest change; null before the
 *                         first. An evaluation of an earlier instant (a delayed retry) decides nothing for the rule,
 *                         so the state never moves back in time.
 */
public record RuleState(String key, boolean active, long version, LocalDate evaluatedThrough, LocalDate lastEventDay,
                        Instant evaluatedAt) {

    public RuleState {
        Objects.requireNonNull(key, "key");
    }

    public static RuleState initial(String key) {
        return new RuleState(key, false, 0, null, null, null);
    }

    /**
     * The event a reading causes in this state, if any. A rule that fires each day fires once per qualifying
     * day; any other rule fires when it starts holding and resolves when it stops.
     */
    public Optional<EventKind> transition(Reading reading, boolean eachDay) {
        if (eachDay) {
            boolean newDay = lastEventDay == null || reading.day().isAfter(lastEventDay);
            return reading.signal() == Signal.FIRE && newDay ? Optional.of(EventKind.FIRED) : Optional.empty();
        }
        if (!active && reading.signal() == Signal.FIRE) {
            return Optional.of(EventKind.FIRED);
        }
        if (active && reading.signal() == Signal.RESOLVE) {
            return Optional.of(EventKind.RESOLVED);
        }
        return Optional.empty();
    }

    /** The state after an event on {@code day}. */
    public RuleState after(EventKind kind, LocalDate day, boolean eachDay) {
        return new RuleState(key, !eachDay && kind == EventKind.FIRED, version + 1, evaluatedThrough, day, evaluatedAt);
    }

    /** The state once the closed days through {@code day} have been read. */
    public RuleState evaluatedThrough(LocalDate day) {
        if (evaluatedThrough != null && !day.isAfter(evaluatedThrough)) {
            return this;
        }
        return new RuleState(key, active, version + 1, day, lastEventDay, evaluatedAt);
    }

    /** This state as changed by the evaluation of {@code now}. */
    public RuleState changedAt(Instant now) {
        return new RuleState(key, active, version, evaluatedThrough, lastEventDay, now);
    }

    /** Whether an evaluation of {@code now} may decide for this state: not earlier than the newest change. */
    public boolean allowsEvaluationAt(Instant now) {
        return evaluatedAt == null || !now.isBefore(evaluatedAt);
    }
}
