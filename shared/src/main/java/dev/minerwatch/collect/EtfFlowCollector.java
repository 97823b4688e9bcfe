package dev.minerwatch.collect;

import dev.minerwatch.calendar.UsTradingCalendar;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.PlainNumber;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Deadline;
import dev.minerwatch.sources.SoSoValueSource;
import dev.minerwatch.sources.SourceCall;
import dev.minerwatch.sources.SourceException;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collects US spot BTC ETF daily net flows, with the per-fund split of the latest day in its point's details
 * where SoSoValue gives it. Every published trading day is stored, and revised days are
 * updated in place. An exact 0.0 on the newest day means "not yet published" and is not stored. A row dated on a
 * non-session (weekend, holiday, closure) is reported and skipped. The stored window is read in one Query and
 * only changed days are written. The totals are stored before the optional per-fund call, so that a slow or
 * failing per-fund answer never costs the run its totals.
 */
public final class EtfFlowCollector {

    private final SoSoValueSource soSoValue;
    private final PointStore points;
    private final Clock clock;
    private final Duration providerBudget;

    /** @param providerBudget how long a run may spend on providers before it stores what it has */
    public EtfFlowCollector(SoSoValueSource soSoValue, PointStore points, Clock clock, Duration providerBudget) {
        this.soSoValue = soSoValue;
        this.points = points;
        this.clock = clock;
        this.providerBudget = providerBudget;
    }

    public CollectionReport collect(ScheduledInvocation invocation) {
        return collect(invocation, Deadline.in(providerBudget));
    }

    /** One run whose provider calls end by {@code deadline}. */
    public CollectionReport collect(ScheduledInvocation invocation, Deadline deadline) {
        Map<LocalDate, Double> flows;
        try {
            flows = SourceCall.guarded(SoSoValueSource.ID, () -> soSoValue.dailyNetFlowsUsd(deadline));
        } catch (SourceException e) {
            return new CollectionReport(invocation.executionId(), List.of(),
                    List.of(new CollectionReport.Failed(SeriesId.ETF_NET_FLOW_USD, List.of(e.getMessage()))), List.of());
        }
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        LocalDate newest = flows.keySet().stream().max(LocalDate::compareTo).orElseThrow();
        // The newest published day: the newest row unless it is still the 0.0 placeholder.
        LocalDate newestPublished = flows.get(newest) == 0.0
                ? flows.keySet().stream().filter(d -> d.isBefore(newest)).max(LocalDate::compareTo).orElse(newest)
                : newest;
        LocalDate oldest = flows.keySet().stream().min(LocalDate::compareTo).orElseThrow();
        Map<LocalDate, DailyPoint> existing = points.range(SeriesId.ETF_NET_FLOW_USD, oldest, newest).stream()
                .collect(Collectors.toMap(DailyPoint::day, Function.identity()));
        Map<LocalDate, DailyPoint> written = new TreeMap<>();
        Map<LocalDate, PointStore.Change> changes = new TreeMap<>();
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
            DailyPoint before = existing.get(day);
            // A day whose total is unchanged keeps its stored per-fund split until the per-fund call says otherwise.
            Map<String, String> funds = before != null && before.value() == row.getValue() ? before.details() : Map.of();
            // The newest day is often settled the next day: only older days are final.
            DailyPoint point = new DailyPoint(SeriesId.ETF_NET_FLOW_USD, day, row.getValue(), null,
                    List.of(SoSoValueSource.ID), now, day.isBefore(newestPublished), funds);
            PointStore.Change change;
            if (before != null && before.value() == point.value()) {
                // Unchanged, or a day becoming final: it keeps when it was observed, so no rule reads it as revised.
                point = point.isFinal() ? before.asFinal() : before;
            } else if (before != null && !point.addsTo(before)) {
                warnings.add(SoSoValueSource.ID + " " + day + " is final at " + before.value()
                        + "; a reading that is not a later settlement does not replace it");
                point = before;
            }
            if (point == before) {
                change = PointStore.Change.UNCHANGED;
            } else {
                points.put(point);
                change = before == null ? PointStore.Change.CREATED : PointStore.Change.UPDATED;
            }
            written.put(day, point);
            changes.put(day, change);
        }
        perFund(warnings, deadline).ifPresent(funds -> {
            DailyPoint point = written.get(funds.day());
            Map<String, String> details = details(funds);
            if (point != null && !details.equals(point.details())) {
                points.put(new DailyPoint(point.series(), point.day(), point.value(), point.ohlc(), point.sources(),
                        point.asOf(), point.isFinal(), details));
                changes.merge(funds.day(), PointStore.Change.UPDATED,
                        (was, update) -> was == PointStore.Change.CREATED ? was : update);
            }
        });
        List<CollectionReport.Stored> stored = new ArrayList<>();
        written.forEach((day, point) -> stored.add(new CollectionReport.Stored(SeriesId.ETF_NET_FLOW_USD, day,
                point.value(), point.sources(), changes.get(day))));
        return new CollectionReport(invocation.executionId(), stored, List.of(), warnings);
    }

    /** The per-fund split of the latest day, if SoSoValue gives it; without it the totals still stand. */
    private Optional<SoSoValueSource.PerFundFlows> perFund(List<String> warnings, Deadline deadline) {
        try {
            return Optional.of(SourceCall.guarded(SoSoValueSource.ID, () -> soSoValue.perFundFlows(deadline)));
        } catch (SourceException e) {
            warnings.add(e.getMessage() + "; per-fund flows left out");
            return Optional.empty();
        }
    }

    /** Per-fund flows as a point's details: ticker → whole USD. */
    private static Map<String, String> details(SoSoValueSource.PerFundFlows flows) {
        Map<String, String> details = new TreeMap<>();
        flows.byTicker().forEach((ticker, usd) ->
                details.put(ticker, PlainNumber.of(usd)));
        return details;
    }
}
