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
 * Coinbase's spot price, one call per coin: {@code GET /v2/prices/BTC-USD/spot} answers
 * {@code {"data":{"amount":"69280.12","base":"BTC","currency":"USD"}}} with the amount as a string and no
 * time, so a quote is as of the call.
 */
final class CoinbaseSource implements SpotPriceSource {

    public static final String ID = "coinbase";

    private final HttpJsonClient http;
    private final URI baseUrl;
    private final Clock clock;

    CoinbaseSource(HttpJsonClient http, URI baseUrl, Clock clock) {
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
        List<Observation> observations = new ArrayList<>();
        List<SourceResult.Failure> failures = new ArrayList<>();
        for (SpotCoin coin : SpotCoin.values()) {
            try {
                Object root = http.get(
                        ID, URI.create(baseUrl + "/v2/prices/" + coin.name() + "-USD/spot"), Map.of(), deadline);
                String currency = JsonFields.text(ID, root, "data.currency");
                if (!currency.equals("USD")) {
                    throw SourceException.malformed(ID, "data.currency", "value '" + currency + "' is not USD");
                }
                double price = coin.priceAt(ID, root, "data.amount");
                observations.add(new Observation(coin.series(), price, clock.instant(), List.of(ID)));
            } catch (SourceException e) {
                failures.add(new SourceResult.Failure(coin.series(), e));
            }
        }
        return new SourceResult(observations, failures);
    }
}
