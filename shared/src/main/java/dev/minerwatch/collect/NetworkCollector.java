package dev.minerwatch.collect;

import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.Sources.BlockchainInfo;
import dev.minerwatch.sources.Sources.Mempool;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Collects the network series (hashrate in EH/s, difficulty, fees per block) from mempool.space, with
 * blockchain.com as the fallback for hashrate, and derives the day's hashprice and production cost from them
 * and the stored BTC price. Past days' hashrate averages are stored as final; today's values are not.
 *
 * <p>A source's failure, whatever its code threw, is that source's: the fallback and the other calls still run.
 * mempool's {@code currentHashrate} of 0 (its node is down) is missing data: its daily averages are still used.
 *
 * <p>Points carry the provider's time, not the run's: a daily average is as of its day's end, today's figures as of
 * the provider's newest daily average (mempool's mining index, blockchain.com's newest {@code x}). A provider whose
 * newest average is more than {@link #MAX_PROVIDER_LAG} old has stopped: its current figures are not today's, so
 * they are not stored (mempool's hashrate then comes from blockchain.com), and the staleness rule sees how old the
 * newest stored point really is.
 * Every value is held against the series' newest stored point before its day ({@link Plausibility#stepProblem}):
 * one that cannot follow it is refused, named with its bound, and nothing is derived from it.
 */
final class NetworkCollector implements Collector {

    /** How far a provider's newest daily average may trail the run: its index publishes yesterday's by today. */
    static final Duration MAX_PROVIDER_LAG = Duration.ofDays(2);

    private final Mempool mempool;
    private final BlockchainInfo blockchainInfo;
    private final ProductionCostModel costModel;
    private final PointStore points;
    private final Clock clock;
    private final Duration providerBudget;

    /** @param providerBudget how long a run may spend on providers before it stores what it has */
    NetworkCollector(
            Mempool mempool,
            BlockchainInfo blockchainInfo,
            ProductionCostModel costModel,
            PointStore points,
            Clock clock,
            Duration providerBudget) {
        this.mempool = mempool;
        this.blockchainInfo = blockchainInfo;
        this.costModel = costModel;
        this.points = points;
        this.clock = clock;
        this.providerBudget = providerBudget;
    }

    @Override
    public CollectionReport collect(ScheduledInvocation invocation) {
        return collect(invocation, Deadline.in(providerBudget));
    }

    @Override
    public CollectionReport collect(ScheduledInvocation invocation, Deadline deadline) {
        Instant now = clock.instant();
        LocalDate today = invocation.day();
        Report report = new Report(invocation.executionId());

        // The calls at once, on virtual threads; each comes back as its value or its error.
        CompletableFuture<Outcome<Mempool.Hashrate>> hashrateCall;
        CompletableFuture<Outcome<Mempool.Fees>> feesCall;
        CompletableFuture<Outcome<Mempool.DifficultyAdjustment>> retargetCall;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            hashrateCall = CompletableFuture.supplyAsync(
                    () -> Outcome.of(Mempool.ID, () -> mempool.hashrate(deadline)), executor);
            feesCall =
                    CompletableFuture.supplyAsync(() -> Outcome.of(Mempool.ID, () -> mempool.fees(deadline)), executor);
            retargetCall = CompletableFuture.supplyAsync(
                    () -> Outcome.of(Mempool.ID, () -> mempool.difficultyAdjustment(deadline)), executor);
        }

        Optional<Mempool.Hashrate> hashrate =
                hashrateCall.join().value(List.of(SeriesId.HASHRATE_EHS, SeriesId.DIFFICULTY), report);
        Map<LocalDate, Double> dailyHashrate = new TreeMap<>();
        String hashrateSource = Mempool.ID;
        Instant hashrateTime = now;
        boolean mempoolCurrent = hashrate.isPresent()
                && current(
                        report, Mempool.ID, "its mining index", hashrate.get().newestAverageAt(), now);
        if (mempoolCurrent) {
            dailyHashrate.putAll(hashrate.get().dailyEhs());
            hashrateTime = providerTime(hashrate.get().newestAverageAt(), now);
            hashrate.get()
                    .currentEhs()
                    .ifPresentOrElse(
                            current -> dailyHashrate.putIfAbsent(today, current),
                            () -> report.warnings.add(
                                    Mempool.ID + " field currentHashrate: value 0 (mempool's node is down)"
                                            + " is missing data; its daily averages are used"));
        } else {
            try {
                Map<LocalDate, Double> fallback =
                        Sources.guarded(BlockchainInfo.ID, () -> blockchainInfo.dailyHashrateEhs("1week", deadline));
                Instant newest = fallback.keySet().stream()
                        .max(LocalDate::compareTo)
                        .orElseThrow()
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant();
                if (current(report, BlockchainInfo.ID, "its chart", newest, now)) {
                    dailyHashrate.putAll(fallback);
                    hashrateSource = BlockchainInfo.ID;
                    hashrateTime = providerTime(newest, now);
                    report.failed.removeIf(f -> f.series() == SeriesId.HASHRATE_EHS);
                    report.warnings.add("hashrate_ehs from " + BlockchainInfo.ID + " (mempool failed)");
                } else {
                    report.addError(SeriesId.HASHRATE_EHS, "no current hashrate from any source");
                }
            } catch (SourceException e) {
                report.addError(SeriesId.HASHRATE_EHS, e.getMessage());
            }
        }
        for (var day : dailyHashrate.entrySet()) {
            if (!day.getKey().isAfter(today)) {
                Instant asOf = day.getKey().isBefore(today) ? min(endOf(day.getKey()), hashrateTime) : hashrateTime;
                storeIfPlausible(
                        report,
                        new DailyPoint(
                                SeriesId.HASHRATE_EHS,
                                day.getKey(),
                                day.getValue(),
                                null,
                                List.of(hashrateSource),
                                asOf,
                                day.getKey().isBefore(today),
                                Map.of()));
            }
        }
        if (hashrate.isPresent() && !mempoolCurrent) {
            report.addError(
                    SeriesId.DIFFICULTY,
                    Mempool.ID + " currentDifficulty is not today's: its mining index has stopped");
        }
        boolean difficultyStored = mempoolCurrent
                && storeIfPlausible(
                        report,
                        new DailyPoint(
                                SeriesId.DIFFICULTY,
                                today,
                                hashrate.get().difficulty(),
                                null,
                                List.of(Mempool.ID),
                                hashrateTime, // mempool's own time: stored only while its index is current
                                false,
                                Map.of()));

        Optional<Mempool.Fees> fees = feesCall.join().value(List.of(SeriesId.FEES_BTC_PER_BLOCK), report);
        boolean feesStored = fees.isPresent()
                && storeIfPlausible(
                        report,
                        new DailyPoint(
                                SeriesId.FEES_BTC_PER_BLOCK,
                                today,
                                fees.get().btcPerBlock(),
                                null,
                                List.of(Mempool.ID),
                                now,
                                false,
                                Map.of("endBlock", Long.toString(fees.get().endBlock()))));

        // mempool's estimate of the next retarget, today's: a live estimate, not an observation. Without it (mempool
        // down, a recorded day that has none) the rules that project the margin read no data and say so; it costs
        // the other series nothing, and it is a warning, not a failed series.
        Outcome<Mempool.DifficultyAdjustment> retarget = retargetCall.join();
        if (retarget.error() != null) {
            report.warnings.add(SeriesId.RETARGET_CHANGE_PCT + " not stored: "
                    + retarget.error().getMessage());
        }
        Optional.ofNullable(retarget.result())
                .ifPresent(estimate -> store(
                        report,
                        new DailyPoint(
                                SeriesId.RETARGET_CHANGE_PCT,
                                today,
                                estimate.difficultyChangePercent(),
                                null,
                                List.of(Mempool.ID),
                                now,
                                false,
                                Map.of(
                                        "progressPercent",
                                        Amounts.plain(estimate.progressPercent()),
                                        "nextRetargetHeight",
                                        Long.toString(estimate.nextRetargetHeight()),
                                        "remainingBlocks",
                                        Long.toString(estimate.remainingBlocks()),
                                        "estimatedRetarget",
                                        estimate.estimatedRetarget().toString()))));

        if (difficultyStored && feesStored) {
            derive(today, now, hashrate.get().difficulty(), fees.get(), report);
        } else {
            report.addError(SeriesId.HASHPRICE_USD_PH_DAY, "needs today's difficulty and fees");
            report.addError(SeriesId.PRODUCTION_COST_USD, "needs today's difficulty and fees");
        }
        return new CollectionReport(invocation.executionId(), report.stored, report.failed, report.warnings);
    }

    /**
     * Whether a provider whose newest daily average is at {@code newest} is current at {@code now}; if not, the
     * report says so with its age.
     */
    private static boolean current(Report report, String source, String what, Instant newest, Instant now) {
        Duration lag = Duration.between(newest, now);
        if (lag.compareTo(MAX_PROVIDER_LAG) <= 0) {
            return true;
        }
        report.warnings.add(source + ": " + what + " has stopped: its newest daily average is of " + newest
                + ", " + lag.toHours() + " hours before " + now + " (at most " + MAX_PROVIDER_LAG.toHours()
                + " expected); its current figures are not stored as today's");
        return false;
    }

    /** A provider's time: the end of its newest averaged day, or now while that day is still running. */
    private static Instant providerTime(Instant newestAverage, Instant now) {
        return min(endOf(LocalDate.ofInstant(newestAverage, ZoneOffset.UTC)), now);
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /**
     * Stores a collected point unless it cannot follow the series' stored history; returns whether it was stored.
     *
     * <p>One stored outlier never locks a series out: when the newest stored point refuses the value but cannot
     * itself follow the stored point before it (within {@link Plausibility#STEP_WINDOW_DAYS}), while the value can,
     * the stored point is the odd one out (an import slipped by a thousand, say). The value is stored and the outlier
     * reported. A stored history that agrees with itself still refuses a provider out of line with it.
     */
    private boolean storeIfPlausible(Report report, DailyPoint point) {
        Optional<DailyPoint> previous = points.latestBefore(point.series(), point.day());
        Optional<String> problem =
                previous.flatMap(p -> Plausibility.stepProblem(point.series(), point.day(), point.value(), p));
        if (problem.isPresent()) {
            Optional<String> outlier = outlier(point, previous.get());
            if (outlier.isEmpty()) {
                report.addError(
                        point.series(),
                        String.join(",", point.sources()) + " " + point.series() + " " + point.day() + " refused: "
                                + problem.get() + "; not stored");
                return false;
            }
            report.warnings.add(outlier.get());
        }
        store(report, point);
        return true;
    }

    /** Why {@code newest}, the stored point that refuses {@code point}, is itself the outlier; empty if it is not. */
    private Optional<String> outlier(DailyPoint point, DailyPoint newest) {
        return points.latestBefore(newest.series(), newest.day())
                .filter(before -> ChronoUnit.DAYS.between(before.day(), newest.day()) <= Plausibility.STEP_WINDOW_DAYS)
                .filter(before -> !Plausibility.canFollow(newest.series(), newest.day(), newest.value(), before)
                        && Plausibility.canFollow(point.series(), point.day(), point.value(), before))
                .map(before -> point.series() + ": the stored " + newest.day() + " value "
                        + Amounts.plain(newest.value()) + " is an outlier ("
                        + Plausibility.ratio(newest.value(), before.value()) + " the stored " + before.day() + " value "
                        + Amounts.plain(before.value()) + " before it), and " + String.join(",", point.sources())
                        + "'s " + point.day() + " value " + Amounts.plain(point.value()) + " follows " + before.day()
                        + ": stored; correct or re-import " + newest.day() + " if it is still wrong");
    }

    private void derive(LocalDate today, Instant now, double difficulty, Mempool.Fees fees, Report report) {
        DerivedPoints.Issuance issuance = DerivedPoints.Issuance.atHeight(fees.endBlock());
        double subsidy = issuance.subsidyBtc();
        double supply = issuance.supplyBtc();
        store(
                report,
                DerivedPoints.productionCost(
                        today,
                        costModel,
                        new ProductionCostModel.Network(difficulty, supply, subsidy, fees.btcPerBlock()),
                        Map.of(),
                        List.of(Mempool.ID),
                        now,
                        false));

        Optional<DailyPoint> price =
                points.latest(SeriesId.BTC_USD, today).filter(p -> p.day().equals(today));
        if (price.isEmpty()) {
            report.addError(SeriesId.HASHPRICE_USD_PH_DAY, "no btc_usd point for " + today + " yet");
            return;
        }
        List<String> inputs = new ArrayList<>(price.get().sources());
        inputs.add(Mempool.ID);
        store(
                report,
                DerivedPoints.hashprice(
                        today,
                        difficulty,
                        subsidy,
                        new DerivedPoints.FeesInput(
                                fees.btcPerBlock(), Mempool.ID + " reward-stats/144 to block " + fees.endBlock()),
                        price.get(),
                        inputs,
                        Map.of(),
                        now,
                        false));
    }

    private void store(Report report, DailyPoint point) {
        PointStore.Change change = points.upsert(point, report.executionId);
        report.stored.add(
                new CollectionReport.Stored(point.series(), point.day(), point.value(), point.sources(), change));
    }

    /** What the run did so far. */
    private static final class Report {
        final String executionId;
        final List<CollectionReport.Stored> stored = new ArrayList<>();
        final List<CollectionReport.Failed> failed = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        Report(String executionId) {
            this.executionId = executionId;
        }

        /** One entry per series, with every source's error. */
        void addError(SeriesId series, String error) {
            for (int i = 0; i < failed.size(); i++) {
                if (failed.get(i).series() == series) {
                    List<String> errors = new ArrayList<>(failed.get(i).errors());
                    errors.add(error);
                    failed.set(i, new CollectionReport.Failed(series, errors));
                    return;
                }
            }
            failed.add(new CollectionReport.Failed(series, List.of(error)));
        }
    }

    /** A source call's value, or the error it failed with. */
    private record Outcome<T>(T result, SourceException error) {
        static <T> Outcome<T> of(String source, Sources.Call<T> call) {
            try {
                return new Outcome<>(Sources.guarded(source, call), null);
            } catch (SourceException e) {
                return new Outcome<>(null, e);
            }
        }

        /** The value; or empty, with the error reported against every series that needed it. */
        Optional<T> value(List<SeriesId> series, Report report) {
            if (error != null) {
                series.forEach(s -> report.addError(s, error.getMessage()));
            }
            return Optional.ofNullable(result);
        }
    }
}
