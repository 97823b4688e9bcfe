package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.RuleEngine.EvaluationTime;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a rule remembers between evaluations.
 *
 * @param key              the rule's id, or {@code <id>/<series>} for a rule kept per series
 * @param active           whether the rule holds (fired and not yet resolved)
 * @param version          counts changes; stored writes are conditional on it, and it numbers the events
 * @param evaluatedThrough the newest closed day the rule has read; null before the first evaluation
 * @param lastEventDay     the day of the rule's newest event (for a rule that fires each day, the newest day it fired
 *                         for); null before the first
 * @param evaluatedAt      the evaluation instant ({@link EvaluationTime#now()}) of the newest change; null before the
 *                         first. An evaluation of an earlier instant (a delayed retry) decides nothing for the rule,
 *                         so the state never moves back in time.
 * @param daysRead         the closed days of the catch-up window the rule has read, and what it read there
 * @param activeSince      the evaluation instant of the change that made the rule active (its FIRED event); null
 *                         while it is not active. Reminders count their intervals from it.
 * @param remindersSent    the reminders recorded since the rule became active
 */
public record RuleState(
        String key,
        boolean active,
        long version,
        LocalDate evaluatedThrough,
        LocalDate lastEventDay,
        Instant evaluatedAt,
        DaysRead daysRead,
        Instant activeSince,
        long remindersSent) {

    public RuleState {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(daysRead, "daysRead");
    }

    /** A state that has sent no reminders and keeps no instant it became active. */
    public RuleState(
            String key,
            boolean active,
            long version,
            LocalDate evaluatedThrough,
            LocalDate lastEventDay,
            Instant evaluatedAt,
            DaysRead daysRead) {
        this(key, active, version, evaluatedThrough, lastEventDay, evaluatedAt, daysRead, null, 0);
    }

    public static RuleState initial(String key) {
        return new RuleState(key, false, 0, null, null, null, DaysRead.NONE);
    }

    /**
     * The event a reading causes in this state, if any. A rule that fires each day fires once per qualifying
     * day: a day after its newest event, or an earlier one it read before without firing (a revised session that
     * now qualifies); any other rule fires when it starts holding and resolves when it stops.
     */
    public Optional<EventKind> transition(Reading reading, boolean eachDay) {
        if (eachDay) {
            boolean due = lastEventDay == null
                    || reading.day().isAfter(lastEventDay)
                    || daysRead.readWithoutFiring(reading.day());
            return reading.signal() == Signal.FIRE && due ? Optional.of(EventKind.FIRED) : Optional.empty();
        }
        if (!active && reading.signal() == Signal.FIRE) {
            return Optional.of(EventKind.FIRED);
        }
        if (active && reading.signal() == Signal.RESOLVE) {
            return Optional.of(EventKind.RESOLVED);
        }
        return Optional.empty();
    }

    /**
     * The state after an event on {@code day}. A rule that fires each day remembers the day it fired for, which it
     * must have {@linkplain #read read}, and keeps the newest day it fired for as its last event day: firing for a
     * revised older session does not make a newer session that fired look new again. Each such event starts the
     * reminders afresh: {@link #changedAt} stamps the instant a rule it made active became so.
     */
    public RuleState after(EventKind kind, LocalDate day, boolean eachDay) {
        DaysRead read = eachDay && kind == EventKind.FIRED ? daysRead.fired(day) : daysRead;
        LocalDate eventDay = eachDay && lastEventDay != null && lastEventDay.isAfter(day) ? lastEventDay : day;
        return new RuleState(
                key,
                !eachDay && kind == EventKind.FIRED,
                version + 1,
                evaluatedThrough,
                eventDay,
                evaluatedAt,
                read,
                null,
                0);
    }

    /**
     * How many whole reminder intervals of {@code every} have passed at {@code now} since the rule became active; 0
     * while it is not active or its instant is unknown (a state stored before reminders existed).
     */
    public long remindersDue(Instant now, Duration every) {
        return active && activeSince != null && now.isAfter(activeSince)
                ? Duration.between(activeSince, now).dividedBy(every)
                : 0;
    }

    /** The state once the reminder for interval {@code interval} is recorded (an event: its version moves on). */
    public RuleState reminded(long interval) {
        return new RuleState(
                key, active, version + 1, evaluatedThrough, lastEventDay, evaluatedAt, daysRead, activeSince, interval);
    }

    /** The state once the closed days through {@code day} have been read. */
    public RuleState evaluatedThrough(LocalDate day) {
        if (evaluatedThrough != null && !day.isAfter(evaluatedThrough)) {
            return this;
        }
        return new RuleState(
                key, active, version + 1, day, lastEventDay, evaluatedAt, daysRead, activeSince, remindersSent);
    }

    /** The state with closed day {@code day} read as {@code fingerprint} ({@link DaysRead#fingerprint}). */
    public RuleState read(LocalDate day, int fingerprint) {
        DaysRead read = daysRead.read(day, fingerprint);
        return withDaysRead(read);
    }

    /** The state remembering only the days read from {@code earliest} on. */
    public RuleState readFrom(LocalDate earliest) {
        DaysRead read = daysRead.from(earliest);
        return withDaysRead(read);
    }

    private RuleState withDaysRead(DaysRead read) {
        return read == daysRead
                ? this
                : new RuleState(
                        key,
                        active,
                        version,
                        evaluatedThrough,
                        lastEventDay,
                        evaluatedAt,
                        read,
                        activeSince,
                        remindersSent);
    }

    /**
     * This state as changed by the evaluation of {@code now}, from a stored state of version {@code previous}: its
     * version moves past it (a change that only remembers days read is a change a concurrent writer must not lose).
     * A rule active without a known instant it became so (it just fired, or was stored before reminders existed)
     * is active since {@code now}.
     */
    public RuleState changedAt(Instant now, long previous) {
        return new RuleState(
                key,
                active,
                Math.max(version, previous + 1),
                evaluatedThrough,
                lastEventDay,
                now,
                daysRead,
                active ? (activeSince != null ? activeSince : now) : null,
                active ? remindersSent : 0);
    }

    /** Whether an evaluation of {@code now} may decide for this state: not earlier than the newest change. */
    public boolean allowsEvaluationAt(Instant now) {
        return evaluatedAt == null || !now.isBefore(evaluatedAt);
    }

    /**
     * The closed days a rule has read inside the catch-up window, each with a fingerprint of the values it read there
     * and, for a rule that fires each day, whether it fired for that day.
     *
     * <p>A day is revised when what the store holds for it now is not what the rule read: a provider's later
     * settlement, a session published after the next one, an {@code import}. Comparing values rather than
     * timestamps keeps that true whatever a point's {@code asOf} says (the run's time or the provider's), and only days
     * the rule has actually read can be revised: a day before its first evaluation never is.
     *
     * @param days the days read, oldest first
     */
    public record DaysRead(SortedMap<LocalDate, Day> days) {

        /** What the rule read on one day. */
        public record Day(int fingerprint, boolean fired) {}

        public static final DaysRead NONE = new DaysRead(new TreeMap<>());

        public DaysRead {
            days = Collections.unmodifiableSortedMap(new TreeMap<>(days));
        }

        /**
         * A fingerprint of the values of {@code series} on {@code day}: equal when the store holds the same values
         * (a point only becoming final keeps its fingerprint), different when one appears, goes or changes.
         */
        public static int fingerprint(History history, Collection<SeriesId> series, LocalDate day) {
            int hash = 1;
            for (SeriesId id : new TreeSet<>(series)) {
                Optional<DailyPoint> point = history.of(id).on(day);
                hash = 31 * hash
                        + (point.isPresent() ? Double.hashCode(point.get().value()) : 0x5eed);
            }
            return hash;
        }

        public Optional<Day> on(LocalDate day) {
            return Optional.ofNullable(days.get(day));
        }

        /** Whether {@code day} was read and the rule did not fire for it. */
        public boolean readWithoutFiring(LocalDate day) {
            Day read = days.get(day);
            return read != null && !read.fired();
        }

        /** These days with {@code day} read as {@code fingerprint}; whether it fired stays as it was. */
        public DaysRead read(LocalDate day, int fingerprint) {
            Day previous = days.get(day);
            Day next = new Day(fingerprint, previous != null && previous.fired());
            if (next.equals(previous)) {
                return this;
            }
            SortedMap<LocalDate, Day> copy = new TreeMap<>(days);
            copy.put(day, next);
            return new DaysRead(copy);
        }

        /** These days with the rule fired for {@code day}, which it has read. */
        public DaysRead fired(LocalDate day) {
            Day previous = days.get(day);
            if (previous == null) {
                throw new IllegalStateException("day " + day + " fired without having been read");
            }
            if (previous.fired()) {
                return this;
            }
            SortedMap<LocalDate, Day> copy = new TreeMap<>(days);
            copy.put(day, new Day(previous.fingerprint(), true));
            return new DaysRead(copy);
        }

        /** These days from {@code earliest} on: older ones are outside the window any evaluation reads again. */
        public DaysRead from(LocalDate earliest) {
            if (days.isEmpty() || !days.firstKey().isBefore(earliest)) {
                return this;
            }
            return new DaysRead(days.tailMap(earliest));
        }

        /** A compact text for a store: {@code 2026-01-28=1a2b3c4d;2026-01-29=5e6f7a8b*}, {@code *} marking a fired day. */
        public String encoded() {
            StringBuilder text = new StringBuilder();
            days.forEach((day, read) -> {
                if (!text.isEmpty()) {
                    text.append(';');
                }
                text.append(day).append('=').append(Integer.toHexString(read.fingerprint()));
                if (read.fired()) {
                    text.append('*');
                }
            });
            return text.toString();
        }

        /** The days {@link #encoded()} wrote; none for null or empty text (a state stored before days were kept). */
        public static DaysRead parse(String text) {
            if (text == null || text.isEmpty()) {
                return NONE;
            }
            SortedMap<LocalDate, Day> days = new TreeMap<>();
            for (String entry : text.split(";")) {
                int equals = entry.indexOf('=');
                boolean fired = entry.endsWith("*");
                try {
                    days.put(
                            LocalDate.parse(entry.substring(0, equals)),
                            new Day(
                                    Integer.parseUnsignedInt(
                                            entry.substring(equals + 1, entry.length() - (fired ? 1 : 0)), 16),
                                    fired));
                } catch (DateTimeParseException | IndexOutOfBoundsException | NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "days read: entry '" + entry + "' of '" + text + "' is not <ISO date>=<hex fingerprint>[*]",
                            e);
                }
            }
            return new DaysRead(days);
        }
    }
}
