package dev.minerwatch.collect;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.Sources.EtfFlowPath.EtfFlows;
import dev.minerwatch.sources.Sources.EtfFlowPath.PerFundFlows;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Collects US spot BTC ETF daily net flows from the first of its paths that answers (best first: SoSoValue's current
 * API, its older one, TFTC's open dataset; each earlier path's failure is a warning naming it), with each fund's
 * split where the path gives one. The sessions of the last {@value #RECENT_DAYS} days are stored, revised days
 * updated in place; older ones are the backfill's. Every point records its provider (sources) and the path (details
 * {@code path}). An exact 0.0 on the newest day means "not yet published" and is not stored. A row dated on a
 * non-session (weekend, holiday, closure) is reported and skipped. The stored window is read in one Query and
 * only changed days are written. The totals are stored before an optional per-fund call, so that a slow or
 * failing per-fund answer never costs the run its totals.
 */
final class EtfFlowCollector implements Collector {

    /** How far back a run stores sessions: revisions come within days, and the rules read at most 14. */
    static final int RECENT_DAYS = 45;
    /** The details key naming the path a point came from. */
    public static final String PATH = "path";

    private final List<EtfFlowPath> paths;
    private final PointStore points;
    private final Clock clock;
    private final Duration providerBudget;

    /**
     * @param paths          where flows come from, best first
     * @param providerBudget how long a run may spend on providers before it stores what it has
     */
    EtfFlowCollector(List<EtfFlowPath> paths, PointStore points, Clock clock, Duration providerBudget) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("an ETF flow collector needs at least one path");
        }
        this.paths = List.copyOf(paths);
        this.points = points;
        this.clock = clock;
        this.providerBudget = providerBudget;
    }

    @Override
    public CollectionReport collect(ScheduledInvocation invocation) {
        return collect(invocation, Deadline.in(providerBudget));
    }

    /** The flows of the first path that answers, and the failures of the paths before it. */
    record Answer(EtfFlowPath path, EtfFlows flows, List<String> failures) {}

    /** The first of {@code paths} that answers; if none does, every path's failure. */
    static Answer firstAnswer(List<EtfFlowPath> paths, Deadline deadline) throws SourceException {
        List<String> failures = new ArrayList<>();
        for (EtfFlowPath path : paths) {
            try {
                return new Answer(
                        path,
                        Sources.guarded(path.source(), () -> path.dailyNetFlows(deadline)),
                        List.copyOf(failures));
            } catch (SourceException e) {
                failures.add(e.getMessage());
            }
        }
        throw SourceException.unavailable(
                paths.get(0).source(), "no ETF flow path answered: " + String.join("; ", failures), null);
    }

    @Override
    public CollectionReport collect(ScheduledInvocation invocation, Deadline deadline) {
        Answer answer;
        try {
            answer = firstAnswer(paths, deadline);
        } catch (SourceException e) {
            return new CollectionReport(
                    invocation.executionId(),
                    List.of(),
                    List.of(new CollectionReport.Failed(SeriesId.ETF_NET_FLOW_USD, List.of(e.getMessage()))),
                    List.of());
        }
        EtfFlows answered = answer.flows();
        String source = answered.source();
        Instant now = clock.instant();
        List<String> warnings = new ArrayList<>();
        answer.failures()
                .forEach(failure -> warnings.add(failure + "; ETF flows from " + answered.path() + " instead"));
        LocalDate recent = invocation.day().minusDays(RECENT_DAYS);
        SortedMap<LocalDate, EtfFlows.Session> flows = answered.sessions().tailMap(recent);
        if (flows.isEmpty()) {
            return new CollectionReport(
                    invocation.executionId(),
                    List.of(),
                    List.of(new CollectionReport.Failed(
                            SeriesId.ETF_NET_FLOW_USD,
                            List.of(source + ": no session since " + recent + " in "
                                    + answered.path()
                                    + answered.updatedThrough()
                                            .map(d -> " (updated through " + d + ")")
                                            .orElse("")))),
                    warnings);
        }
        LocalDate newest = flows.lastKey();
        // The newest published day: the newest row unless it is still the 0.0 placeholder.
        LocalDate newestPublished = flows.get(newest).netFlowUsd() == 0.0
                ? flows.headMap(newest).keySet().stream().reduce((a, b) -> b).orElse(newest)
                : newest;
        Map<LocalDate, DailyPoint> existing = points.range(SeriesId.ETF_NET_FLOW_USD, flows.firstKey(), newest).stream()
                .collect(Collectors.toMap(DailyPoint::day, Function.identity()));
        Map<LocalDate, DailyPoint> written = new TreeMap<>();
        Map<LocalDate, PointStore.Change> changes = new TreeMap<>();
        for (var row : flows.entrySet()) {
            LocalDate day = row.getKey();
            double total = row.getValue().netFlowUsd();
            if (day.isAfter(invocation.day())) {
                warnings.add(source + " row " + day + " is after today (" + invocation.day() + "); skipped");
                continue;
            }
            if (!UsTradingCalendar.isTradingDay(day)) {
                warnings.add(source + " row " + day + " is not a US trading day; skipped");
                continue;
            }
            if (day.equals(newest) && total == 0.0) {
                warnings.add(source + " " + day + " reads 0.0: not yet published; not stored");
                continue;
            }
            DailyPoint before = existing.get(day);
            Map<String, String> details =
                    details(answered.path(), row.getValue().perFundUsd());
            // The same total is no news: from another provider (which never replaces a point), or from this one
            // without a per-fund split it did not have.
            boolean sameFigures = before != null
                    && before.value() == total
                    && (!before.sources().equals(List.of(source))
                            || row.getValue().perFundUsd().isEmpty()
                            || details.equals(before.details()));
            // The newest day is often settled the next day: only older days are final.
            DailyPoint point = new DailyPoint(
                    SeriesId.ETF_NET_FLOW_USD,
                    day,
                    total,
                    null,
                    List.of(source),
                    now,
                    day.isBefore(newestPublished),
                    sameFigures ? before.details() : details);
            if (sameFigures) {
                // Unchanged, or a day becoming final: it keeps when it was observed and its per-fund split.
                point = point.isFinal() ? before.asFinal() : before;
            } else if (before != null && !point.addsTo(before)) {
                warnings.add(source + " " + day + " is final at " + Amounts.plain(before.value()) + " from "
                        + before.sources() + "; a reading that is not a later settlement of the same provider does"
                        + " not replace it");
                point = before;
            }
            PointStore.Change change;
            if (point == before) {
                change = PointStore.Change.UNCHANGED;
            } else {
                points.put(point);
                change = before == null ? PointStore.Change.CREATED : PointStore.Change.UPDATED;
            }
            written.put(day, point);
            changes.put(day, change);
        }
        perFund(answer.path(), warnings, deadline).ifPresent(funds -> {
            DailyPoint point = written.get(funds.day());
            Map<String, String> details = details(answered.path(), funds.byTicker());
            if (point != null && point.sources().equals(List.of(source)) && !details.equals(point.details())) {
                points.put(new DailyPoint(
                        point.series(),
                        point.day(),
                        point.value(),
                        point.ohlc(),
                        point.sources(),
                        point.asOf(),
                        point.isFinal(),
                        details));
                changes.merge(
                        funds.day(),
                        PointStore.Change.UPDATED,
                        (was, update) -> was == PointStore.Change.CREATED ? was : update);
            }
        });
        List<CollectionReport.Stored> stored = new ArrayList<>();
        written.forEach((day, point) -> stored.add(new CollectionReport.Stored(
                SeriesId.ETF_NET_FLOW_USD, day, point.value(), point.sources(), changes.get(day))));
        return new CollectionReport(invocation.executionId(), stored, List.of(), warnings);
    }

    /** The per-fund split of the newest session by a further call, where the path has one; the totals stand without. */
    private static Optional<PerFundFlows> perFund(EtfFlowPath path, List<String> warnings, Deadline deadline) {
        try {
            return Sources.guarded(path.source(), () -> path.perFundFlows(deadline));
        } catch (SourceException e) {
            warnings.add(e.getMessage() + "; per-fund flows left out");
            return Optional.empty();
        }
    }

    /** A point's details: the path it came from, and each fund's flow in whole USD. */
    static Map<String, String> details(String path, Map<String, Double> perFundUsd) {
        Map<String, String> details = new TreeMap<>();
        perFundUsd.forEach((ticker, usd) -> details.put(ticker, Amounts.plain(usd)));
        details.put(PATH, path);
        return details;
    }
}
