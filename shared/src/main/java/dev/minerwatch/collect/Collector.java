package dev.minerwatch.collect;

import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.Sources.CoinGecko;
import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A scheduled collection: fetches its series from the providers, checks them, derives what follows from them and
 * stores the day's points. One per collector function: the market ({@link #market}), the network ({@link #network})
 * and the ETF flows ({@link #etfFlows}); the backfill, run on demand over many days, is {@link Backfill}.
 */
public interface Collector {

    /** One run, whose provider calls end by the collector's budget. */
    CollectionReport collect(ScheduledInvocation invocation);

    /** One run whose provider calls end by {@code deadline}. */
    CollectionReport collect(ScheduledInvocation invocation, Deadline deadline);

    /**
     * BTC and ETH in USD by consensus of the spot sources, and Bitcoin's all-time high; CoinGecko with the key
     * {@code coinGeckoKey} gives ({@link MarketCollector}).
     */
    static Collector market(
            Sources sources, Supplier<Optional<String>> coinGeckoKey, PointStore points, Duration providerBudget) {
        CoinGecko coinGecko = sources.coinGecko(coinGeckoKey);
        return new MarketCollector(sources.spotPrices(coinGecko), coinGecko, points, providerBudget);
    }

    /**
     * Hashrate, difficulty and fees, and from them hashprice and the production cost of {@code costModel}
     * ({@link NetworkCollector}).
     */
    static Collector network(
            Sources sources, ProductionCostModel costModel, PointStore points, Clock clock, Duration providerBudget) {
        return new NetworkCollector(
                sources.mempool(), sources.blockchainInfo(), costModel, points, clock, providerBudget);
    }

    /** US spot BTC ETF daily net flows from the first of {@code paths} that answers ({@link EtfFlowCollector}). */
    static Collector etfFlows(List<EtfFlowPath> paths, PointStore points, Clock clock, Duration providerBudget) {
        return new EtfFlowCollector(paths, points, clock, providerBudget);
    }
}
