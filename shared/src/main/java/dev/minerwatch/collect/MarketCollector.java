package dev.minerwatch.collect;

import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.SourceResult;
import dev.minerwatch.sources.SpotCoin;
import dev.minerwatch.sources.SpotPriceSource;
import dev.minerwatch.store.PointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Collects the market series (BTC and ETH in USD) from every spot source at once, combines each series'
 * quotes by {@link PriceConsensus}, and folds the result into the day's point. A source that fails or lies is
 * reported and left out; a series with no trustworthy quote is reported and left untouched.
 */
public final class MarketCollector {

    private final List<SpotPriceSource> sources;
    private final PointStore points;

    public MarketCollector(List<SpotPriceSource> sources, PointStore points) {
        this.sources = List.copyOf(sources);
        this.points = points;
    }

    public CollectionReport collect(ScheduledInvocation invocation) {
        List<SourceResult> results = fetchAll();
        List<CollectionReport.Stored> stored = new ArrayList<>();
        List<CollectionReport.Failed> failed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (SpotCoin coin : SpotCoin.values()) {
            SeriesId series = coin.series();
            List<Observation> quotes = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (SourceResult result : results) {
                result.observations().stream().filter(o -> o.series() == series).forEach(quotes::add);
                result.failures().stream().filter(f -> f.series() == series).map(f -> f.error().getMessage()).forEach(errors::add);
            }
            PriceConsensus.Result consensus = PriceConsensus.combine(quotes);
            errors.addAll(consensus.excluded());
            if (consensus.observation().isEmpty()) {
                failed.add(new CollectionReport.Failed(series, errors.isEmpty() ? List.of("no source answered") : errors));
                continue;
            }
            warnings.addAll(errors);
            Observation observation = consensus.observation().get();
            PointStore.Change change = points.record(observation);
            if (change == PointStore.Change.CREATED) {
                // The first observation of a new day closes the day before it.
                points.latestBefore(series, observation.day())
                        .filter(previous -> !previous.isFinal())
                        .ifPresent(previous -> points.markFinal(previous.series(), previous.day()));
            }
            stored.add(new CollectionReport.Stored(series, observation.day(), observation.value(), observation.sources(), change));
        }
        return new CollectionReport(invocation.executionId(), stored, failed, warnings);
    }

    /** Every source at once, on virtual threads: a run takes as long as the slowest source, not their sum. */
    private List<SourceResult> fetchAll() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<SourceResult>> calls = sources.stream()
                    .map(source -> CompletableFuture.supplyAsync(source::spotPrices, executor))
                    .toList();
            return calls.stream().map(CompletableFuture::join).toList();
        }
    }
}
