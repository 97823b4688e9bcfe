package dev.minerwatch.alerts.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.minerwatch.TestTables;
import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.slack.Slack;
import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A channel's daily cap ({@code SLACK_MAX_PER_DAY}) against a real HTTP server standing in for Slack and the channel
 * receipts in DynamoDB on the emulator: through the fan-out (the local path) and the forwarder (the AWS path).
 */
@ExtendWith(LocalAwsExtension.class)
class ChannelCapIT {

    private static final Instant NOON = Instant.parse("2026-02-05T12:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-02-05");

    private final LocalAws aws;
    private WireMockServer server;
    private ChannelReceipts receipts;

    ChannelCapIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        receipts = TestTables.freshStorage(aws).receipts();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private ChannelForwarder forwarder(Instant now) {
        return forwarder(now, 10);
    }

    private ChannelForwarder forwarder(Instant now, int max) {
        Settings settings = Settings.of(Map.of(
                Slack.WEBHOOK_URL,
                "http://127.0.0.1:" + server.port() + "/slack",
                "SLACK_MAX_PER_DAY",
                String.valueOf(max)));
        return new ChannelForwarder(ChannelRegistry.configured(settings), receipts, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<AlertMessage> alerts(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> AlertMessage.of(AlertEvents.of("price_below_production_cost")
                        .title("BTC price below production cost")
                        .version(i)
                        .build()))
                .toList();
    }

    private List<LoggedRequest> posts() {
        return server.findAll(postRequestedFor(urlPathEqualTo("/slack")));
    }

    @Test
    void twelveEventsAgainstACapOfTenMakeTenMessagesAndOneSummaryAndARetriedDeliveryDuplicatesNothing() {
        List<String> warnings = new ArrayList<>();
        FanOutNotifier fanOut = new FanOutNotifier(messages -> List.of(), forwarder(NOON), warnings::add);
        List<AlertMessage> twelve = alerts(12);

        // Twelve evaluations, each with one alert.
        twelve.forEach(alert -> fanOut.recordedSent(List.of(alert)));

        assertThat(warnings).isEmpty();
        List<LoggedRequest> posts = posts();
        assertThat(posts).hasSize(11);
        assertThat(posts.subList(0, 10))
                .allSatisfy(p -> assertThat(p.getBodyAsString()).contains("BTC price below production cost"));
        assertThat(posts.get(10).getBodyAsString())
                .contains("minerwatch: 1 more alert held today for this channel (cap 10); they will be in the digest");
        assertThat(receipts.held(DAY))
                .extracting(ChannelReceipts.Held::eventId)
                .containsExactly(
                        twelve.get(10).attributes().get(AlertMessage.EVENT_ID),
                        twelve.get(11).attributes().get(AlertMessage.EVENT_ID));

        // The AWS path: the same messages delivered again (SNS delivers twice, Lambda retries) an hour later.
        ChannelForwarder again = forwarder(NOON.plus(Duration.ofHours(1)));
        List<String> results = twelve.stream()
                .map(m -> again.forward(m).get(0))
                .peek(o -> assertThat(o.failed()).isFalse())
                .map(ChannelForwarder.Outcome::result)
                .toList();
        assertThat(results.subList(0, 10)).containsOnly("took it already (a retried delivery)");
        assertThat(results.subList(10, 12)).allSatisfy(r -> assertThat(r).startsWith("held by its daily cap"));
        assertThat(posts()).as("nothing posted twice, no second summary").hasSize(11);
        assertThat(receipts.held(DAY)).hasSize(2);
    }

    @Test
    void twelveAlertsOfOneDeliveryAgainstACapOfTenMakeOneMessageOfTenAndThenOneSummaryOfTheTwoHeld() {
        List<String> warnings = new ArrayList<>();
        List<AlertMessage> twelve = alerts(12);

        new FanOutNotifier(messages -> List.of(), forwarder(NOON), warnings::add).recordedSent(twelve);

        assertThat(warnings).isEmpty();
        assertThat(posts()).hasSize(2);
        assertThat(posts().get(0).getBodyAsString()).contains("minerwatch: 10 alerts; most severe");
        assertThat(posts().get(1).getBodyAsString())
                .contains("minerwatch: 2 more alerts held today for this channel (cap 10)");
        assertThat(receipts.held(DAY)).hasSize(2);
    }

    @Test
    void theNextDayTheChannelPostsAgainAndTheDigestAndTestMessagesAreNeverHeld() {
        List<AlertMessage> twelve = alerts(12);
        ChannelForwarder today = forwarder(NOON);
        twelve.subList(0, 11).forEach(today::forward);
        assertThat(posts()).hasSize(11);

        assertThat(today.forward(AlertMessage.test(NOON, "test-1")).get(0).result())
                .startsWith("ok");
        assertThat(forwarder(NOON.plus(Duration.ofHours(12)))
                        .forward(twelve.get(11))
                        .get(0)
                        .result())
                .startsWith("ok");
        assertThat(posts()).hasSize(13);
        assertThat(receipts.held(DAY.plusDays(1))).isEmpty();
    }

    @Test
    void aPostThatFailedIsRetriedWithoutCountingTwice() {
        List<AlertMessage> three = alerts(3);
        server.stubFor(post(urlPathEqualTo("/slack")).willReturn(aResponse().withStatus(400)));
        assertThat(forwarder(NOON, 2).forward(three.get(0)).get(0).failed()).isTrue();

        server.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        ChannelForwarder retry = forwarder(NOON.plusSeconds(60), 2);
        assertThat(retry.forward(three.get(0)).get(0).result()).startsWith("ok");
        assertThat(retry.forward(three.get(1)).get(0).result())
                .as("the first alert counted once: the second is the cap's last")
                .startsWith("ok");
        assertThat(retry.forward(three.get(2)).get(0).result()).startsWith("held by its daily cap (2 on 2026-02-05)");
    }
}
