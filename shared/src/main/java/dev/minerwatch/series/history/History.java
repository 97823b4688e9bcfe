package dev.minerwatch.series.history;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        points.forEach(p ->
                bySeries.computeIfAbsent(p.series(), s -> new ArrayList<>()).add(p));
        Map<SeriesId, SeriesHistory> histories = new EnumMap<>(SeriesId.class);
        for (SeriesId id : SeriesId.values()) {
            histories.put(id, SeriesHistory.of(id, bySeries.getOrDefault(id, List.of())));
        }
        return histories;
    }

    /** The days from the first to the last point of any series; empty for an empty history. */
    public Optional<Span> span() {
        Span span = null;
        for (SeriesHistory h : series.values()) {
            if (!h.isEmpty()) {
                Span own = new Span(
                        h.first().orElseThrow().day(), h.last().orElseThrow().day());
                span = span == null ? own : span.including(own.first()).including(own.last());
            }
        }
        return Optional.ofNullable(span);
    }

    public SeriesHistory of(SeriesId id) {
        return series.get(id);
    }

    public boolean complete() {
        return complete;
    }
}
