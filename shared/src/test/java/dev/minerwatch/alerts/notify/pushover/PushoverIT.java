package dev.minerwatch.alerts.notify.pushover;

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
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushover against a real HTTP server standing in for its API: the forms, the emergencies and their cancelling. */
class PushoverIT {

    private static final String USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    private static final String APP = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private static final String MESSAGES = "/1/messages.json";
    private static final String OK = "{\"status\":1,\"request\":\"647d2300-702c-4b38-8b2f-d56326ae460b\"}";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathMatching("/1/.*"))
                .willReturn(aResponse().withStatus(200).withBody(OK)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Settings settings() {
        return Settings.of(Map.of(
                Pushover.USER_KEY, USER,
                Pushover.APP_TOKEN, APP,
                Pushover.BASE_URL, "http://127.0.0.1:" + server.port() + "/"));
    }

    private Channel pushover() {
        List<Channel> channels = ChannelRegistry.configured(settings());
        assertThat(channels).extracting(Channel::name).containsExactly("pushover");
        return channels.get(0);
    }

    private static AlertMessage alert(Severity severity, EventKind kind) {
        return AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title("BTC price below production cost")
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

    /** Every POST the server got, in the order it got them. */
    private List<LoggedRequest> posts() {
        return server.findAll(postRequestedFor(urlPathMatching("/.*")));
    }

    private static Map<String, String> form(LoggedRequest request) {
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            String[] kv = pair.split("=", 2);
            fields.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    private Map<String, String> onlyMessage() {
        assertThat(posts()).hasSize(1);
        assertThat(posts().get(0).getUrl()).isEqualTo(MESSAGES);
        return form(posts().get(0));
    }

    @Test
    void aCriticalAlertIsAnEmergencyThatRepeatsUntilAcknowledgedTaggedWithItsRuleState() {
        Publication posted = pushover().publish(alert(Severity.CRITICAL, EventKind.FIRED));

        assertThat(posted.isAccepted()).isTrue();
        assertThat(posted.messageId()).isEqualTo("pushover-200");
        Map<String, String> form = onlyMessage();
        assertThat(form)
                .containsEntry("token", APP)
                .containsEntry("user", USER)
                .containsEntry("title", "minerwatch ALERT [critical]: BTC price below production cost (2026-02-05)")
                .containsEntry("priority", "2")
                .containsEntry("retry", "300")
                .containsEntry("expire", "3600")
                .containsEntry("tags", "price_below_production_cost")
                .doesNotContainKeys("url", "url_title");
        assertThat(form.get("message")).contains("BTC $69,280.10 against $87,000");
        assertThat(Integer.parseInt(form.get("retry"))).isGreaterThanOrEqualTo(30);
        assertThat(Integer.parseInt(form.get("expire"))).isLessThanOrEqualTo(10_800);
    }

    @Test
    void aWarningIsHighAndInfoNormalNeitherAnEmergency() {
        Channel pushover = pushover();
        Map<String, String> expected = Map.of(
                "WARNING FIRED", "1",
                "INFO FIRED", "0",
                "CRITICAL REMINDER", "1",
                "WARNING RESOLVED", "0");

        for (Map.Entry<String, String> each : expected.entrySet()) {
            server.resetRequests();
            String[] parts = each.getKey().split(" ");
            pushover.publish(alert(Severity.valueOf(parts[0]), EventKind.valueOf(parts[1])));
            assertThat(onlyMessage())
                    .as(each.getKey())
                    .containsEntry("priority", each.getValue())
                    .doesNotContainKeys("retry", "expire", "tags");
        }
        server.resetRequests();
        pushover.publish(AlertMessage.test(Instant.parse("2026-02-05T14:05:00Z"), "test-1"));
        assertThat(onlyMessage()).containsEntry("priority", "0").doesNotContainKey("tags");
    }

    @Test
    void aCriticalResolutionCancelsItsRuleStatesEmergenciesByTagBeforeItIsPosted() {
        Publication posted = pushover().publish(alert(Severity.CRITICAL, EventKind.RESOLVED));

        assertThat(posted.isAccepted()).isTrue();
        List<LoggedRequest> posts = posts();
        assertThat(posts)
                .extracting(LoggedRequest::getUrl)
                .containsExactly("/1/receipts/cancel_by_tag/price_below_production_cost.json", MESSAGES);
        assertThat(form(posts.get(0))).containsExactly(Map.entry("token", APP));
        assertThat(form(posts.get(1))).containsEntry("priority", "0").doesNotContainKeys("retry", "expire", "tags");
        assertThat(posts.get(0).getLoggedDate()).isBeforeOrEqualTo(posts.get(1).getLoggedDate());
    }

    @Test
    void aPerSeriesStateIsTaggedWithoutItsSlash() {
        Channel pushover = pushover();
        AlertMessage fired = AlertMessage.of(AlertEvents.of("stale_series")
                .stateKey("stale_series/btc_price")
                .severity(Severity.CRITICAL)
                .build());
        AlertMessage resolved = AlertMessage.of(AlertEvents.of("stale_series")
                .stateKey("stale_series/btc_price")
                .severity(Severity.CRITICAL)
                .kind(EventKind.RESOLVED)
                .build());

        pushover.publish(fired);
        pushover.publish(resolved);

        assertThat(form(posts().get(0))).containsEntry("tags", "stale_series-btc_price");
        assertThat(posts().get(1).getUrl()).isEqualTo("/1/receipts/cancel_by_tag/stale_series-btc_price.json");
    }

    @Test
    void aCancellingThatFailsHoldsTheResolutionBackForTheRetry() {
        server.stubFor(
                post(urlPathMatching("/1/receipts/.*")).willReturn(aResponse().withStatus(503)));

        Publication failed = pushover().publish(alert(Severity.CRITICAL, EventKind.RESOLVED));

        assertThat(failed.isAccepted()).isFalse();
        assertThat(failed.permanent()).isFalse();
        assertThat(failed.error()).isEqualTo("cancelling its emergency: pushover: HTTP 503 (after 3 attempts)");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).isEmpty();
    }

    @Test
    void aLinkedMessageCarriesTheEventsPageAsItsSupplementaryUrl() {
        String page = "https://d123.cloudfront.net/events/2026-02-05.price_below_production_cost.1.html";

        pushover()
                .publish(alert(Severity.WARNING, EventKind.FIRED).linkedTo(URI.create("https://d123.cloudfront.net/")));

        Map<String, String> form = onlyMessage();
        assertThat(form).containsEntry("url", page).containsEntry("url_title", "On the dashboard");
        assertThat(form.get("message")).doesNotContain(page);
    }

    @Test
    void aRefusalNamesPushoversErrorsButNeverTheTokenOrTheUserKeyAndA429IsTriedAgain() {
        server.stubFor(post(urlPathEqualTo(MESSAGES))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody("{\"token\":\"invalid\",\"errors\":[\"application token is invalid: " + APP + " for "
                                + USER + "\"],\"status\":0,\"request\":\"5042853c\"}")));

        Publication refused = pushover().publish(alert(Severity.CRITICAL, EventKind.FIRED));

        assertThat(refused.permanent()).isTrue();
        assertThat(refused.error())
                .startsWith("pushover: HTTP 400: ")
                .contains("\"errors\":[\"application token is invalid: <PUSHOVER_APP_TOKEN> for <PUSHOVER_USER_KEY>")
                .doesNotContain(APP)
                .doesNotContain(USER);

        server.resetAll();
        server.stubFor(post(urlPathEqualTo(MESSAGES))
                .inScenario("limited")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
                .willSetStateTo("again"));
        server.stubFor(post(urlPathEqualTo(MESSAGES))
                .inScenario("limited")
                .whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(200).withBody(OK)));

        assertThat(pushover().publish(alert(Severity.WARNING, EventKind.FIRED)).isAccepted())
                .isTrue();
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)))).hasSize(2);
    }

    @Test
    void halfAPushoverIsAProblemAndAKeyNotPushoversIsNamedNeverEchoed() {
        assertThat(ChannelRegistry.problems(Settings.of(Map.of(Pushover.USER_KEY, USER))))
                .containsExactly("Pushover needs both PUSHOVER_USER_KEY and PUSHOVER_APP_TOKEN");
        Map<String, String> env =
                new HashMap<>(Map.of(Pushover.USER_KEY, "uSecret-with-dash", Pushover.APP_TOKEN, APP));
        assertThat(ChannelRegistry.problems(Settings.of(env)))
                .containsExactly("PUSHOVER_USER_KEY is not a Pushover key (30 letters and digits)");
        env.put(Pushover.BASE_URL, "ftp://127.0.0.1:1");
        assertThat(ChannelRegistry.problems(Settings.of(Map.of(Pushover.BASE_URL, "ftp://127.0.0.1:1"))))
                .as("a test server's URL is checked whether Pushover is set or not")
                .containsExactly("PUSHOVER_BASE_URL='ftp://127.0.0.1:1' is not an absolute http(s) URL");
    }
}
