package dev.minerwatch.sources;

import dev.minerwatch.series.Observation;
import dev.minerwatch.sources.Sources.SpotPriceSource;
import dev.minerwatch.sources.Sources.SpotPriceSource.SourceResult;
import dev.minerwatch.sources.Sources.SpotPriceSource.SpotCoin;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kraken's public ticker for both pairs in one call. The result is keyed by Kraken's own pair names
 * ({@code XXBTZUSD}, {@code XETHZUSD}); {@code c[0]} is the last trade price as a string; a non-empty
 * {@code error} array is a failure even with HTTP 200.
 */
final class KrakenSource implements SpotPriceSource {

    public static final String ID = "kraken";

    /** Kraken's result key for each coin; the short alias is accepted too, as Kraken has used both. */
    private static final Map<SpotCoin, List<String>> PAIR_KEYS = Map.of(
            SpotCoin.BTC, List.of("XXBTZUSD", "XBTUSD"),
            SpotCoin.ETH, List.of("XETHZUSD", "ETHUSD"));

    private final HttpJsonClient http;
    private final URI baseUrl;
    private final Clock clock;

    KrakenSource(HttpJsonClient http, URI baseUrl, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public SourceResult spotPrices(Deadline deadline) {
        Object root;
        try {
            root = http.get(ID, URI.create(baseUrl + "/0/public/Ticker?pair=XBTUSD,ETHUSD"), Map.of(), deadline);
            List<?> errors = JsonFields.array(ID, root, "error");
            if (!errors.isEmpty()) {
                throw SourceException.malformed(ID, "error", "Kraken reported " + JsonFields.shown(errors));
            }
        } catch (SourceException e) {
            return SourceResult.allFailed(e);
        }
        List<Observation> observations = new ArrayList<>();
        List<SourceResult.Failure> failures = new ArrayList<>();
        for (SpotCoin coin : SpotCoin.values()) {
            try {
                String key = PAIR_KEYS.get(coin).stream()
                        .filter(k -> JsonFields.has(root, "result." + k))
                        .findFirst()
                        .orElseThrow(() -> SourceException.malformed(
                                ID, "result." + PAIR_KEYS.get(coin).get(0), "missing from the answer"));
                double price = coin.priceAt(ID, root, "result." + key + ".c.0");
                observations.add(new Observation(coin.series(), price, clock.instant(), List.of(ID)));
            } catch (SourceException e) {
                failures.add(new SourceResult.Failure(coin.series(), e));
            }
        }
        return new SourceResult(observations, failures);
    }
}
