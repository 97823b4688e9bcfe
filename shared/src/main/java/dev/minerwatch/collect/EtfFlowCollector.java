package dev.minerwatch.collect;

import dev.minerwatch.calendar.UsTradingCalendar;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.PlainNumber;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.SoSoValueSource;
import dev.minerwatch.sources.SourceException;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collects US spot BTC ETF daily net flows, with the per-fund split of the latest day in its point's details
 * where SoSoValue gives it. Every published trading day is stored, and revised days are
 * updated in place. An exact 0.0 on the newest day means "not yet published" and is not stored. A row dated on a
 * non-session (weekend, holiday, closure) is reported and skipped. The stored window is read in one Query and
 * only changed days are written.
 */
public final class EtfFlowCollector {

    private final SoSoValueSource soSoValue;
    private final PointStore points;
    private final Clock clock;

    public EtfFlowCollector(SoSoValueSource soSoValue, PointStore points, Clock clock) {
        this.soSoValue = soSoValue;
        this.points = points;
        this.clock = clock;
    }

    public CollectionReport collect(ScheduledInvocation invocation) {
        Map<LocalDate, Double> flows;
        try {
            flows = soSoValue.dailyNetFlowsUsd();
        } catch (SourceException e) {
            return new CollectionReport(invocation.executionId(), List.of(),
                    List.of(new CollectionReport.Failed(SeriesId.ETF_NET_FLOW_USD, List.of(e.getMessage()))), List.of());
        }
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        Optional<SoSoValueSource.PerFundFlows> perFund = perFund(warnings);
        List<CollectionReport.Stored> stored = new ArrayList<>();
        LocalDate newest = flows.keySet().stream().max(LocalDate::compareTo).orElseThrow();
        // The newest published day: the newest row unless it is still the 0.0 placeholder.
        LocalDate newestPublished = flows.get(newest) == 0.0
                ? flows.keySet().stream().filter(d -> d.isBefore(newest)).max(LocalDate::compareTo).orElse(newest)
                : newest;
        LocalDate oldest = flows.keySet().stream().min(LocalDate::compareTo).orElseThrow();
        Map<LocalDate, DailyPoint> existing = points.range(SeriesId.ETF_NET_FLOW_USD, oldest, newest).stream()
                .collect(Collectors.toMap(DailyPoint::day, Function.identity()));
        for (var row : flows.entrySet()) {
            LocalDate day = row.getKey();
            if (day.isAfter(invocation.day())) {
                warnings.add(SoSoValueSource.ID + " row " + day + " is after today (" + invocation.day() + "); skipped");
                continue;
            }
            if (!UsTradingCalendar.isTradingDay(day)) {
                warnings.add(SoSoValueSource.ID + " row " + day + " is not a US trading day; skipped");
                continue;
            }
            if (day.equals(newest) && row.getValue() == 0.0) {
                warnings.add(SoSoValueSource.ID + " " + day + " reads 0.0: not yet published; not stored");
                continue;
            }
            // The newest day is often settled the next day: only older days are final.
            Map<String, String> funds = perFund.filter(f -> f.day().equals(day)).map(EtfFlowCollector::details).orElse(Map.of());
            DailyPoint point = new DailyPoint(SeriesId.ETF_NET_FLOW_USD, day, row.getValue(), null,
                    List.of(SoSoValueSource.ID), now, day.isBefore(newestPublished), funds);
            DailyPoint before = existing.get(day);
            PointStore.Change change;
            if (before != null && before.value() == point.value() && (before.isFinal() || !point.isFinal())
                    && (funds.isEmpty() || funds.equals(before.details()))) {
                change = PointStore.Change.UNCHANGED;
            } else {
                points.put(point);
                change = before == null ? PointStore.Change.CREATED : PointStore.Change.UPDATED;
            }
            stored.add(new CollectionReport.Stored(SeriesId.ETF_NET_FLOW_USD, day, point.value(), point.sources(), change));
        }
        return new CollectionReport(invocation.executionId(), stored, List.of(), warnings);
    }

    /** The per-fund split of the latest day, if SoSoValue gives it; without it the totals still stand. */
    private Optional<SoSoValueSource.PerFundFlows> perFund(List<String> warnings) {
        try {
            return Optional.of(soSoValue.perFundFlows());
        } catch (SourceException e) {
            warnings.add(e.getMessage() + "; per-fund flows left out");
            return Optional.empty();
        }
    }

    /** Per-fund flows as a point's details: ticker → whole USD. */
    private static Map<String, String> details(SoSoValueSource.PerFundFlows flows) {
        Map<String, String> details = new java.util.TreeMap<>();
        flows.byTicker().forEach((ticker, usd) ->
                details.put(ticker, PlainNumber.of(usd)));
        return details;
    }
}
