package dev.minerwatch.rules;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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
            hash = 31 * hash + (point.isPresent() ? Double.hashCode(point.get().value()) : 0x5eed);
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
                        "days read: entry '" + entry + "' of '" + text + "' is not <ISO date>=<hex fingerprint>[*]", e);
            }
        }
        return new DaysRead(days);
    }
}
