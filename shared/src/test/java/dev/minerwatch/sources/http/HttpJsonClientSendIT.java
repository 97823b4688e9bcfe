package dev.minerwatch.sources.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpJsonClient#send}, a channel's POST, against a real HTTP server; the waits are recorded, not slept. */
class HttpJsonClientSendIT {

    private static final Deadline NO_HURRY = Deadline.in(Duration.ofMinutes(10));
    private static final String BODY = "{\"text\":\"hello\"}";

    private WireMockServer server;
    private final List<Duration> waits = new ArrayList<>();
    private HttpJsonClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        client = new HttpJsonClient(
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                new HttpJsonClient.RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(5)),
                waits::add);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    /** Answers {@code first}, then {@code second}, then 200 {@code ok}. */
    private void answers(String path, int first, String firstRetryAfter, int second, String secondRetryAfter) {
        var one = aResponse().withStatus(first);
        var two = aResponse().withStatus(second);
        server.stubFor(post(urlPathEqualTo(path))
                .inScenario("s")
                .whenScenarioStateIs(STARTED)
                .willReturn(firstRetryAfter == null ? one : one.withHeader("Retry-After", firstRetryAfter))
                .willSetStateTo("second"));
        server.stubFor(post(urlPathEqualTo(path))
                .inScenario("s")
                .whenScenarioStateIs("second")
                .willReturn(secondRetryAfter == null ? two : two.withHeader("Retry-After", secondRetryAfter))
                .willSetStateTo("up"));
        server.stubFor(post(urlPathEqualTo(path))
                .inScenario("s")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @Test
    void anAnswerThatIsNotJsonIsItsStatusAndTheFirstLineOfItsBody() throws Exception {
        server.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("\n  ok  \nsecond line\n")));

        HttpJsonClient.Answer answer =
                client.send("slack", uri("/slack"), Map.of("X-Signature", "sha256=ab"), BODY, NO_HURRY);

        assertThat(answer).isEqualTo(new HttpJsonClient.Answer(200, "ok", 1));
        assertThat(answer.isSuccess()).isTrue();
        server.verify(postRequestedFor(urlPathEqualTo("/slack"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Signature", equalTo("sha256=ab"))
                .withRequestBody(equalToJson(BODY)));
        assertThat(waits).isEmpty();
    }

    @Test
    void aThrottledOrFailingPostIsTriedAgainAfterTheRetryAfterItAskedFor() throws Exception {
        answers("/hook", 429, "5", 503, "1");

        HttpJsonClient.Answer answer = client.send("webhook", uri("/hook"), Map.of(), BODY, NO_HURRY);

        assertThat(answer).isEqualTo(new HttpJsonClient.Answer(200, "ok", 3));
        assertThat(waits).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(1));
    }

    @Test
    void aRetryAfterLongerThanTheLongestWaitStopsTheDeliveryAtOnceForALaterRun() throws Exception {
        answers("/hook", 429, "3600", 200, null);

        HttpJsonClient.Answer answer = client.send("webhook", uri("/hook"), Map.of(), BODY, NO_HURRY);

        assertThat(answer).isEqualTo(new HttpJsonClient.Answer(429, "", 1));
        assertThat(answer.isTransient()).isTrue();
        assertThat(waits).isEmpty();
        server.verify(1, postRequestedFor(urlPathEqualTo("/hook")));
    }

    @Test
    void withoutARetryAfterTheWaitIsTheJitteredBackoffAndAnUnreadableOneWaitsTheMaximum() throws Exception {
        answers("/hook", 500, null, 429, "Wed, 21 Oct 2026 07:28:00 GMT");

        assertThat(client.send("webhook", uri("/hook"), Map.of(), BODY, NO_HURRY)
                        .status())
                .isEqualTo(200);
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(500));
        assertThat(waits.get(1)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void afterTheAttemptsTheLastTransientAnswerIsTheAnswer() throws Exception {
        server.stubFor(post(urlPathEqualTo("/discord"))
                .willReturn(aResponse().withStatus(502).withBody("bad gateway")));

        HttpJsonClient.Answer answer = client.send("discord", uri("/discord"), Map.of(), BODY, NO_HURRY);

        assertThat(answer).isEqualTo(new HttpJsonClient.Answer(502, "bad gateway", 3));
        assertThat(answer.isTransient()).isTrue();
        server.verify(3, postRequestedFor(urlPathEqualTo("/discord")));
    }

    @Test
    void aRefusalAndARedirectAreAnswersAtOnceAndTheRedirectIsNeverFollowed() throws Exception {
        server.stubFor(post(urlPathEqualTo("/discord"))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\": \"Cannot send an empty message\"}")));
        server.stubFor(post(urlPathEqualTo("/hook"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", uri("/elsewhere").toString())));

        HttpJsonClient.Answer refused = client.send("discord", uri("/discord"), Map.of(), BODY, NO_HURRY);
        HttpJsonClient.Answer redirected = client.send("webhook", uri("/hook"), Map.of(), BODY, NO_HURRY);

        assertThat(refused)
                .isEqualTo(new HttpJsonClient.Answer(400, "{\"message\": \"Cannot send an empty message\"}", 1));
        assertThat(redirected).isEqualTo(new HttpJsonClient.Answer(302, "", 1));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/elsewhere"))))
                .isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void noAnswerAtAllIsTriedAgainAndItsFailureNamesTheHostButNeverTheUrl() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        URI secret = URI.create("http://127.0.0.1:" + closed + "/bot123456:not-a-real-token/sendMessage");

        assertThatThrownBy(() -> client.send("telegram", secret, Map.of(), BODY, NO_HURRY))
                .isInstanceOfSatisfying(SourceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(SourceException.Kind.UNAVAILABLE);
                    assertThat(e.getCause()).isNull();
                })
                .hasMessageStartingWith("telegram: ConnectException")
                .hasMessageEndingWith("(after 3 attempts)")
                .hasMessageNotContaining("not-a-real-token")
                .hasMessageNotContaining("sendMessage");
        assertThat(waits).hasSize(2);
    }

    @Test
    void aPassedDeadlineStartsNoAttempt() {
        Deadline passed = Deadline.in(Duration.ZERO);

        assertThatThrownBy(() -> client.send("slack", uri("/slack"), Map.of(), BODY, passed))
                .isInstanceOf(SourceException.class)
                .hasMessage("slack: the deadline passed before the first attempt");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/slack")))).isEmpty();
    }
}
