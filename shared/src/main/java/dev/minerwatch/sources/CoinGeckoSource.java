package dev.minerwatch.sources;

import dev.minerwatch.series.Observation;
import dev.minerwatch.sources.Sources.SpotPriceSource.SourceResult;
import dev.minerwatch.sources.Sources.SpotPriceSource.SpotCoin;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * CoinGecko's simple-price endpoint: BTC and ETH spot prices in USD with their last update time
 * (docs/domain.md, "CoinGecko"). A quote older than {@link #MAX_QUOTE_AGE} is stale.
 */
final class CoinGeckoSource implements Sources.CoinGecko {

    static final Duration MAX_QUOTE_AGE = Duration.ofMinutes(15);
    static final String SIMPLE_PRICE_PATH = "/api/v3/simple/price";

    /** CoinGecko's id of each coin. */
    private static final Map<SpotCoin, String> GECKO_IDS = Map.of(SpotCoin.BTC, "bitcoin", SpotCoin.ETH, "ethereum");

    private final HttpJsonClient http;
    private final URI baseUrl;
    /** Read when first needed, so that a SnapStart snapshot holds no key (see {@code Secrets}). */
    private final Supplier<Optional<String>> apiKey;

    private final Clock clock;

    CoinGeckoSource(HttpJsonClient http, URI baseUrl, Supplier<Optional<String>> apiKey, Clock clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
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
            root = http.get(
                    ID,
                    URI.create(
                            baseUrl + SIMPLE_PRICE_PATH
                                    + "?ids=bitcoin,ethereum&vs_currencies=usd&include_24hr_change=true&include_last_updated_at=true"),
                    keyHeader(),
                    deadline);
        } catch (SourceException e) {
            return SourceResult.allFailed(e);
        }
        List<Observation> observations = new ArrayList<>();
        List<SourceResult.Failure> failures = new ArrayList<>();
        for (SpotCoin coin : SpotCoin.values()) {
            try {
                observations.add(quote(root, coin, GECKO_IDS.get(coin)));
            } catch (SourceException e) {
                failures.add(new SourceResult.Failure(coin.series(), e));
            }
        }
        return new SourceResult(observations, failures);
    }

    /**
     * Daily USD prices of a coin over the last {@code days} days ({@code /coins/{id}/market_chart}, daily
     * interval): {@code prices} is a list of {@code [unix ms, price]}. Days before today only: today's point is
     * the spot collectors' to write.
     */
    @Override
    public Map<LocalDate, Double> dailyPrices(SpotCoin coin, int days, Deadline deadline) throws SourceException {
        String geckoId = GECKO_IDS.get(coin);
        Object root = http.get(
                ID,
                URI.create(baseUrl + "/api/v3/coins/" + geckoId + "/market_chart?vs_currency=usd&days=" + days
                        + "&interval=daily"),
                keyHeader(),
                deadline);
        List<?> prices = JsonFields.array(ID, root, "prices");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<LocalDate, Double> daily = new TreeMap<>();
        for (int i = 0; i < prices.size(); i++) {
            Instant at = JsonFields.epochMillis(ID, root, "prices." + i + ".0");
            double price = coin.priceAt(ID, root, "prices." + i + ".1");
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            if (day.isBefore(today)) {
                daily.put(day, price);
            }
        }
        return daily;
    }

    /** Bitcoin's all-time high in USD ({@code /coins/markets}: {@code ath}, {@code ath_date}, {@code last_updated}). */
    @Override
    public AllTimeHigh bitcoinAllTimeHigh(Deadline deadline) throws SourceException {
        Object markets = http.get(
                ID, URI.create(baseUrl + "/api/v3/coins/markets?vs_currency=usd&ids=bitcoin"), keyHeader(), deadline);
        if (!(markets instanceof List<?> list)) {
            throw SourceException.malformed(ID, "(root)", "value is not an array of markets");
        }
        Object bitcoin = null;
        for (Object market : list) {
            if (market instanceof Map<?, ?> fields && "bitcoin".equals(fields.get("id"))) {
                bitcoin = market;
            }
        }
        if (bitcoin == null) {
            throw SourceException.malformed(ID, "[id=bitcoin]", "missing from the answer");
        }
        double ath = SpotCoin.BTC.priceAt(ID, bitcoin, "ath");
        Instant reachedAt = instant(bitcoin, "ath_date");
        Instant updated = instant(bitcoin, "last_updated");
        if (reachedAt.isAfter(clock.instant().plus(MAX_QUOTE_AGE))) {
            throw SourceException.implausible(ID, "ath_date", "value " + reachedAt + " is in the future");
        }
        return new AllTimeHigh(ath, reachedAt, updated);
    }

    private static Instant instant(Object node, String field) throws SourceException {
        String text = JsonFields.text(ID, node, field);
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw SourceException.malformed(ID, field, "value '" + text + "' is not an ISO-8601 instant");
        }
    }

    private Observation quote(Object root, SpotCoin coin, String geckoId) throws SourceException {
        double price = coin.priceAt(ID, root, geckoId + ".usd");
        String timeField = geckoId + ".last_updated_at";
        Instant updatedAt = JsonFields.epochSeconds(ID, root, timeField);
        Instant now = clock.instant();
        if (updatedAt.isAfter(now.plus(MAX_QUOTE_AGE))) {
            throw SourceException.implausible(
                    ID,
                    timeField,
                    "value " + updatedAt.getEpochSecond() + " (" + updatedAt + ") is not a plausible update time at "
                            + now);
        }
        if (Duration.between(updatedAt, now).compareTo(MAX_QUOTE_AGE) > 0) {
            throw SourceException.stale(
                    ID,
                    timeField,
                    "quote from " + updatedAt + " is older than " + MAX_QUOTE_AGE.toMinutes() + " min at " + now);
        }
        return new Observation(coin.series(), price, updatedAt, List.of(ID));
    }

    /** The demo key's header, when there is a key; a key configured but unreadable fails the call. */
    private Map<String, String> keyHeader() throws SourceException {
        return ApiKeys.read(ID, apiKey)
                .map(key -> Map.of("x-cg-demo-api-key", key))
                .orElse(Map.of());
    }
}
