package dev.minerwatch.sources.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where a provider call may go and how long it may take, against real HTTP servers. */
class HttpJsonClientBoundsIT {

    private static final Map<String, String> KEY = Map.of("x-cg-demo-api-key", "demo-key-not-a-secret");

    private WireMockServer provider;
    private WireMockServer elsewhere;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        provider = new WireMockServer(
                options().bindAddress("127.0.0.1").dynamicPort().jettyStopTimeout(0L));
        elsewhere = new WireMockServer(
                options().bindAddress("localhost").dynamicPort().jettyStopTimeout(0L));
        provider.start();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        provider.stop();
        elsewhere.stop();
    }

    private HttpJsonClient client(Duration readTimeout) {
        return new HttpJsonClient(Duration.ofSeconds(1), readTimeout, HttpJsonClient.RetryPolicy.DEFAULT, waits::add);
    }

    private URI api() {
        return URI.create("http://127.0.0.1:" + provider.port() + "/api");
    }

    @Test
    void aRedirectToAnotherHostIsRefusedNamingItsLocationAndTheKeyNeverReachesIt() {
        String target = "http://localhost:" + elsewhere.port() + "/stolen";
        provider.stubFor(get(urlPathEqualTo("/api"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", target + "?token=1")));
        elsewhere.stubFor(get(anyUrl()).willReturn(okJson("{\"ok\":true}")));

        assertThatThrownBy(() ->
                        client(Duration.ofSeconds(1)).get("coingecko", api(), KEY, Deadline.in(Duration.ofSeconds(10))))
                .isInstanceOfSatisfying(
                        SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.MALFORMED))
                .hasMessageContaining("coingecko")
                .hasMessageContaining("HTTP 302")
                .hasMessageContaining("redirects to " + target)
                .hasMessageNotContaining("token=1");
        elsewhere.verify(0, anyRequestedFor(anyUrl()));
        provider.verify(1, getRequestedFor(urlPathEqualTo("/api")));
    }

    @Test
    void anAnswerThatTricklesInIsCutAtTheWholeAnswerTimeoutNotWaitedForByteByByte() {
        // Each chunk arrives well within a per-read timeout; the whole answer takes 30 s.
        provider.stubFor(get(urlPathEqualTo("/api"))
                .willReturn(
                        okJson("{\"hashrates\":[1,2,3,4,5,6,7,8,9,10,11,12]}").withChunkedDribbleDelay(40, 30_000)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> new HttpJsonClient(Duration.ofSeconds(1), Duration.ofMillis(700))
                        .get("mempool", api(), Map.of(), Deadline.in(Duration.ofSeconds(30))))
                .isInstanceOfSatisfying(
                        SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE))
                .hasMessageContaining("mempool")
                .hasMessageContaining("timed out");
        // Cut at 1.7 s; a wide margin for a loaded machine, still far from the answer's 30 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void retriesAndBackoffsEndAtTheDeadline() {
        provider.stubFor(get(urlPathEqualTo("/api")).willReturn(okJson("{}").withFixedDelay(30_000)));
        long started = System.nanoTime();

        assertThatThrownBy(() -> client(Duration.ofSeconds(8))
                        .get("kraken", api(), Map.of(), Deadline.in(Duration.ofMillis(1_500))))
                .hasMessageContaining("kraken");
        // Ends at the 1.5 s deadline; a wide margin for a loaded machine, still far from one attempt's 8 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void noCallStartsOnceTheDeadlineHasPassed() {
        provider.stubFor(get(urlPathEqualTo("/api")).willReturn(okJson("{\"ok\":true}")));

        assertThatThrownBy(() -> client(Duration.ofSeconds(1)).get("sosovalue", api(), KEY, Deadline.in(Duration.ZERO)))
                .isInstanceOfSatisfying(
                        SourceException.class, e -> assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE))
                .hasMessageContaining("sosovalue")
                .hasMessageContaining("deadline passed");
        provider.verify(0, anyRequestedFor(anyUrl()));
    }
}
