package dev.minerwatch.sources;

import dev.minerwatch.sources.SpotPriceSource.SpotCoin;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Every provider's source, built in one place over one HTTP client and the base URLs of {@link Provider}. What the
 * collectors call is declared here ({@link Mempool}, {@link BlockchainInfo}, {@link CoinGecko}), or by
 * {@link SpotPriceSource} and {@link EtfFlowPath}; each provider's client stays inside the wing.
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
         * to, and when the retarget is expected.
         *
         * @param difficultyChangePercent the protocol bounds an adjustment to a factor of 4: −75% to +300%
         */
        public record DifficultyAdjustment(
                double progressPercent,
                double difficultyChangePercent,
                Instant estimatedRetarget,
                long remainingBlocks) {}
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
}
