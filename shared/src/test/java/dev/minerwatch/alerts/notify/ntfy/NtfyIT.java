package dev.minerwatch.alerts.notify.ntfy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.Notifier.Publication;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ntfy against a real HTTP server standing in for an ntfy server: the JSON publishing, exactly. */
class NtfyIT {

    private static final String TOPIC = "mw-topic-Secret42";
    private static final String TOKEN = "tk_accesstokensecret0123456789a";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathMatching("/.*"))
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":\"abc\",\"event\":\"message\"}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Channel ntfy(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(Ntfy.URL, "http://127.0.0.1:" + server.port() + "/" + TOPIC));
        env.putAll(more);
        List<Channel> channels = ChannelRegistry.configured(Settings.of(env));
        assertThat(channels).extracting(Channel::name).containsExactly("ntfy");
        return channels.get(0);
    }

    private static AlertMessage alert(Severity severity, EventKind kind, String title) {
        return AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title(title)
                .severity(severity)
                .kind(kind)
                .value(69_280.1)
                .asOf(Instant.parse("2026-02-05T14:05:00Z"))
                .sources("coinbase", "kraken")
                .thresholdBasis("fixed threshold")
                .detail("BTC $69,280.10 against $87,000")
                .meaning("The price is under the cost of mining.")
                .executionId("exec-1")
                .build());
    }

    private LoggedRequest only(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathMatching("/.*")));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getUrl()).isEqualTo(path);
        return requests.get(0);
    }

    @Test
    void aCriticalAlertIsPublishedAsJsonToTheServersRootUrgentAndTaggedWithTheTokenAsBearer() throws Exception {
        Publication posted = ntfy(Map.of(Ntfy.TOKEN, TOKEN))
                .publish(alert(Severity.CRITICAL, EventKind.FIRED, "BTC price — below cost ⛏"));

        assertThat(posted.isAccepted()).isTrue();
        assertThat(posted.messageId()).isEqualTo("ntfy-200");
        LoggedRequest request = only("/");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        Map<String, Object> body = Json.parseObject(request.getBodyAsString());
        assertThat(body)
                .containsEntry("topic", TOPIC)
                .containsEntry("title", "minerwatch ALERT [critical]: BTC price — below cost ⛏ (2026-02-05)")
                .containsEntry("tags", List.of("rotating_light", "price_below_production_cost"))
                .doesNotContainKey("click");
        assertThat(((Number) body.get("priority")).intValue()).isEqualTo(5);
        assertThat(body.get("message").toString()).contains("BTC $69,280.10 against $87,000");
    }

    @Test
    void eachSeverityHasItsPriorityAndTagAndAResolutionIsDefaultWithACheckMark() throws Exception {
        Channel ntfy = ntfy(Map.of());
        Map<String, List<Object>> expected = new java.util.LinkedHashMap<>();
        expected.put("warning FIRED", List.of(4, List.of("warning", "price_below_production_cost")));
        expected.put("info FIRED", List.of(3, List.of("information_source", "price_below_production_cost")));
        expected.put("critical RESOLVED", List.of(3, List.of("white_check_mark", "price_below_production_cost")));
        expected.put("critical REMINDER", List.of(5, List.of("rotating_light", "price_below_production_cost")));

        for (Map.Entry<String, List<Object>> each : expected.entrySet()) {
            server.resetRequests();
            String[] parts = each.getKey().split(" ");
            ntfy.publish(alert(
                    Severity.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT)), EventKind.valueOf(parts[1]), "t"));
            Map<String, Object> body = Json.parseObject(only("/").getBodyAsString());
            assertThat(((Number) body.get("priority")).intValue())
                    .as(each.getKey())
                    .isEqualTo(each.getValue().get(0));
            assertThat(body.get("tags"))
                    .as(each.getKey())
                    .isEqualTo(each.getValue().get(1));
            assertThat(only("/").getHeader("Authorization"))
                    .as("no token, no header")
                    .isNull();
        }
        server.resetRequests();
        ntfy.publish(AlertMessage.test(Instant.parse("2026-02-05T14:05:00Z"), "test-1"));
        Map<String, Object> test = Json.parseObject(only("/").getBodyAsString());
        assertThat(((Number) test.get("priority")).intValue()).isEqualTo(3);
        assertThat(test.get("tags")).isEqualTo(List.of("test_tube", "test"));
    }

    @Test
    void aLinkedMessageOpensTheEventsPageWhenTappedAndAServerUnderAPathIsPostedAtItsRoot() throws Exception {
        String page = "https://d123.cloudfront.net/events/2026-02-05.price_below_production_cost.1.html";
        Map<String, String> env = Map.of(Ntfy.URL, "http://localhost:" + server.port() + "/ntfy/" + TOPIC);
        Channel ntfy = ChannelRegistry.configured(Settings.of(env)).get(0);

        ntfy.publish(
                alert(Severity.WARNING, EventKind.FIRED, "t").linkedTo(URI.create("https://d123.cloudfront.net/")));

        Map<String, Object> body = Json.parseObject(only("/ntfy/").getBodyAsString());
        assertThat(body).containsEntry("click", page).containsEntry("topic", TOPIC);
        assertThat(body.get("message").toString()).doesNotContain(page);
    }

    @Test
    void aRefusalIsForGoodAndNamesNeitherTheTopicNorTheTokenAndA429IsTriedAgain() {
        server.stubFor(post(urlPathEqualTo("/"))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody(
                                "{\"code\":40301,\"error\":\"forbidden: " + TOPIC + " with Bearer " + TOKEN + "\"}")));
        Publication refused = ntfy(Map.of(Ntfy.TOKEN, TOKEN)).publish(alert(Severity.CRITICAL, EventKind.FIRED, "t"));

        assertThat(refused.permanent()).isTrue();
        assertThat(refused.error())
                .startsWith("ntfy: HTTP 403: {\"code\":40301,\"error\":\"forbidden: ")
                .doesNotContain(TOPIC)
                .doesNotContain(TOKEN)
                .contains("<NTFY_URL>", "<NTFY_TOKEN>");

        server.resetAll();
        server.stubFor(post(urlPathEqualTo("/"))
                .inScenario("busy")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("free"));
        server.stubFor(post(urlPathEqualTo("/"))
                .inScenario("busy")
                .whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200)));
        Publication retried = ntfy(Map.of()).publish(alert(Severity.CRITICAL, EventKind.FIRED, "t"));

        assertThat(retried.isAccepted()).isTrue();
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/")))).hasSize(2);
    }

    @Test
    void aUrlThatIsNoTopicsOrATokenThatCannotBeAHeaderIsAProblemThatEchoesNeither() {
        for (String url : List.of(
                "https://ntfy.example/",
                "https://ntfy.example/Secret42?x=1",
                "https://ntfy.example/Sec.ret42",
                "http://ntfy.example/Secret42")) {
            assertThat(ChannelRegistry.problems(Settings.of(Map.of(Ntfy.URL, url))))
                    .as(url)
                    .singleElement()
                    .satisfies(problem -> assertThat(problem)
                            .startsWith("NTFY_URL ")
                            .doesNotContain("Secret42")
                            .doesNotContain("Sec.ret42"));
        }
        assertThat(ChannelRegistry.problems(
                        Settings.of(Map.of(Ntfy.URL, "https://ntfy.sh/alerts", Ntfy.TOKEN, "tk_Secret 42\n"))))
                .containsExactly("NTFY_TOKEN is not an access token (printable characters, no spaces)");
        assertThat(ChannelRegistry.problems(Settings.of(Map.of(Ntfy.TOKEN, "tk_Secret42"))))
                .as("a token alone sets nothing: the URL does")
                .isEmpty();
    }
}
