package dev.minerwatch.series.history;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The points of one series in date order, indexed for the questions rules ask: the point of a day, the newest
 * point on or before a day, the mean over a span of days, the last N points. Every question names the last
 * day it may look at, so a rule evaluated for a day never sees a later one. Sums come from prefix sums, so a
 * mean costs two binary searches whatever its span; that keeps a replay linear in the days replayed.
 *
 * <p>A series dated by trading session keeps only the points dated on US trading days.
 */
public final class SeriesHistory {

    private final SeriesId series;
    private final List<DailyPoint> points;
    private final long[] days;
    private final double[] prefixSums;

    private SeriesHistory(SeriesId series, List<DailyPoint> points) {
        this.series = series;
        this.points = points;
        this.days = new long[points.size()];
        this.prefixSums = new double[points.size() + 1];
        for (int i = 0; i < points.size(); i++) {
            days[i] = points.get(i).day().toEpochDay();
            prefixSums[i + 1] = prefixSums[i] + points.get(i).value();
        }
    }

    /** The history of a series from its points in any order; one point per day. */
    public static SeriesHistory of(SeriesId series, List<DailyPoint> points) {
        List<DailyPoint> sorted = new ArrayList<>(points.size());
        for (DailyPoint point : points) {
            if (point.series() != series) {
                throw new IllegalArgumentException("a " + point.series() + " point in the history of " + series);
            }
            if (!series.tradingSessions() || UsTradingCalendar.isTradingDay(point.day())) {
                sorted.add(point);
            }
        }
        sorted.sort(Comparator.comparing(DailyPoint::day));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).day().equals(sorted.get(i - 1).day())) {
                throw new IllegalArgumentException(
                        series + " has two points for " + sorted.get(i).day());
            }
        }
        return new SeriesHistory(series, List.copyOf(sorted));
    }

    public SeriesId series() {
        return series;
    }

    /** Every point, oldest first. */
    public List<DailyPoint> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }

    /** The oldest point, if any. */
    public Optional<DailyPoint> first() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(0));
    }

    /** The newest point, if any. */
    public Optional<DailyPoint> last() {
        return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
    }

    /** The point dated exactly {@code day}. */
    public Optional<DailyPoint> on(LocalDate day) {
        int i = indexAtOrBefore(day);
        return i >= 0 && days[i] == day.toEpochDay() ? Optional.of(points.get(i)) : Optional.empty();
    }

    /** The newest point on or before {@code day}. */
    public Optional<DailyPoint> latest(LocalDate day) {
        int i = indexAtOrBefore(day);
        return i >= 0 ? Optional.of(points.get(i)) : Optional.empty();
    }

    /** The newest point on or before {@code day} and no more than {@code maxAgeDays} before it. */
    public Optional<DailyPoint> latest(LocalDate day, int maxAgeDays) {
        return latest(day).filter(p -> p.day().toEpochDay() >= day.toEpochDay() - maxAgeDays);
    }

    /**
     * The mean of the values over the {@code spanDays} days ending with {@code day}, when the history covers
     * the whole span and at least {@code minPoints} of its days have a point.
     */
    public OptionalDouble mean(LocalDate day, int spanDays, int minPoints) {
        return mean(day.toEpochDay(), spanDays, minPoints);
    }

    private OptionalDouble mean(long lastDay, int spanDays, int minPoints) {
        if (days.length == 0 || days[0] > lastDay - spanDays + 1) {
            return OptionalDouble.empty(); // the span starts before the history does: not a mean of spanDays days
        }
        int to = indexAtOrBefore(lastDay);
        int from = indexAtOrBefore(lastDay - spanDays);
        int count = to - from;
        if (count <= 0 || count < minPoints) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((prefixSums[to + 1] - prefixSums[from + 1]) / count);
    }

    /**
     * The highest of the {@code spanDays}-day means ending on each of the {@code windowDays} days up to
     * {@code day} (a rolling maximum of a moving average), when at least {@code minMeans} of them exist.
     */
    public OptionalDouble maxMean(LocalDate day, int spanDays, int minPoints, int windowDays, int minMeans) {
        long last = day.toEpochDay();
        double max = Double.NEGATIVE_INFINITY;
        int defined = 0;
        for (long d = last - windowDays + 1; d <= last; d++) {
            OptionalDouble mean = mean(d, spanDays, minPoints);
            if (mean.isPresent()) {
                defined++;
                max = Math.max(max, mean.getAsDouble());
            }
        }
        return defined >= minMeans ? OptionalDouble.of(max) : OptionalDouble.empty();
    }

    /** The newest {@code count} points on or before {@code day}, oldest first; fewer when history is shorter. */
    public List<DailyPoint> lastPoints(LocalDate day, int count) {
        int to = indexAtOrBefore(day);
        return points.subList(Math.max(0, to - count + 1), to + 1);
    }

    /**
     * The newest {@code count} points on or before {@code day}, oldest first, when they are consecutive: one per
     * US trading session for a session series, one per day otherwise. Empty when a day is missing among them.
     */
    public Optional<List<DailyPoint>> lastConsecutive(LocalDate day, int count) {
        List<DailyPoint> last = lastPoints(day, count);
        if (last.size() < count) {
            return Optional.empty();
        }
        for (int i = 1; i < last.size(); i++) {
            LocalDate expected = series.tradingSessions()
                    ? UsTradingCalendar.previousTradingDay(last.get(i).day())
                    : last.get(i).day().minusDays(1);
            if (!last.get(i - 1).day().equals(expected)) {
                return Optional.empty();
            }
        }
        return Optional.of(last);
    }

    /** The sum of the newest {@code count} values on or before {@code day}, when there are that many. */
    public OptionalDouble sumOfLast(LocalDate day, int count) {
        int to = indexAtOrBefore(day);
        if (to + 1 < count) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(prefixSums[to + 1] - prefixSums[to + 1 - count]);
    }

    private int indexAtOrBefore(LocalDate day) {
        return indexAtOrBefore(day.toEpochDay());
    }

    /** The index of the newest point dated on or before the epoch day, −1 when there is none. */
    private int indexAtOrBefore(long epochDay) {
        int low = 0;
        int high = days.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (days[mid] <= epochDay) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return high;
    }

    /** The days from {@code first} to {@code last}, both included. */
    public record Span(LocalDate first, LocalDate last) {

        public Span {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(last, "last");
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("span from " + first + " to " + last + " ends before it starts");
            }
        }

        public static Span of(LocalDate day) {
            return new Span(day, day);
        }

        /** This span stretched to include {@code day}. */
        public Span including(LocalDate day) {
            return new Span(day.isBefore(first) ? day : first, day.isAfter(last) ? day : last);
        }

        public long days() {
            return ChronoUnit.DAYS.between(first, last) + 1;
        }
    }
}
