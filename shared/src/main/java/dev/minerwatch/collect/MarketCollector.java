package dev.minerwatch.collect;

import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.sources.CoinGeckoSource;
import dev.minerwatch.sources.SourceException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
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
    private final CoinGeckoSource coinGecko;
    private final PointStore points;

    /**
     * @param sources   the spot price sources, queried together
     * @param coinGecko also the source of Bitcoin's all-time high
     */
    public MarketCollector(List<SpotPriceSource> sources, CoinGeckoSource coinGecko, PointStore points) {
        this.sources = List.copyOf(sources);
        this.coinGecko = coinGecko;
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
            PointStore.Change change = points.record(observation, invocation.executionId());
            if (change == PointStore.Change.CREATED) {
                // The first observation of a new day closes the day before it.
                points.latestBefore(series, observation.day())
                        .filter(previous -> !previous.isFinal())
                        .ifPresent(previous -> points.markFinal(previous.series(), previous.day()));
            }
            stored.add(new CollectionReport.Stored(series, observation.day(), observation.value(), observation.sources(), change));
        }
        LocalDate day = invocation.day();
        try {
            DailyPoint ath = allTimeHigh(day, warnings);
            PointStore.Change change = points.upsert(ath, invocation.executionId());
            stored.add(new CollectionReport.Stored(SeriesId.BTC_ATH_USD, day, ath.value(), ath.sources(), change));
        } catch (SourceException e) {
            failed.add(new CollectionReport.Failed(SeriesId.BTC_ATH_USD, List.of(e.getMessage())));
        }
        return new CollectionReport(invocation.executionId(), stored, failed, warnings);
    }

    /**
     * Bitcoin's all-time high on a day, with its date and source: CoinGecko's, unless a stored BTC high is above
     * it (CoinGecko lags, or is down); then the stored maximum.
     */
    private DailyPoint allTimeHigh(LocalDate day, List<String> warnings) throws SourceException {
        Optional<DailyPoint> storedHigh = storedBtcHigh(day);
        CoinGeckoSource.AllTimeHigh reported;
        try {
            reported = coinGecko.bitcoinAllTimeHigh();
        } catch (SourceException e) {
            if (storedHigh.isEmpty()) {
                throw e;
            }
            warnings.add(e.getMessage() + "; all-time high taken from the stored maximum");
            return storedHigh.get();
        }
        DailyPoint fromCoinGecko = new DailyPoint(SeriesId.BTC_ATH_USD, day, reported.priceUsd(), null,
                List.of(CoinGeckoSource.ID), reported.observedAt(), false,
                Map.of("athDate", LocalDate.ofInstant(reported.reachedAt(), ZoneOffset.UTC).toString(),
                        "athSource", CoinGeckoSource.ID));
        return storedHigh.filter(high -> high.value() > reported.priceUsd()).orElse(fromCoinGecko);
    }

    /** The highest stored BTC price up to the day, from the previous ATH point and the day's own high. */
    private Optional<DailyPoint> storedBtcHigh(LocalDate day) {
        Optional<DailyPoint> previousAth = points.latestBefore(SeriesId.BTC_ATH_USD, day);
        Optional<DailyPoint> today = points.get(SeriesId.BTC_USD, day);
        double best = previousAth.map(DailyPoint::value).orElse(0.0);
        DailyPoint result = previousAth.map(p -> new DailyPoint(SeriesId.BTC_ATH_USD, day, p.value(), null, p.sources(),
                p.asOf(), false, p.details())).orElse(null);
        if (today.isPresent()) {
            double high = today.get().ohlc() == null ? today.get().value() : today.get().ohlc().high();
            if (high > best) {
                result = new DailyPoint(SeriesId.BTC_ATH_USD, day, high, null, today.get().sources(), today.get().asOf(),
                        false, Map.of("athDate", day.toString(), "athSource", "stored maximum of btc_usd"));
            }
        }
        return Optional.ofNullable(result);
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
