package dev.minerwatch.sources;

import dev.minerwatch.sources.http.HttpJsonClient;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Every provider's source, built in one place over one HTTP client and the base URLs of {@link Provider}. */
public final class Sources {

    private final HttpJsonClient http;
    private final Function<Provider, URI> baseUrls;
    private final Clock clock;

    public Sources(HttpJsonClient http, Function<Provider, URI> baseUrls, Clock clock) {
        this.http = http;
        this.baseUrls = baseUrls;
        this.clock = clock;
    }

    public MempoolSource mempool() {
        return new MempoolSource(http, baseUrls.apply(Provider.MEMPOOL));
    }

    public BlockchainInfoSource blockchainInfo() {
        return new BlockchainInfoSource(http, baseUrls.apply(Provider.BLOCKCHAIN_INFO));
    }

    public CoinGeckoSource coinGecko(Supplier<Optional<String>> key) {
        return new CoinGeckoSource(http, baseUrls.apply(Provider.COINGECKO), key, clock);
    }

    /** The three spot price sources the consensus is made of, {@code coinGecko} first. */
    public List<SpotPriceSource> spotPrices(CoinGeckoSource coinGecko) {
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
}
