package dev.minerwatch.store;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The port for the daily points of every series: one point per series and UTC day, with its provenance. Adapters
 * implement the primitive reads and writes; how an observation is folded into its day ({@link #record}) and when a
 * whole point replaces the stored one ({@link #upsert}) is decided here, once, for every adapter.
 *
 * <p>The contract suite ({@code PointStoreContract}) specifies every adapter against this interface.
 */
public interface PointStore {

    /** What recording an observation did to the stored point. */
    enum Change {
        /** The day had no point yet. */
        CREATED,
        /** The day's point changed. */
        UPDATED,
        /** The observation was already part of the point: nothing was written. */
        UNCHANGED
    }

    /**
     * A stored point with its revision (counts the conditional writes of {@link #record}) and the execution id of
     * the run that wrote it last, when one did.
     */
    record Stored(DailyPoint point, long revision, String writtenBy) {

        public boolean writtenBy(String executionId) {
            return executionId.equals(writtenBy);
        }
    }

    /** How many times {@link #record} tries before concurrent writers are taken as a fault. */
    int MAX_ATTEMPTS = 10;

    /** The day's point with its revision and writer, read strongly consistently. */
    Optional<Stored> read(SeriesId series, LocalDate day);

    /**
     * Writes {@code point} at revision {@code expectedRevision + 1} (1 for a new day) if the stored revision is still
     * {@code expectedRevision} (empty: the day has no point yet); false, writing nothing, when another writer
     * came first.
     */
    boolean writeIfRevision(DailyPoint point, Optional<Long> expectedRevision, String executionId);

    /**
     * Stores a whole point, replacing the day's point if there is one; {@code writtenBy} may be null. Like every
     * write it gives the day a revision the day never had (SQLite counts on; DynamoDB, whose bulk writes cannot be
     * conditional, draws one no writer holds): a writer that read the day before loses its {@link #writeIfRevision}
     * and reads again, so an observation recorded meanwhile is folded into the new point rather than lost, and no
     * revision comes back (no ABA).
     */
    void replace(DailyPoint point, String writtenBy);

    /**
     * Stores many whole points as {@link #replace} does; {@code written} hears the count so far. Every point is
     * stored, however many (in batches of 25 on DynamoDB, in one transaction on SQLite).
     *
     * @throws IllegalArgumentException writing nothing, when two points are of the same series and day
     */
    void putAll(List<DailyPoint> points, IntConsumer written);

    /**
     * Refuses two points of one series and day in one write: which of them should win is the caller's to say.
     *
     * @throws IllegalArgumentException naming the series and day
     */
    static void requireOnePointPerDay(List<DailyPoint> points) {
        Set<String> seen = new HashSet<>();
        for (DailyPoint point : points) {
            if (!seen.add(point.series().id() + " " + point.day())) {
                throw new IllegalArgumentException(
                        "two points of " + point.series().id() + " on " + point.day() + " in one write");
            }
        }
    }

    /**
     * Stores the circulating supply of given days (an optional column of the daily-points CSV, which the production
     * cost of those days is derived from), replacing what is stored for them; {@code written} as for {@link #putAll}.
     * The supply is not a series: no read of points returns it.
     */
    void putSupply(Map<LocalDate, Double> supplyBtc, IntConsumer written);

    /** The stored circulating supply from {@code from} to {@code to} inclusive, by day. */
    SortedMap<LocalDate, Double> supply(LocalDate from, LocalDate to);

    /**
     * Marks a day's point final if it exists and is not already; returns whether it changed. It counts as a write
     * of the revision: a writer that read the day before it was final loses its {@link #writeIfRevision}.
     */
    boolean markFinal(SeriesId series, LocalDate day);

    /** The points of one series from {@code from} to {@code to} inclusive, in date order. */
    List<DailyPoint> range(SeriesId series, LocalDate from, LocalDate to);

    /** The points of several series over a few days, in no particular order: for reads of a day or two. */
    List<DailyPoint> days(Collection<SeriesId> series, LocalDate from, LocalDate to);

    /** The newest point of a series on or before a day. */
    Optional<DailyPoint> latest(SeriesId series, LocalDate onOrBefore);

    /** The newest point of a series strictly before a day. */
    default Optional<DailyPoint> latestBefore(SeriesId series, LocalDate day) {
        return latest(series, day.minusDays(1));
    }

    default Optional<DailyPoint> get(SeriesId series, LocalDate day) {
        return read(series, day).map(Stored::point);
    }

    /** Stores a whole point, replacing the day's point if there is one. */
    default void put(DailyPoint point) {
        replace(point, null);
    }

    /** Every series' points from {@code from} to {@code to}, each in date order. */
    default Map<SeriesId, List<DailyPoint>> all(LocalDate from, LocalDate to) {
        Map<SeriesId, List<DailyPoint>> all = new EnumMap<>(SeriesId.class);
        for (SeriesId series : SeriesId.values()) {
            all.put(series, range(series, from, to));
        }
        return all;
    }

    /**
     * Folds an observation into its day's point (open/high/low/close, newest value and provenance). Concurrent
     * writers are serialised by the revision, so overlapping runs never lose an observation and never create a
     * second point for the day. A point this run ({@code executionId}) already wrote is left alone: a retried run
     * changes nothing it did before.
     */
    default Change record(Observation observation, String executionId) {
        return conditionally(
                observation.series(),
                observation.day(),
                existing -> {
                    DailyPoint merged = existing.map(p -> p.point().withObservation(observation))
                            .orElseGet(() -> DailyPoint.firstObservation(observation));
                    return existing.isPresent() && existing.get().point().equals(merged) ? null : merged;
                },
                executionId);
    }

    /**
     * Stores a whole point (derived and historical values) unless the day's stored point is already equal to it,
     * is final with the same value, or was written by this same run: repeated runs write nothing new. The write is
     * conditional on the revision read, so a point recorded meanwhile is judged again rather than overwritten.
     */
    default Change upsert(DailyPoint point, String executionId) {
        return conditionally(
                point.series(),
                point.day(),
                existing -> point.addsTo(existing.map(Stored::point).orElse(null)) ? point : null,
                executionId);
    }

    /**
     * Reads the day, asks {@code change} for the point to write instead (null: nothing to write), and writes it
     * conditional on the revision read; a writer that came first makes it read and decide again. A point this run
     * already wrote is left alone.
     */
    private Change conditionally(
            SeriesId series, LocalDate day, Function<Optional<Stored>, DailyPoint> change, String executionId) {
        for (int attempt = 1; ; attempt++) {
            Optional<Stored> existing = read(series, day);
            if (existing.isPresent() && existing.get().writtenBy(executionId)) {
                return Change.UNCHANGED;
            }
            DailyPoint changed = change.apply(existing);
            if (changed == null) {
                return Change.UNCHANGED;
            }
            if (writeIfRevision(changed, existing.map(Stored::revision), executionId)) {
                return existing.isPresent() ? Change.UPDATED : Change.CREATED;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException(
                        "could not store " + series + " " + day + " after " + MAX_ATTEMPTS + " concurrent updates");
            }
            backOff(attempt);
        }
    }

    /**
     * Full-jitter exponential backoff (10 ms doubling, at most 400 ms), so that writers who collided do not collide
     * again in lockstep. Adapters use it for their own retries too.
     */
    static void backOff(int attempt) {
        long ceiling = Math.min(400, 10L << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a concurrent update", e);
        }
    }
}
