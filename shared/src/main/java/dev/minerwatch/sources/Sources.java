package dev.minerwatch.sources;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every provider's source, built in one place over one HTTP client and the base URLs of {@link Provider}, and what the
 * collectors may call of them: the spot prices ({@link SpotPriceSource}), mempool's mining API ({@link Mempool}),
 * blockchain.com's hashrate chart ({@link BlockchainInfo}), CoinGecko's history ({@link CoinGecko}), the ETF flows
 * ({@link EtfFlowPath}), each call {@link #guarded}. Each provider's client stays inside the wing.
 */
public final class Sources {

    private final HttpJsonClient http;
    private final Function<Provider, URI> baseUrls;
    private final Clock clock;

    public Sources(HttpJsonClient http, Function<Provider, URI> baseUrls, Clock clock) {
        this.http = http;
        this.baseUrls = baseUrls;
        this.clock = clock;
    }

    public Mempool mempool() {
        return new MempoolSource(http, baseUrls.apply(Provider.MEMPOOL));
    }

    public BlockchainInfo blockchainInfo() {
        return new BlockchainInfoSource(http, baseUrls.apply(Provider.BLOCKCHAIN_INFO));
    }

    public CoinGecko coinGecko(Supplier<Optional<String>> key) {
        return new CoinGeckoSource(http, baseUrls.apply(Provider.COINGECKO), key, clock);
    }

    /** The three spot price sources the consensus is made of, {@code coinGecko} first. */
    public List<SpotPriceSource> spotPrices(CoinGecko coinGecko) {
        return List.of(
                coinGecko,
                new CoinbaseSource(http, baseUrls.apply(Provider.COINBASE), clock),
                new KrakenSource(http, baseUrls.apply(Provider.KRAKEN), clock));
    }

    /**
     * Where ETF flows come from, best first: with a SoSoValue key, its current API, then its older one; always
     * TFTC's open dataset, which needs no key.
     */
    public List<EtfFlowPath> etfFlowPaths(Optional<Supplier<Optional<String>>> soSoValueKey) {
        List<EtfFlowPath> paths = new ArrayList<>();
        soSoValueKey.ifPresent(key -> {
            paths.add(new SoSoValueSource(http, baseUrls.apply(Provider.SOSOVALUE), key));
            paths.add(new SoSoValueLegacySource(http, baseUrls.apply(Provider.SOSOVALUE_V2), key));
        });
        paths.add(new TftcSource(http, baseUrls.apply(Provider.TFTC)));
        return paths;
    }

    /** One call to a source. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws SourceException;
    }

    /**
     * How collectors call sources: the call's value, and whatever the source's code throws, checked or not, comes
     * back as that source's {@link SourceException}, so one provider's odd answer never stops the run or the other
     * sources.
     */
    public static <T> T guarded(String source, Call<T> call) throws SourceException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw SourceException.unexpected(source, e);
        }
    }

    /**
     * mempool.space's mining API: daily hashrate averages and the current difficulty, the fees of the last 144
     * blocks, the history of fees per block, and the estimate of the next difficulty adjustment. Hashrates are in
     * EH/s.
     */
    public interface Mempool {

        String ID = "mempool";

        /** The last three days: what a scheduled run needs. */
        Hashrate hashrate(Deadline deadline) throws SourceException;

        /** Daily averages over a period mempool.space offers: 3d, 1m, 3m, 6m, 1y, 2y or 3y. */
        Hashrate hashrate(String period, Deadline deadline) throws SourceException;

        /** The fees per block of the last 144 blocks. */
        Fees fees(Deadline deadline) throws SourceException;

        /** The fees per block over a period, by UTC day. */
        FeeHistory feeHistory(String period, Deadline deadline) throws SourceException;

        DifficultyAdjustment difficultyAdjustment(Deadline deadline) throws SourceException;

        /**
         * Daily average hashrates in EH/s by UTC day, the node's current estimate (empty when mempool's node is down:
         * it then reads 0), the current difficulty, the difficulty set by each adjustment in the period, by the UTC
         * day it took effect, and the mining index's own time: the timestamp of its newest daily average (days old when
         * the index has stopped, whatever the current figures say).
         */
        public record Hashrate(
                Map<LocalDate, Double> dailyEhs,
                Optional<Double> currentEhs,
                double difficulty,
                Map<LocalDate, Double> adjustments,
                Instant newestAverageAt) {}

        /** Fees per block in BTC over a window of blocks ending at {@code endBlock}. */
        public record Fees(double btcPerBlock, long endBlock) {}

        /**
         * Average fees per block by UTC day, from the buckets of one period.
         *
         * @param period the period asked for (1m, 3m, 6m, 1y, 2y, 3y...)
         */
        public record FeeHistory(String period, Map<LocalDate, DayFees> daily) {}

        /**
         * One UTC day's fees per block: the mean of the day's bucket averages (buckets are equal spans of time, so of
         * about equal numbers of blocks), in satoshis and in BTC, and the mean of their average heights.
         */
        public record DayFees(long avgFeesSats, long avgHeight, int buckets) {
            public double btcPerBlock() {
                return avgFeesSats / 1e8; // satoshis per BTC
            }
        }

        /**
         * mempool's estimate of the next difficulty adjustment: how far the epoch is, the change the blocks so far point
         * to, when the retarget is expected, the height it happens at and the epoch's mean block interval so far.
         *
         * @param difficultyChangePercent the protocol bounds an adjustment to a factor of 4: −75% to +300%
         */
        public record DifficultyAdjustment(
                double progressPercent,
                double difficultyChangePercent,
                Instant estimatedRetarget,
                long remainingBlocks,
                long nextRetargetHeight,
                Duration blockInterval) {

            /** Blocks between two halvings of the subsidy. */
            public static final long HALVING_INTERVAL_BLOCKS = 210_000;

            /** The protocol's target block interval, which each retarget steers back to. */
            static final Duration TARGET_BLOCK_INTERVAL = Duration.ofMinutes(10);

            /** The height of the chain's tip when mempool answered. */
            public long height() {
                return nextRetargetHeight - remainingBlocks;
            }

            /** The height at which the subsidy next halves. */
            public long nextHalvingHeight() {
                return (height() / HALVING_INTERVAL_BLOCKS + 1) * HALVING_INTERVAL_BLOCKS;
            }

            /**
             * When the next halving is expected: within this epoch at its mean interval so far, beyond it at ten minutes
             * a block, the interval the retargets steer to.
             */
            public Instant estimatedHalving() {
                long after = nextHalvingHeight() - nextRetargetHeight;
                return after >= 0
                        ? estimatedRetarget.plus(TARGET_BLOCK_INTERVAL.multipliedBy(after))
                        : estimatedRetarget.minus(blockInterval.multipliedBy(-after));
            }
        }

        /** mempool's estimate of the next difficulty adjustment, or why there is none. */
        public record Retarget(DifficultyAdjustment estimate, String unavailable) {

            public static Retarget of(DifficultyAdjustment estimate) {
                return new Retarget(estimate, null);
            }

            public static Retarget unavailable(String why) {
                return new Retarget(null, why);
            }

            /** Mempool's estimate asked by {@code deadline}; a failed call is the reason there is none. */
            public static Retarget ask(Mempool mempool, Deadline deadline) {
                try {
                    return of(mempool.difficultyAdjustment(deadline));
                } catch (SourceException e) {
                    return unavailable(e.getMessage());
                }
            }

            public Optional<DifficultyAdjustment> estimateIfKnown() {
                return Optional.ofNullable(estimate);
            }
        }
    }

    /** blockchain.com's hash-rate chart, the fallback for hashrate history. */
    public interface BlockchainInfo {

        String ID = "blockchain.com";

        /** Daily hashrate in EH/s by UTC day, over the last {@code timespan} (such as {@code 1week} or {@code 1year}). */
        Map<LocalDate, Double> dailyHashrateEhs(String timespan, Deadline deadline) throws SourceException;
    }

    /** CoinGecko: a spot price source, and the one that knows daily price history and Bitcoin's all-time high. */
    public interface CoinGecko extends SpotPriceSource {

        String ID = "coingecko";

        /** Daily USD prices of a coin over the last {@code days} days, before today (today's is the spot's). */
        Map<LocalDate, Double> dailyPrices(SpotCoin coin, int days, Deadline deadline) throws SourceException;

        /** Bitcoin's all-time high in USD. */
        AllTimeHigh bitcoinAllTimeHigh(Deadline deadline) throws SourceException;

        /** An all-time high as CoinGecko reports it: the price, the instant it was reached, and when it was read. */
        record AllTimeHigh(double priceUsd, Instant reachedAt, Instant observedAt) {}
    }

    /** A provider of BTC and ETH spot prices in USD. Each coin succeeds or fails on its own. */
    public interface SpotPriceSource {

        /** The provider's id, as stored in a point's sources. */
        String id();

        /** BTC and ETH, each an observation or a failure; calls end by the run's deadline. */
        SourceResult spotPrices(Deadline deadline);

        /**
         * The coins minerwatch prices in USD, with the range a price read today could be in (anything outside is a fault):
         * at least a floor no price of this era has come near, at most the series' {@link Plausibility#maxMagnitude}.
         */
        public enum SpotCoin {
            BTC(SeriesId.BTC_USD, 1_000),
            ETH(SeriesId.ETH_USD, 10);

            private final SeriesId series;
            private final double minUsd;
            private final double maxUsd;

            SpotCoin(SeriesId series, double minUsd) {
                this.series = series;
                this.minUsd = minUsd;
                this.maxUsd = Plausibility.maxMagnitude(series);
            }

            public SeriesId series() {
                return series;
            }

            /** The USD price at a JSON path, checked against the plausible range. */
            double priceAt(String source, Object root, String path) throws SourceException {
                return JsonFields.numberWithin(source, root, path, minUsd, maxUsd, "USD");
            }
        }

        /** What one call to a source produced: the series it could observe and, for the others, why not. */
        public record SourceResult(List<Observation> observations, List<Failure> failures) {

            public SourceResult {
                observations = List.copyOf(observations);
                failures = List.copyOf(failures);
            }

            /** A series the source could not deliver, and why. */
            public record Failure(SeriesId series, SourceException error) {}

            /** Every spot coin failed for the same reason (the call itself failed). */
            public static SourceResult allFailed(SourceException error) {
                return new SourceResult(
                        List.of(),
                        Arrays.stream(SpotCoin.values())
                                .map(c -> new Failure(c.series(), error))
                                .toList());
            }
        }
    }

    /**
     * One way to US spot BTC ETF daily net flows. The collector and the backfill take the configured paths best
     * first (SoSoValue's current API, its older one, TFTC's open dataset) and fall back along them.
     */
    public interface EtfFlowPath {

        /** The provider, as a failure names it. */
        String source();

        /** The daily net flows this path publishes. */
        EtfFlows dailyNetFlows(Deadline deadline) throws SourceException;

        /**
         * The per-fund split of the newest session, where this path needs a further call for it; empty where it has none
         * (or carries the split in {@link #dailyNetFlows} already).
         */
        default Optional<PerFundFlows> perFundFlows(Deadline deadline) throws SourceException {
            return Optional.empty();
        }

        /**
         * US spot BTC ETF daily net flows as one path answered them: whole USD by US trading session.
         *
         * @param source         the provider, as stored in each point's sources ({@code sosovalue}, {@code tftc})
         * @param path           which of the provider's APIs answered, as stored in each point's details
         * @param sessions       each session's net flow, with its per-fund split where the answer carries one
         * @param updatedThrough the newest session the provider says it has settled, where it says so
         */
        public record EtfFlows(
                String source,
                String path,
                SortedMap<LocalDate, Session> sessions,
                Optional<LocalDate> updatedThrough) {

            /** One session: the total, and each fund's flow where given (ticker to whole USD). */
            public record Session(double netFlowUsd, Map<String, Double> perFundUsd) {
                public Session {
                    perFundUsd = Collections.unmodifiableSortedMap(new TreeMap<>(perFundUsd));
                }
            }

            public EtfFlows {
                Objects.requireNonNull(source, "source");
                Objects.requireNonNull(path, "path");
                sessions = Collections.unmodifiableSortedMap(new TreeMap<>(sessions));
                Objects.requireNonNull(updatedThrough, "updatedThrough");
            }
        }

        /** Each fund's net flow in whole USD on one session. */
        public record PerFundFlows(LocalDate day, Map<String, Double> byTicker) {
            public PerFundFlows {
                byTicker = Map.copyOf(byTicker);
            }
        }
    }
}
