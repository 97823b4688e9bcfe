package dev.minerwatch.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.minerwatch.localaws.FreePort;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources.SpotPriceSource.SourceResult;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.testkit.RecordedProviders;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CoinGecko's simple-price answers, recorded and broken, served by a real HTTP server. */
class CoinGeckoSourceIT {

    /** Far enough away that no test here meets it. */
    private static final Deadline NO_HURRY = Deadline.in(Duration.ofMinutes(10));

    private static final Instant RECORDED_AT = Instant.parse("2026-02-05T14:05:00Z");
    private static RecordedProviders providers;

    @BeforeAll
    static void serveRecordings() {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
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

    private static CoinGeckoSource source(Instant now) {
        return source(providers.baseUrl("coingecko"), now, Duration.ofSeconds(2));
    }

    private static CoinGeckoSource source(URI baseUrl, Instant now, Duration readTimeout) {
        return new CoinGeckoSource(
                new HttpJsonClient(Duration.ofSeconds(1), readTimeout),
                baseUrl,
                Optional::empty,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void answer(ResponseDefinitionBuilder response) {
        providers
                .server()
                .stubFor(get(urlPathEqualTo("/coingecko/api/v3/simple/price"))
                        .atPriority(1)
                        .willReturn(response));
    }

    @Test
    void readsBtcAndEthPricesWithTheirUpdateTimes() {
        SourceResult result = source(RECORDED_AT).spotPrices(NO_HURRY);

        assertThat(result.failures()).isEmpty();
        assertThat(result.observations()).hasSize(2);
        var btc = result.observations().get(0);
        assertThat(btc.series()).isEqualTo(SeriesId.BTC_USD);
        assertThat(btc.value()).isEqualTo(69_280.0);
        assertThat(btc.observedAt()).isEqualTo(Instant.ofEpochSecond(1_770_300_000L));
        assertThat(btc.sources()).containsExactly("coingecko");
        assertThat(result.observations().get(1).value()).isEqualTo(2_052.0);
    }

    @Test
    void aServerErrorFailsBothSeriesAsUnavailable() {
        answer(aResponse().withStatus(503).withBody("upstream down"));

        SourceResult result = source(RECORDED_AT).spotPrices(NO_HURRY);

        assertThat(result.observations()).isEmpty();
        assertThat(result.failures()).extracting(f -> f.series()).containsExactly(SeriesId.BTC_USD, SeriesId.ETH_USD);
        assertThat(result.failures().get(0).error().kind()).isEqualTo(SourceException.Kind.UNAVAILABLE);
        assertThat(result.failures().get(0).error())
                .hasMessageContaining("coingecko")
                .hasMessageContaining("HTTP 503");
    }

    @Test
    void throttlingReportsTheRetryAfterTheProviderAskedFor() {
        answer(aResponse().withStatus(429).withHeader("Retry-After", "30"));

        SourceException error =
                source(RECORDED_AT).spotPrices(NO_HURRY).failures().get(0).error();

        assertThat(error.kind()).isEqualTo(SourceException.Kind.THROTTLED);
        assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(error).hasMessageContaining("coingecko").hasMessageContaining("429");
    }

    @Test
    void htmlInsteadOfJsonIsMalformedAndQuoted() {
        answer(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>Just a moment...</body></html>"));

        SourceException error =
                source(RECORDED_AT).spotPrices(NO_HURRY).failures().get(0).error();

        assertThat(error.kind()).isEqualTo(SourceException.Kind.MALFORMED);
        assertThat(error).hasMessageContaining("not JSON").hasMessageContaining("<html>");
    }

    @Test
    void aRenamedFieldFailsOnlyItsSeriesAndNamesTheField() {
        answer(okJson("{\"bitcoin\":{\"price_usd\":69280.0,\"last_updated_at\":1770300000},"
                + "\"ethereum\":{\"usd\":2052.0,\"last_updated_at\":1770299990}}"));

        SourceResult result = source(RECORDED_AT).spotPrices(NO_HURRY);

        assertThat(result.observations()).extracting(o -> o.series()).containsExactly(SeriesId.ETH_USD);
        SourceException error = result.failures().get(0).error();
        assertThat(error.field()).contains("bitcoin.usd");
        assertThat(error).hasMessage("coingecko field bitcoin.usd: missing from the answer");
    }

    @Test
    void zeroNegativeNullAndAbsurdPricesAreRejectedWithTheirValue() {
        for (String bad : new String[] {"0", "-69280", "0.01", "10000000"}) {
            answer(okJson("{\"bitcoin\":{\"usd\":" + bad + ",\"last_updated_at\":1770300000},"
                    + "\"ethereum\":{\"usd\":2052.0,\"last_updated_at\":1770299990}}"));

            SourceException error =
                    source(RECORDED_AT).spotPrices(NO_HURRY).failures().get(0).error();

            assertThat(error.kind()).as(bad).isEqualTo(SourceException.Kind.IMPLAUSIBLE);
            assertThat(error)
                    .as(bad)
                    .hasMessageContaining("bitcoin.usd")
                    .hasMessageContaining(Double.toString(Double.parseDouble(bad)));
        }
        answer(okJson("{\"bitcoin\":{\"usd\":null,\"last_updated_at\":1770300000}}"));
        assertThat(source(RECORDED_AT).spotPrices(NO_HURRY).failures().get(0).error())
                .hasMessage("coingecko field bitcoin.usd: is null");
    }

    @Test
    void aQuoteOlderThanFifteenMinutesIsStale() {
        SourceResult result = source(RECORDED_AT.plus(Duration.ofMinutes(30))).spotPrices(NO_HURRY);

        assertThat(result.observations()).isEmpty();
        SourceException error = result.failures().get(0).error();
        assertThat(error.kind()).isEqualTo(SourceException.Kind.STALE);
        assertThat(error).hasMessageContaining("bitcoin.last_updated_at").hasMessageContaining("2026-02-05T14:00:00Z");
    }

    @Test
    void aSlowAnswerTimesOut() {
        answer(okJson("{}").withFixedDelay(1_500));

        SourceException error = source(providers.baseUrl("coingecko"), RECORDED_AT, Duration.ofMillis(300))
                .spotPrices(NO_HURRY)
                .failures()
                .get(0)
                .error();

        assertThat(error.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE);
        assertThat(error).hasMessageContaining("coingecko").hasMessageContaining("timed out");
    }

    @Test
    void aRefusedConnectionIsUnavailable() {
        URI closedPort = URI.create("http://127.0.0.1:" + FreePort.find());

        SourceException error = source(closedPort, RECORDED_AT, Duration.ofSeconds(1))
                .spotPrices(NO_HURRY)
                .failures()
                .get(0)
                .error();

        assertThat(error.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE);
        assertThat(error).hasMessageContaining("coingecko").hasMessageContaining("ConnectException");
    }
}
