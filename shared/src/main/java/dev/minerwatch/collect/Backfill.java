package dev.minerwatch.collect;

import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.Sources.CoinGecko;
import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.Sources.EtfFlowPath.EtfFlows;
import dev.minerwatch.sources.Sources.Mempool;
import dev.minerwatch.sources.Sources.SpotPriceSource.SpotCoin;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
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
 * Loads history, so that rules over 60 and 180 days work from the first day: daily hashrate, difficulty and fees
 * per block (mempool.space), daily BTC and ETH prices (CoinGecko's market chart) and every published ETF flow
 * (SoSoValue's window, TFTC's open dataset before it or without a key); then the derived hashprice and production
 * cost of every loaded day with a price and a difficulty ({@link DerivedHistory}: without fees, the hashprice counts
 * the subsidy alone, a lower bound, and says so). A failure of the fees leaves the rest to load and is a warning.
 * Past days are stored final. A day already stored final with the same value is skipped, so a
 * backfill is idempotent and an interrupted one resumes where it stopped; a day the collectors stored from other
 * sources (the three-source price consensus) is kept. Today's points stay the collectors'. Scheduled daily over
 * the last week, it fills the days an outage left empty. A day that cannot follow the one before it (a unit
 * slip: {@link Plausibility#stepProblem}) is refused, reported, and not stored.
 */
public final class Backfill {

    /** The periods mempool.space offers, in days. */
    private static final Map<Integer, String> MEMPOOL_PERIODS =
            new TreeMap<>(Map.of(30, "1m", 90, "3m", 180, "6m", 365, "1y", 730, "2y", 1095, "3y"));

    /** Progress of one series: points written so far of those it has to write. */
    public interface Progress {
        void update(SeriesId series, int written, int toWrite);
    }

    private final Mempool mempool;
    private final CoinGecko coinGecko;
    private final List<EtfFlowPath> etfPaths;
    private final ProductionCostModel costModel;
    /** Refusals reported per series; the rest are counted. */
    private static final int MAX_REPORTED_REFUSALS = 5;

    private final PointStore points;
    private final Clock clock;
    private final Duration providerBudget;

    /**
     * @param etfPaths       where ETF flows come from, best first
     * @param providerBudget how long a backfill may spend on providers before it stores what it has
     */
    public Backfill(
            Mempool mempool,
            CoinGecko coinGecko,
            List<EtfFlowPath> etfPaths,
            ProductionCostModel costModel,
            PointStore points,
            Clock clock,
            Duration providerBudget) {
        this.mempool = mempool;
        this.coinGecko = coinGecko;
        this.etfPaths = List.copyOf(etfPaths);
        this.costModel = costModel;
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
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days);
        Instant now = clock.instant();
        List<CollectionReport.Stored> stored = new ArrayList<>();
        List<CollectionReport.Failed> failed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Writer writer = new Writer(first, today, now, stored, warnings, progress);

        String period = MEMPOOL_PERIODS.entrySet().stream()
                .filter(e -> e.getKey() >= days)
                .findFirst()
                .map(Map.Entry::getValue)
                .orElse("3y");
        try {
            Mempool.Hashrate history = Sources.guarded(Mempool.ID, () -> mempool.hashrate(period, deadline));
            writer.write(SeriesId.HASHRATE_EHS, history.dailyEhs(), Mempool.ID);
            writer.write(SeriesId.DIFFICULTY, dailyDifficulty(history.adjustments(), first, today), Mempool.ID);
        } catch (SourceException e) {
            failed.add(new CollectionReport.Failed(SeriesId.HASHRATE_EHS, List.of(e.getMessage())));
            failed.add(new CollectionReport.Failed(SeriesId.DIFFICULTY, List.of(e.getMessage())));
        }
        try {
            Mempool.FeeHistory fees = Sources.guarded(Mempool.ID, () -> mempool.feeHistory(period, deadline));
            writer.write(feesPoints(fees, now), Mempool.ID);
        } catch (SourceException e) {
            // Fees are an input of the hashprice only: without them it is still derived, from the subsidy alone.
            warnings.add(e.getMessage() + "; " + SeriesId.HASHPRICE_USD_PH_DAY + " of days without stored fees from the"
                    + " subsidy alone, a lower bound");
        }
        for (SpotCoin coin : SpotCoin.values()) {
            try {
                writer.write(
                        coin.series(),
                        Sources.guarded(CoinGecko.ID, () -> coinGecko.dailyPrices(coin, days, deadline)),
                        CoinGecko.ID);
            } catch (SourceException e) {
                failed.add(new CollectionReport.Failed(coin.series(), List.of(e.getMessage())));
            }
        }
        etfFlows(first, today, writer, failed, warnings, deadline);
        List<DailyPoint> derived = DerivedHistory.toStore(points, first, today.minusDays(1), costModel);
        writer.writeDerived(SeriesId.PRODUCTION_COST_USD, derived);
        writer.writeDerived(SeriesId.HASHPRICE_USD_PH_DAY, derived);
        DerivedHistory.lowerBounds(derived).ifPresent(warnings::add);
        return new CollectionReport(executionId, stored, failed, warnings);
    }

    /**
     * ETF sessions of the window from the paths best first: each path fills the sessions the ones before it did not
     * have (SoSoValue's ~300 sessions, then TFTC's from 2024-01-11), a provider asked once. Every path failing is the
     * series' failure; one failing while another answers is a warning.
     */
    private void etfFlows(
            LocalDate first,
            LocalDate today,
            Writer writer,
            List<CollectionReport.Failed> failed,
            List<String> warnings,
            Deadline deadline) {
        List<String> failures = new ArrayList<>();
        Set<String> answered = new HashSet<>();
        LocalDate covered = today; // the sessions from here on are filled
        for (EtfFlowPath path : etfPaths) {
            if (answered.contains(path.source()) || !covered.isAfter(first)) {
                continue;
            }
            EtfFlows flows;
            try {
                flows = Sources.guarded(path.source(), () -> path.dailyNetFlows(deadline));
            } catch (SourceException e) {
                failures.add(e.getMessage());
                continue;
            }
            answered.add(path.source());
            SortedMap<LocalDate, EtfFlows.Session> sessions =
                    new TreeMap<>(flows.sessions().headMap(covered));
            sessions.keySet().removeIf(day -> !UsTradingCalendar.isTradingDay(day));
            Map<LocalDate, Double> totals = new TreeMap<>();
            sessions.forEach((day, session) -> totals.put(day, session.netFlowUsd()));
            writer.write(
                    SeriesId.ETF_NET_FLOW_USD,
                    totals,
                    path.source(),
                    day -> EtfFlowCollector.details(
                            flows.path(), sessions.get(day).perFundUsd()));
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

    /** Each day's fees per block, with how they were read: the provenance of the hashprice derived from them. */
    static List<DailyPoint> feesPoints(Mempool.FeeHistory history, Instant now) {
        return history.daily().entrySet().stream()
                .map(day -> new DailyPoint(
                        SeriesId.FEES_BTC_PER_BLOCK,
                        day.getKey(),
                        day.getValue().btcPerBlock(),
                        null,
                        List.of(Mempool.ID),
                        now,
                        true,
                        Map.of(
                                DerivedPoints.READING,
                                "blocks/fees " + history.period() + ", avgFees "
                                        + day.getValue().avgFeesSats() + " sat at height "
                                        + day.getValue().avgHeight() + " ("
                                        + day.getValue().buckets() + " buckets)")))
                .toList();
    }

    /** Each day's difficulty: the one set by the newest adjustment on or before it. */
    static Map<LocalDate, Double> dailyDifficulty(
            Map<LocalDate, Double> adjustments, LocalDate first, LocalDate today) {
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

        Writer(
                LocalDate first,
                LocalDate today,
                Instant now,
                List<CollectionReport.Stored> stored,
                List<String> warnings,
                Progress progress) {
            this.first = first;
            this.today = today;
            this.now = now;
            this.stored = stored;
            this.warnings = warnings;
            this.progress = progress;
        }

        /** Each day's value of one source, final: see {@link #write(List, String)}. */
        void write(SeriesId series, Map<LocalDate, Double> values, String source) {
            write(series, values, source, day -> Map.of());
        }

        /** As {@link #write(SeriesId, Map, String)}, each point with its day's details (provenance). */
        void write(
                SeriesId series,
                Map<LocalDate, Double> values,
                String source,
                Function<LocalDate, Map<String, String>> details) {
            write(
                    values.entrySet().stream()
                            .map(day -> new DailyPoint(
                                    series,
                                    day.getKey(),
                                    day.getValue(),
                                    null,
                                    List.of(source),
                                    now,
                                    true,
                                    details.apply(day.getKey())))
                            .toList(),
                    source);
        }

        /**
         * Each point of one series in the window, unless the collectors stored its day from other sources or by another
         * reading (the fees of a window of blocks beside a day's average), or it cannot follow the day before it
         * ({@link Plausibility#stepProblem}: held against the previous day kept, read or stored).
         */
        void write(List<DailyPoint> values, String source) {
            if (values.isEmpty()) {
                return;
            }
            SeriesId series = values.get(0).series();
            Map<LocalDate, DailyPoint> existing = existing(series);
            DailyPoint previous = points.latestBefore(series, first).orElse(null);
            List<DailyPoint> toWrite = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (DailyPoint point : values.stream()
                    .sorted(Comparator.comparing(DailyPoint::day))
                    .toList()) {
                LocalDate day = point.day();
                if (day.isBefore(first) || !day.isBefore(today)) {
                    continue;
                }
                DailyPoint kept = existing.get(day);
                if (kept != null && (!kept.sources().equals(point.sources()) || readsOtherwise(kept, point))) {
                    previous = kept; // a point the collectors made otherwise (a consensus, a fallback) is kept
                    continue;
                }
                Optional<String> problem = previous == null
                        ? Optional.empty()
                        : Plausibility.stepProblem(series, point.day(), point.value(), previous);
                if (problem.isPresent()) {
                    refused.add(source + " " + series + " " + day + " refused: " + problem.get() + "; not stored");
                    continue;
                }
                previous = point;
                if (point.addsTo(kept)) {
                    toWrite.add(point);
                }
            }
            warnings.addAll(refused.subList(0, Math.min(refused.size(), MAX_REPORTED_REFUSALS)));
            if (refused.size() > MAX_REPORTED_REFUSALS) {
                warnings.add(
                        source + " " + series + ": " + (refused.size() - MAX_REPORTED_REFUSALS) + " more days refused");
            }
            store(series, toWrite, existing);
        }

        /**
         * Whether two points of one provider are different readings: the network collector's fees are those of the
         * last 144 blocks when it ran, the backfill's a day's average, which says how it was read
         * ({@link DerivedPoints#READING}).
         */
        private static boolean readsOtherwise(DailyPoint kept, DailyPoint point) {
            return kept.details().containsKey(DerivedPoints.READING)
                    != point.details().containsKey(DerivedPoints.READING);
        }

        /** The derived points of one series, as {@link DerivedHistory#toStore} chose them. */
        void writeDerived(SeriesId series, List<DailyPoint> derived) {
            store(series, derived.stream().filter(p -> p.series() == series).toList(), existing(series));
        }

        private Map<LocalDate, DailyPoint> existing(SeriesId series) {
            return points.range(series, first, today).stream()
                    .collect(Collectors.toMap(DailyPoint::day, Function.identity()));
        }

        private void store(SeriesId series, List<DailyPoint> toWrite, Map<LocalDate, DailyPoint> existing) {
            progress.update(series, 0, toWrite.size());
            points.putAll(toWrite, written -> progress.update(series, written, toWrite.size()));
            toWrite.forEach(p -> stored.add(new CollectionReport.Stored(
                    series,
                    p.day(),
                    p.value(),
                    p.sources(),
                    existing.containsKey(p.day()) ? PointStore.Change.UPDATED : PointStore.Change.CREATED)));
        }
    }
}
