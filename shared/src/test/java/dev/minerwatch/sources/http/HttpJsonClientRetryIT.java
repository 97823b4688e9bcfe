package dev.minerwatch.sources.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries against a real HTTP server; the waits are recorded instead of slept. */
class HttpJsonClientRetryIT {

    /** Far enough away that no test here meets it. */
    private static final Deadline NO_HURRY = Deadline.in(Duration.ofMinutes(10));

    private WireMockServer server;
    private final List<Duration> waits = new ArrayList<>();
    private HttpJsonClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        client = new HttpJsonClient(
                Duration.ofSeconds(1), Duration.ofSeconds(1), HttpJsonClient.RetryPolicy.DEFAULT, waits::add);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.port() + "/api");
    }

    /** The first answer, then 200 with {"ok":true}. */
    private void firstThenOk(ResponseDefinitionBuilder first) {
        server.stubFor(get(urlPathEqualTo("/api"))
                .inScenario("s")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("recovered"));
        server.stubFor(get(urlPathEqualTo("/api"))
                .inScenario("s")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"ok\":true}")));
    }

    @Test
    void aThrottledCallIsRetriedAfterTheRetryAfterTheProviderAskedFor() throws Exception {
        firstThenOk(aResponse().withStatus(429).withHeader("Retry-After", "7"));

        assertThat(client.get("mempool", uri(), Map.of(), NO_HURRY)).isEqualTo(Map.of("ok", true));
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        server.verify(2, getRequestedFor(urlPathEqualTo("/api")));
    }

    @Test
    void theRateLimitHeadersOfEachSourcesLatestAnswerAreKeptForTheContractCheck() throws Exception {
        server.stubFor(get(urlPathEqualTo("/api"))
                .willReturn(okJson("{\"ok\":true}")
                        .withHeader("X-RateLimit-Limit", "20")
                        .withHeader("X-RateLimit-Remaining", "19")
                        .withHeader("Content-Type", "application/json")));

        client.get("sosovalue", uri(), Map.of(), NO_HURRY);

        assertThat(client.rateLimitHeaders("sosovalue"))
                .containsOnly(Map.entry("x-ratelimit-limit", "20"), Map.entry("x-ratelimit-remaining", "19"));
        assertThat(client.rateLimitHeaders("tftc")).isEmpty();
    }

    @Test
    void aRetryAfterLongerThanTheFunctionCanWaitIsReportedNotWaited() {
        server.stubFor(get(urlPathEqualTo("/api"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> client.get("sosovalue", uri(), Map.of(), NO_HURRY))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.THROTTLED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                });
        assertThat(waits).isEmpty();
        server.verify(1, getRequestedFor(urlPathEqualTo("/api")));
    }

    @Test
    void aServerErrorIsRetriedAfterAShortBackoff() throws Exception {
        firstThenOk(aResponse().withStatus(502));

        assertThat(client.get("coingecko", uri(), Map.of(), NO_HURRY)).isEqualTo(Map.of("ok", true));
        assertThat(waits).singleElement().satisfies(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMillis(250)));
    }

    @Test
    void aPersistentOutageGivesUpAfterThreeCalls() {
        server.stubFor(get(urlPathEqualTo("/api")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> client.get("kraken", uri(), Map.of(), NO_HURRY))
                .hasMessageContaining("HTTP 503");
        server.verify(3, getRequestedFor(urlPathEqualTo("/api")));
        assertThat(waits).hasSize(2);
    }

    @Test
    void aMalformedAnswerIsNeverRetried() {
        server.stubFor(get(urlPathEqualTo("/api"))
                .willReturn(aResponse().withStatus(200).withBody("<html>")));

        assertThatThrownBy(() -> client.get("coinbase", uri(), Map.of(), NO_HURRY))
                .hasMessageContaining("not JSON");
        server.verify(1, getRequestedFor(urlPathEqualTo("/api")));
    }
}
