package dev.minerwatch.collect;

import dev.minerwatch.calendar.UsTradingCalendar;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.CoinGeckoSource;
import dev.minerwatch.sources.Deadline;
import dev.minerwatch.sources.EtfFlowPath;
import dev.minerwatch.sources.EtfFlows;
import dev.minerwatch.sources.MempoolSource;
import dev.minerwatch.sources.SourceCall;
import dev.minerwatch.sources.SourceException;
import dev.minerwatch.sources.SpotCoin;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads history, so that rules over 60 and 180 days work from the first day: daily hashrate and difficulty
 * (mempool.space), daily BTC and ETH prices (CoinGecko's market chart) and every published ETF flow
 * (SoSoValue's window, TFTC's open dataset before it or without a key). Past days are stored final. A day already stored final with the same value is skipped, so a
 * backfill is idempotent and an interrupted one resumes where it stopped; a day the collectors stored from other
 * sources (the three-source price consensus) is kept. Today's points stay the collectors'. Scheduled daily over
 * the last week, it fills the days an outage left empty. A day that cannot follow the one before it (a unit
 * slip: {@link Plausibility#stepProblem}) is refused, reported, and not stored.
 */
public final class Backfill {

    /** The periods mempool.space offers, in days. */
    private static final Map<Integer, String> MEMPOOL_PERIODS = new TreeMap<>(Map.of(
            30, "1m", 90, "3m", 180, "6m", 365, "1y", 730, "2y", 1095, "3y"));

    /** Progress of one series: points written so far of those it has to write. */
    public interface Progress {
        void update(SeriesId series, int written, int toWrite);
    }

    private final MempoolSource mempool;
    private final CoinGeckoSource coinGecko;
    private final List<EtfFlowPath> etfPaths;
    /** Refusals reported per series; the rest are counted. */
    private static final int MAX_REPORTED_REFUSALS = 5;

    private final PointStore points;
    private final Clock clock;
    private final Duration providerBudget;

    /**
     * @param etfPaths       where ETF flows come from, best first
     * @param providerBudget how long a backfill may spend on providers before it stores what it has
     */
    public Backfill(MempoolSource mempool, CoinGeckoSource coinGecko, List<EtfFlowPath> etfPaths, PointStore points,
                    Clock clock, Duration providerBudget) {
        this.mempool = mempool;
        this.coinGecko = coinGecko;
        this.etfPaths = List.copyOf(etfPaths);
        this.points = points;
        this.clock = clock;
        this.providerBudget = providerBudget;
    }

    /** Loads the last {@code days} days (up to 1,095, mempool.space's longest period). */
    public CollectionReport run(int days, String executionId, Progress progress) {
        return run(days, executionId, progress, Deadline.in(providerBudget));
    }

    /** Loads the last {@code days} days, its provider calls ending by {@code deadline} (a function's remaining time). */
    public CollectionReport run(int days, String executionId, Progress progress, Deadline deadline) {
        if (days < 1 || days > 1095) {
            throw new IllegalArgumentException("--days " + days + " must be between 1 and 1095");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        LocalDate first = today.minusDays(days);
        Instant now = clock.instant();
        List<CollectionReport.Stored> stored = new ArrayList<>();
        List<CollectionReport.Failed> failed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Writer writer = new Writer(first, today, now, stored, warnings, progress);

        String period = MEMPOOL_PERIODS.entrySet().stream().filter(e -> e.getKey() >= days).findFirst()
                .map(Map.Entry::getValue).orElse("3y");
        try {
            MempoolSource.Hashrate history = SourceCall.guarded(MempoolSource.ID, () -> mempool.hashrate(period, deadline));
            writer.write(SeriesId.HASHRATE_EHS, history.dailyEhs(), MempoolSource.ID);
            writer.write(SeriesId.DIFFICULTY, dailyDifficulty(history.adjustments(), first, today), MempoolSource.ID);
        } catch (SourceException e) {
            failed.add(new CollectionReport.Failed(SeriesId.HASHRATE_EHS, List.of(e.getMessage())));
            failed.add(new CollectionReport.Failed(SeriesId.DIFFICULTY, List.of(e.getMessage())));
        }
        for (SpotCoin coin : SpotCoin.values()) {
            try {
                writer.write(coin.series(), SourceCall.guarded(CoinGeckoSource.ID,
                        () -> coinGecko.dailyPrices(coin, days, deadline)), CoinGeckoSource.ID);
            } catch (SourceException e) {
                failed.add(new CollectionReport.Failed(coin.series(), List.of(e.getMessage())));
            }
        }
        etfFlows(first, today, writer, failed, warnings, deadline);
        return new CollectionReport(executionId, stored, failed, warnings);
    }

    /**
     * ETF sessions of the window from the paths best first: each path fills the sessions the ones before it did not
     * have (SoSoValue's ~300 sessions, then TFTC's from 2024-01-11), a provider asked once. Every path failing is the
     * series' failure; one failing while another answers is a warning.
     */
    private void etfFlows(LocalDate first, LocalDate today, Writer writer, List<CollectionReport.Failed> failed,
                          List<String> warnings, Deadline deadline) {
        List<String> failures = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        LocalDate covered = today; // the sessions from here on are filled
        for (EtfFlowPath path : etfPaths) {
            if (answered.contains(path.source()) || !covered.isAfter(first)) {
                continue;
            }
            EtfFlows flows;
            try {
                flows = SourceCall.guarded(path.source(), () -> path.dailyNetFlows(deadline));
            } catch (SourceException e) {
                failures.add(e.getMessage());
                continue;
            }
            answered.add(path.source());
            SortedMap<LocalDate, EtfFlows.Session> sessions = new TreeMap<>(flows.sessions().headMap(covered));
            sessions.keySet().removeIf(day -> !UsTradingCalendar.isTradingDay(day));
            Map<LocalDate, Double> totals = new TreeMap<>();
            sessions.forEach((day, session) -> totals.put(day, session.netFlowUsd()));
            writer.write(SeriesId.ETF_NET_FLOW_USD, totals, path.source(),
                    day -> EtfFlowCollector.details(flows.path(), sessions.get(day).perFundUsd()));
            if (!flows.sessions().isEmpty() && flows.sessions().firstKey().isBefore(covered)) {
                covered = flows.sessions().firstKey();
            }
        }
        if (answered.isEmpty()) {
            failed.add(new CollectionReport.Failed(SeriesId.ETF_NET_FLOW_USD, failures));
        } else {
            failures.forEach(failure -> warnings.add(failure + "; ETF flows from the other paths"));
        }
    }

    /** Each day's difficulty: the one set by the newest adjustment on or before it. */
    static Map<LocalDate, Double> dailyDifficulty(Map<LocalDate, Double> adjustments, LocalDate first, LocalDate today) {
        TreeMap<LocalDate, Double> steps = new TreeMap<>(adjustments);
        Map<LocalDate, Double> daily = new TreeMap<>();
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            var step = steps.floorEntry(day);
            if (step != null) {
                daily.put(day, step.getValue());
            }
        }
        return daily;
    }

    /** Writes one run's series into the store: what is new or changed, in date order, and plausible. */
    private final class Writer {
        private final LocalDate first;
        private final LocalDate today;
        private final Instant now;
        private final List<CollectionReport.Stored> stored;
        private final List<String> warnings;
        private final Progress progress;

        Writer(LocalDate first, LocalDate today, Instant now, List<CollectionReport.Stored> stored, List<String> warnings,
               Progress progress) {
            this.first = first;
            this.today = today;
            this.now = now;
            this.stored = stored;
            this.warnings = warnings;
            this.progress = progress;
        }

        /**
         * Each day of the window, unless the collectors stored it from other sources or it cannot follow the day
         * before it ({@link Plausibility#stepProblem}: held against the previous day kept, read or stored).
         */
        void write(SeriesId series, Map<LocalDate, Double> values, String source) {
            write(series, values, source, day -> Map.of());
        }

        /** As {@link #write(SeriesId, Map, String)}, each point with its day's details (provenance). */
        void write(SeriesId series, Map<LocalDate, Double> values, String source,
                   Function<LocalDate, Map<String, String>> details) {
            Map<LocalDate, DailyPoint> existing = points.range(series, first, today).stream()
                    .collect(Collectors.toMap(DailyPoint::day, Function.identity()));
            DailyPoint previous = points.latestBefore(series, first).orElse(null);
            List<DailyPoint> toWrite = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (var entry : new TreeMap<>(values).entrySet()) {
                LocalDate day = entry.getKey();
                if (day.isBefore(first) || !day.isBefore(today)) {
                    continue;
                }
                DailyPoint kept = existing.get(day);
                if (kept != null && !kept.sources().equals(List.of(source))) {
                    previous = kept; // a point the collectors made from other sources (a consensus, a fallback) is kept
                    continue;
                }
                Optional<String> problem = previous == null ? Optional.empty()
                        : Plausibility.stepProblem(series, entry.getValue(), previous);
                if (problem.isPresent()) {
                    refused.add(source + " " + series + " " + day + " refused: " + problem.get() + "; not stored");
                    continue;
                }
                DailyPoint point = new DailyPoint(series, day, entry.getValue(), null, List.of(source), now, true,
                        details.apply(day));
                previous = point;
                if (point.addsTo(kept)) {
                    toWrite.add(point);
                }
            }
            warnings.addAll(refused.subList(0, Math.min(refused.size(), MAX_REPORTED_REFUSALS)));
            if (refused.size() > MAX_REPORTED_REFUSALS) {
                warnings.add(source + " " + series + ": " + (refused.size() - MAX_REPORTED_REFUSALS) + " more days refused");
            }
            progress.update(series, 0, toWrite.size());
            points.putAll(toWrite, written -> progress.update(series, written, toWrite.size()));
            toWrite.forEach(p -> stored.add(new CollectionReport.Stored(series, p.day(), p.value(), p.sources(),
                    existing.containsKey(p.day()) ? PointStore.Change.UPDATED : PointStore.Change.CREATED)));
        }
    }
}
