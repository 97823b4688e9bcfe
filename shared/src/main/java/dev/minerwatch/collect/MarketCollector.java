package dev.minerwatch.collect;

import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.Observation;
import dev.minerwatch.sources.CoinGeckoSource;
import dev.minerwatch.sources.SourceResult;
import dev.minerwatch.store.PointStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the market series (BTC and ETH in USD) and folds each observation into its day's point. A series
 * that fails is reported and left untouched; the others are still stored.
 */
public final class MarketCollector {

    private final CoinGeckoSource coinGecko;
    private final PointStore points;

    public MarketCollector(CoinGeckoSource coinGecko, PointStore points) {
        this.coinGecko = coinGecko;
        this.points = points;
    }

    public CollectionReport collect(ScheduledInvocation invocation) {
        SourceResult result = coinGecko.spotPrices();
        List<CollectionReport.Stored> stored = new ArrayList<>();
        for (Observation observation : result.observations()) {
            PointStore.Change change = points.record(observation);
            if (change == PointStore.Change.CREATED) {
                // The first observation of a new day closes the day before it.
                points.latestBefore(observation.series(), observation.day())
                        .filter(previous -> !previous.isFinal())
                        .ifPresent(previous -> points.markFinal(previous.series(), previous.day()));
            }
            stored.add(new CollectionReport.Stored(observation.series(), observation.day(), observation.value(), change));
        }
        List<CollectionReport.Failed> failed = result.failures().stream()
                .map(f -> new CollectionReport.Failed(f.series(), f.error().source(), f.error().kind(), f.error().getMessage()))
                .toList();
        return new CollectionReport(invocation.executionId(), stored, failed);
    }
}
