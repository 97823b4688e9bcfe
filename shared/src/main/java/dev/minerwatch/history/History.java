package dev.minerwatch.history;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The histories of every series a rule set reads.
 *
 * <p>{@code complete} says whether a series' history starts where its data starts (a replayed file, or the whole
 * store), or is a window read for one evaluation. In a complete history, a series with no point yet was never
 * observed; in a window, it has gone quiet.
 */
public final class History {

    private final Map<SeriesId, SeriesHistory> series;
    private final boolean complete;

    private History(Map<SeriesId, SeriesHistory> series, boolean complete) {
        this.series = series;
        this.complete = complete;
    }

    /** The whole history of each series: a replay's input. */
    public static History complete(Collection<DailyPoint> points) {
        return new History(group(points), true);
    }

    /** Windows of the series, read for one evaluation. */
    public static History window(Collection<DailyPoint> points) {
        return new History(group(points), false);
    }

    private static Map<SeriesId, SeriesHistory> group(Collection<DailyPoint> points) {
        Map<SeriesId, List<DailyPoint>> bySeries = new EnumMap<>(SeriesId.class);
        points.forEach(p -> bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p));
        Map<SeriesId, SeriesHistory> histories = new EnumMap<>(SeriesId.class);
        for (SeriesId id : SeriesId.values()) {
            histories.put(id, SeriesHistory.of(id, bySeries.getOrDefault(id, List.of())));
        }
        return histories;
    }

    /** The first and last day with a point in any series; empty for an empty history. */
    public java.util.Optional<LocalDate[]> span() {
        LocalDate first = null;
        LocalDate last = null;
        for (SeriesHistory h : series.values()) {
            if (h.isEmpty()) {
                continue;
            }
            LocalDate f = h.first().orElseThrow().day();
            LocalDate l = h.last().orElseThrow().day();
            first = first == null || f.isBefore(first) ? f : first;
            last = last == null || l.isAfter(last) ? l : last;
        }
        return first == null ? java.util.Optional.empty() : java.util.Optional.of(new LocalDate[] {first, last});
    }

    public SeriesHistory of(SeriesId id) {
        return series.get(id);
    }

    public boolean complete() {
        return complete;
    }
}
