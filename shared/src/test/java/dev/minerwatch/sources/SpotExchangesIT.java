package dev.minerwatch.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources.SpotPriceSource.SourceResult;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.testkit.RecordedProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Coinbase and Kraken spot prices, recorded and broken, served by a real HTTP server. */
class SpotExchangesIT {

    /** Far enough away that no test here meets it. */
    private static final Deadline NO_HURRY = Deadline.in(Duration.ofMinutes(10));

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-05T14:05:00Z"), ZoneOffset.UTC);
    private static RecordedProviders providers;
    private static HttpJsonClient http;

    @BeforeAll
    static void serveRecordings() {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        http = new HttpJsonClient(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        providers.close();
    }

    @BeforeEach
    void onlyTheRecordingsAnswer() {
        providers.server().getStubMappings().stream()
                .filter(stub -> stub.getPriority() == 1)
                .forEach(providers.server()::removeStub);
    }

    private static void answer(String path, ResponseDefinitionBuilder response) {
        providers.server().stubFor(get(urlPathEqualTo(path)).atPriority(1).willReturn(response));
    }

    private static CoinbaseSource coinbase() {
        return new CoinbaseSource(http, providers.baseUrl("coinbase"), CLOCK);
    }

    private static KrakenSource kraken() {
        return new KrakenSource(http, providers.baseUrl("kraken"), CLOCK);
    }

    @Test
    void coinbaseAmountsArriveAsStringsAndAreQuotedAtTheCallTime() {
        SourceResult result = coinbase().spotPrices(NO_HURRY);

        assertThat(result.failures()).isEmpty();
        assertThat(result.observations())
                .extracting(Observation::series, Observation::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SeriesId.BTC_USD, 69_280.12),
                        org.assertj.core.groups.Tuple.tuple(SeriesId.ETH_USD, 2_051.87));
        assertThat(result.observations().get(0).observedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void coinbaseInAnotherCurrencyIsRefused() {
        answer(
                "/coinbase/v2/prices/BTC-USD/spot",
                okJson("{\"data\":{\"amount\":\"64000.00\",\"base\":\"BTC\",\"currency\":\"EUR\"}}"));

        SourceResult result = coinbase().spotPrices(NO_HURRY);

        assertThat(result.observations()).extracting(Observation::series).containsExactly(SeriesId.ETH_USD);
        assertThat(result.failures().get(0).error()).hasMessage("coinbase field data.currency: value 'EUR' is not USD");
    }

    @Test
    void coinbaseWithANonNumericAmountNamesTheValue() {
        answer(
                "/coinbase/v2/prices/BTC-USD/spot",
                okJson("{\"data\":{\"amount\":\"n/a\",\"base\":\"BTC\",\"currency\":\"USD\"}}"));

        assertThat(coinbase().spotPrices(NO_HURRY).failures().get(0).error())
                .hasMessage("coinbase field data.amount: value 'n/a' is not a number");
    }

    @Test
    void krakenReadsTheLastTradeOfEachPairFromItsOwnPairNames() {
        SourceResult result = kraken().spotPrices(NO_HURRY);

        assertThat(result.failures()).isEmpty();
        assertThat(result.observations()).extracting(Observation::value).containsExactly(69_280.1, 2_052.3);
        assertThat(result.observations()).allMatch(o -> o.sources().equals(java.util.List.of("kraken")));
    }

    @Test
    void aKrakenErrorArrayIsAFailureEvenWithHttp200() {
        answer("/kraken/0/public/Ticker", okJson("{\"error\":[\"EService:Unavailable\"],\"result\":{}}"));

        SourceResult result = kraken().spotPrices(NO_HURRY);

        assertThat(result.observations()).isEmpty();
        assertThat(result.failures()).hasSize(2);
        assertThat(result.failures().get(0).error().kind()).isEqualTo(SourceException.Kind.MALFORMED);
        assertThat(result.failures().get(0).error())
                .hasMessageContaining("kraken field error")
                .hasMessageContaining("EService:Unavailable");
    }

    @Test
    void aMissingKrakenPairFailsOnlyThatCoin() {
        answer(
                "/kraken/0/public/Ticker",
                okJson("{\"error\":[],\"result\":{\"XXBTZUSD\":{\"c\":[\"69280.1\",\"0.01\"]}}}"));

        SourceResult result = kraken().spotPrices(NO_HURRY);

        assertThat(result.observations()).extracting(Observation::series).containsExactly(SeriesId.BTC_USD);
        assertThat(result.failures().get(0).error())
                .hasMessage("kraken field result.XETHZUSD: missing from the answer");
    }

    @Test
    void aKrakenNaNOrZeroIsRejected() {
        answer(
                "/kraken/0/public/Ticker",
                okJson("{\"error\":[],\"result\":{\"XXBTZUSD\":{\"c\":[\"NaN\",\"0.01\"]},"
                        + "\"XETHZUSD\":{\"c\":[\"0.00000\",\"1\"]}}}"));

        SourceResult result = kraken().spotPrices(NO_HURRY);

        assertThat(result.observations()).isEmpty();
        assertThat(result.failures().get(0).error().kind()).isEqualTo(SourceException.Kind.IMPLAUSIBLE);
        assertThat(result.failures().get(0).error())
                .hasMessageContaining("result.XXBTZUSD.c.0")
                .hasMessageContaining("NaN");
        assertThat(result.failures().get(1).error())
                .hasMessageContaining("result.XETHZUSD.c.0")
                .hasMessageContaining("0.0");
    }

    @Test
    void krakenAnsweringHtmlFailsBothCoins() {
        answer(
                "/kraken/0/public/Ticker",
                aResponse().withStatus(200).withBody("<!DOCTYPE html><title>maintenance</title>"));

        SourceResult result = kraken().spotPrices(NO_HURRY);

        assertThat(result.failures()).hasSize(2);
        assertThat(result.failures().get(0).error())
                .hasMessageContaining("kraken")
                .hasMessageContaining("not JSON");
    }
}
