package dev.minerwatch.collect;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.Sources.CoinGecko;
import dev.minerwatch.sources.Sources.SpotPriceSource;
import dev.minerwatch.sources.Sources.SpotPriceSource.SourceResult;
import dev.minerwatch.sources.Sources.SpotPriceSource.SpotCoin;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.store.PointStore;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Collects the market series (BTC and ETH in USD) from every spot source at once, combines each series'
 * quotes by {@link PriceConsensus}, and folds the result into the day's point. A source that fails or lies is
 * reported and left out; a series with no trustworthy quote is reported and left untouched. A price only one
 * source vouches for is held against the day's stored open, or else the newest stored point before the day, or else
 * (nothing stored: a first run, a reset store) Bitcoin's all-time high of the same run or the store; without any of
 * them it is refused.
 *
 * <p>Bitcoin's all-time high moves only on CoinGecko's own {@code ath} field or on a consensus of at least two
 * sources, never on one source's tick; a stored high far above CoinGecko's (an earlier bad tick) is dropped, and so
 * is a CoinGecko high more than {@link PriceConsensus#MAX_DRAWDOWN} times the run's price.
 */
final class MarketCollector implements Collector {

    private final List<SpotPriceSource> sources;
    private final CoinGecko coinGecko;
    private final PointStore points;
    private final Duration providerBudget;

    /**
     * @param sources        the spot price sources, queried together
     * @param coinGecko      also the source of Bitcoin's all-time high
     * @param providerBudget how long a run may spend on providers before it stores what it has
     */
    MarketCollector(List<SpotPriceSource> sources, CoinGecko coinGecko, PointStore points, Duration providerBudget) {
        this.sources = List.copyOf(sources);
        this.coinGecko = coinGecko;
        this.points = points;
        this.providerBudget = providerBudget;
    }

    @Override
    public CollectionReport collect(ScheduledInvocation invocation) {
        return collect(invocation, Deadline.in(providerBudget));
    }

    @Override
    public CollectionReport collect(ScheduledInvocation invocation, Deadline deadline) {
        CompletableFuture<HighCall> highCall;
        List<SourceResult> results;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            highCall = CompletableFuture.supplyAsync(() -> HighCall.of(coinGecko, deadline), executor);
            results = fetchAll(deadline, executor);
        }
        HighCall high = highCall.join();
        List<CollectionReport.Stored> stored = new ArrayList<>();
        List<CollectionReport.Failed> failed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<Observation> btcConsensus = Optional.empty();
        Optional<Observation> btcPrice = Optional.empty();
        for (SpotCoin coin : SpotCoin.values()) {
            SeriesId series = coin.series();
            List<Observation> quotes = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (SourceResult result : results) {
                result.observations().stream().filter(o -> o.series() == series).forEach(quotes::add);
                result.failures().stream()
                        .filter(f -> f.series() == series)
                        .map(f -> f.error().getMessage())
                        .forEach(errors::add);
            }
            PriceConsensus.Result consensus = PriceConsensus.combine(quotes, reference(series, invocation.day(), high));
            errors.addAll(consensus.remarks());
            if (consensus.observation().isEmpty()) {
                failed.add(
                        new CollectionReport.Failed(series, errors.isEmpty() ? List.of("no source answered") : errors));
                continue;
            }
            warnings.addAll(errors);
            Observation observation = consensus.observation().get();
            if (coin == SpotCoin.BTC) {
                btcPrice = Optional.of(observation);
                if (observation.sources().size() >= 2) {
                    btcConsensus = Optional.of(observation);
                }
            }
            PointStore.Change change = points.record(observation, invocation.executionId());
            if (change == PointStore.Change.CREATED) {
                // The first observation of a new day closes the day before it.
                points.latestBefore(series, observation.day())
                        .filter(previous -> !previous.isFinal())
                        .ifPresent(previous -> points.markFinal(previous.series(), previous.day()));
            }
            stored.add(new CollectionReport.Stored(
                    series, observation.day(), observation.value(), observation.sources(), change));
        }
        LocalDate day = invocation.day();
        try {
            DailyPoint ath = allTimeHigh(day, btcConsensus, btcPrice, warnings, high);
            PointStore.Change change = points.upsert(ath, invocation.executionId());
            stored.add(new CollectionReport.Stored(SeriesId.BTC_ATH_USD, day, ath.value(), ath.sources(), change));
        } catch (SourceException e) {
            failed.add(new CollectionReport.Failed(SeriesId.BTC_ATH_USD, List.of(e.getMessage())));
        }
        return new CollectionReport(invocation.executionId(), stored, failed, warnings);
    }

    /**
     * What a lone source's price is held against: the day's open, else the newest stored point before the day, else
     * for Bitcoin its all-time high (CoinGecko's of this run, else the stored one).
     */
    private Optional<PriceConsensus.Reference> reference(SeriesId series, LocalDate day, HighCall high) {
        Optional<DailyPoint> today = points.get(series, day);
        if (today.isPresent()) {
            DailyPoint point = today.get();
            return Optional.of(PriceConsensus.Reference.around(
                    point.ohlc() == null ? point.value() : point.ohlc().open(), "the stored " + day + " open"));
        }
        Optional<PriceConsensus.Reference> stored = points.latestBefore(series, day)
                .map(p -> PriceConsensus.Reference.around(p.value(), "the stored " + p.day() + " close"));
        if (stored.isPresent() || series != SeriesId.BTC_USD) {
            return stored;
        }
        return high.value()
                .map(h -> PriceConsensus.Reference.belowHigh(h.priceUsd(), CoinGecko.ID + "'s all-time high"))
                .or(() -> storedHigh(day)
                        .map(h -> PriceConsensus.Reference.belowHigh(h.value(), "the stored all-time high")));
    }

    /** CoinGecko's all-time high, fetched beside the spot prices: its value, or the error it failed with. */
    private record HighCall(Optional<CoinGecko.AllTimeHigh> value, SourceException error) {
        static HighCall of(CoinGecko coinGecko, Deadline deadline) {
            try {
                return new HighCall(
                        Optional.of(Sources.guarded(CoinGecko.ID, () -> coinGecko.bitcoinAllTimeHigh(deadline))), null);
            } catch (SourceException e) {
                return new HighCall(Optional.empty(), e);
            }
        }
    }

    /**
     * Bitcoin's all-time high on a day, with its date and source: CoinGecko's {@code ath}, unless a stored high or
     * this run's consensus of two or more sources is above it (CoinGecko lags, or is down). A stored high more
     * than {@link PriceConsensus#SINGLE_SOURCE_BAND} above CoinGecko's cannot be real: it is dropped, and reported.
     */
    private DailyPoint allTimeHigh(
            LocalDate day,
            Optional<Observation> btcConsensus,
            Optional<Observation> btcPrice,
            List<String> warnings,
            HighCall high)
            throws SourceException {
        Optional<DailyPoint> storedHigh = storedHigh(day);
        Optional<DailyPoint> consensusHigh = btcConsensus.map(o -> new DailyPoint(
                SeriesId.BTC_ATH_USD,
                day,
                o.value(),
                null,
                o.sources(),
                o.observedAt(),
                false,
                Map.of(
                        "athDate",
                        day.toString(),
                        "athSource",
                        "btc_usd consensus of " + String.join(",", o.sources()))));
        CoinGecko.AllTimeHigh reported;
        try {
            if (high.error() != null) {
                throw high.error();
            }
            reported = high.value().orElseThrow();
            Optional<Observation> price =
                    btcPrice.filter(p -> reported.priceUsd() > p.value() * PriceConsensus.MAX_DRAWDOWN);
            if (price.isPresent()) {
                throw SourceException.malformed(
                        CoinGecko.ID,
                        "ath",
                        "value " + Amounts.plain(reported.priceUsd()) + " is more than "
                                + Amounts.plain(PriceConsensus.MAX_DRAWDOWN) + " times this run's btc_usd "
                                + Amounts.plain(price.get().value()) + ": refused");
            }
        } catch (SourceException e) {
            Optional<DailyPoint> best = higher(storedHigh, consensusHigh);
            if (best.isEmpty()) {
                throw e;
            }
            warnings.add(e.getMessage() + "; all-time high taken from the stored maximum and this run's consensus");
            return best.get();
        }
        double ceiling = reported.priceUsd() * (1 + PriceConsensus.SINGLE_SOURCE_BAND);
        if (storedHigh.isPresent() && storedHigh.get().value() > ceiling) {
            warnings.add("stored btc_ath_usd " + Amounts.plain(storedHigh.get().value()) + " is more than "
                    + Math.round(PriceConsensus.SINGLE_SOURCE_BAND * 100) + "% above " + CoinGecko.ID + " ath "
                    + Amounts.plain(reported.priceUsd()) + " (bound " + Amounts.plain(ceiling)
                    + "): an earlier bad tick; dropped");
            storedHigh = Optional.empty();
        }
        DailyPoint fromCoinGecko = new DailyPoint(
                SeriesId.BTC_ATH_USD,
                day,
                reported.priceUsd(),
                null,
                List.of(CoinGecko.ID),
                reported.observedAt(),
                false,
                Map.of(
                        "athDate",
                        LocalDate.ofInstant(reported.reachedAt(), ZoneOffset.UTC)
                                .toString(),
                        "athSource",
                        CoinGecko.ID));
        return higher(storedHigh, consensusHigh)
                .filter(best -> best.value() > reported.priceUsd())
                .orElse(fromCoinGecko);
    }

    /** The stored all-time high: the higher of the day's own point and the newest one before it, as the day's point. */
    private Optional<DailyPoint> storedHigh(LocalDate day) {
        return higher(points.latestBefore(SeriesId.BTC_ATH_USD, day), points.get(SeriesId.BTC_ATH_USD, day))
                .map(p -> new DailyPoint(
                        SeriesId.BTC_ATH_USD, day, p.value(), null, p.sources(), p.asOf(), false, p.details()));
    }

    private static Optional<DailyPoint> higher(Optional<DailyPoint> a, Optional<DailyPoint> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(p -> p.value() > a.get().value()).or(() -> a);
    }

    /**
     * Every source at once, on virtual threads: a run takes as long as the slowest source, not their sum. A source
     * whose code throws fails alone, for both coins.
     */
    private List<SourceResult> fetchAll(Deadline deadline, ExecutorService executor) {
        List<CompletableFuture<SourceResult>> calls = sources.stream()
                .map(source -> CompletableFuture.supplyAsync(() -> spotPrices(source, deadline), executor))
                .toList();
        return calls.stream().map(CompletableFuture::join).toList();
    }

    private static SourceResult spotPrices(SpotPriceSource source, Deadline deadline) {
        try {
            return Sources.guarded(source.id(), () -> source.spotPrices(deadline));
        } catch (SourceException e) {
            return SourceResult.allFailed(e);
        }
    }
}
