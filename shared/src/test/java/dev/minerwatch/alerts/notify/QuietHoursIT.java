package dev.minerwatch.alerts.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.minerwatch.TestTables;
import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.slack.Slack;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.SubscriptionPolicies;
import dev.minerwatch.testkit.TopicInbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Quiet hours, clock-driven, on the emulators: SNS and an SMS subscription's queue, the channel receipts and deferred
 * alerts in DynamoDB, a real HTTP server standing in for Slack. Slack is quiet 22:00-07:00 in Berlin (UTC+1 in
 * February); each step runs at the instant it names.
 */
@ExtendWith(LocalAwsExtension.class)
class QuietHoursIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final LocalAws aws;
    private WireMockServer slack;
    private ChannelReceipts receipts;
    private SnsClient sns;
    private TopicInbox topic;
    private TopicInbox.Subscriber sms;

    QuietHoursIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void start() {
        slack = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slack.start();
        slack.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        receipts = TestTables.freshStorage(aws).receipts();
        Settings settings = Settings.of(aws.environment());
        sns = AwsClients.sns(settings);
        SqsClient sqs =
                AwsClients.configure(SqsClient.builder(), settings, "sqs").build();
        topic = TopicInbox.create(sns, sqs, "alerts-" + UUID.randomUUID());
        sms = topic.subscribe("sms-" + UUID.randomUUID(), SubscriptionPolicies.SMS);
    }

    @AfterEach
    void stop() {
        slack.stop();
    }

    private static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    /** The fan-out at {@code now}: SNS as the primary, Slack beside it (the local path; the forwarder's in AWS). */
    private FanOutNotifier at(Instant now, String critical, List<String> warnings) {
        Map<String, String> env = new HashMap<>();
        env.put(Slack.WEBHOOK_URL, "http://127.0.0.1:" + slack.port() + "/slack");
        env.put("SLACK_QUIET_HOURS", "22:00-07:00 Europe/Berlin");
        env.put("SLACK_QUIET_HOURS_CRITICAL", critical);
        ChannelForwarder forwarder = new ChannelForwarder(
                ChannelRegistry.configured(Settings.of(env)), receipts, Clock.fixed(now, ZoneOffset.UTC));
        return new FanOutNotifier(AwsClients.snsNotifier(() -> sns, topic.topicArn()), forwarder, warnings::add);
    }

    private static AlertMessage alert(String rule, Severity severity, EventKind kind, long version, Instant at) {
        return AlertMessage.of(AlertEvents.of(rule)
                .title(rule.equals("price_below_production_cost") ? "BTC price below production cost" : "ETF outflow")
                .severity(severity)
                .kind(kind)
                .version(version)
                .recordedAt(at)
                .build());
    }

    /** What one evaluation at {@code now} does with its alerts: publishes them, then the channels get them. */
    private void deliver(Instant now, String critical, List<AlertMessage> alerts, List<String> warnings) {
        FanOutNotifier fanOut = at(now, critical, warnings);
        assertThat(fanOut.publish(alerts)).allMatch(Notifier.Publication::isAccepted);
        fanOut.recordedSent(alerts);
    }

    private List<String> slackTexts() {
        return slack.findAll(postRequestedFor(urlPathEqualTo("/slack"))).stream()
                .map(r -> {
                    try {
                        return Json.parseObject(r.getBodyAsString()).get("text").toString();
                    } catch (java.io.IOException e) {
                        throw new AssertionError("Slack got no JSON: " + r.getBodyAsString(), e);
                    }
                })
                .toList();
    }

    @Test
    void aCriticalAlertAt0210ReachesSmsAtOnceAndSlackHoldingCriticalAt0700EachExactlyOnce() {
        List<String> warnings = new ArrayList<>();
        AlertMessage critical = alert(
                "price_below_production_cost", Severity.CRITICAL, EventKind.FIRED, 1, berlin("2026-02-06T02:10:00"));

        deliver(berlin("2026-02-06T02:10:00"), "hold", List.of(critical), warnings);

        List<Message> texted = sms.drainWithoutBatches(aws.deliveryQuiet());
        assertThat(texted)
                .singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("event_id").stringValue())
                        .isEqualTo(critical.attributes().get(AlertMessage.EVENT_ID)));
        assertThat(slackTexts()).as("Slack is quiet at 02:10").isEmpty();
        assertThat(receipts.deferred()).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo("slack");
            assertThat(d.due()).isEqualTo(berlin("2026-02-06T07:00:00"));
        });

        // The same batch again (SNS delivers twice, a Lambda retry): nothing more is held or sent.
        at(berlin("2026-02-06T02:11:00"), "hold", warnings).recordedSent(List.of(critical));
        assertThat(receipts.deferred()).hasSize(1);
        assertThat(at(berlin("2026-02-06T06:59:00"), "hold", warnings).releaseQuietHours())
                .as("before the window ends")
                .isEmpty();

        List<String> released =
                at(berlin("2026-02-06T07:00:00"), "hold", warnings).releaseQuietHours();

        assertThat(released).singleElement().asString().contains("to slack: ok");
        assertThat(slackTexts())
                .singleElement()
                .asString()
                .contains("while quiet, 1 fired (22:00-07:00 Europe/Berlin)")
                .contains("- Fired: BTC price below production cost [critical]")
                .contains(critical.email().substring(0, 40));
        assertThat(receipts.deferred()).isEmpty();
        assertThat(receipts.channelsThatTook(critical.attributes().get(AlertMessage.EVENT_ID)))
                .containsExactly("slack");

        // Later runs and a retried delivery post nothing again.
        assertThat(at(berlin("2026-02-06T07:15:00"), "hold", warnings).releaseQuietHours())
                .isEmpty();
        at(berlin("2026-02-06T07:16:00"), "hold", warnings).recordedSent(List.of(critical));
        assertThat(slackTexts()).hasSize(1);
        assertThat(sms.drainWithoutBatches(aws.deliveryQuiet())).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void aCriticalAlertBreaksThroughQuietHoursThatDoNotHoldCritical() {
        List<String> warnings = new ArrayList<>();
        AlertMessage critical = alert(
                "price_below_production_cost", Severity.CRITICAL, EventKind.FIRED, 1, berlin("2026-02-06T02:10:00"));

        deliver(berlin("2026-02-06T02:10:00"), "send", List.of(critical), warnings);

        assertThat(slackTexts()).singleElement().asString().contains("BTC price below production cost");
        assertThat(receipts.deferred()).isEmpty();
    }

    @Test
    void aWarningThatFiresAndResolvesInsideTheWindowIsOneMorningMessageNamingItOnceAsBoth() {
        List<String> warnings = new ArrayList<>();
        AlertMessage fired =
                alert("etf_daily_outflow", Severity.WARNING, EventKind.FIRED, 1, berlin("2026-02-05T23:30:00"));
        AlertMessage resolved =
                alert("etf_daily_outflow", Severity.WARNING, EventKind.RESOLVED, 2, berlin("2026-02-06T04:00:00"));

        deliver(berlin("2026-02-05T23:30:00"), "send", List.of(fired), warnings);
        deliver(berlin("2026-02-06T04:00:00"), "send", List.of(resolved), warnings);
        assertThat(slackTexts()).isEmpty();

        at(berlin("2026-02-06T07:05:00"), "send", warnings).releaseQuietHours();

        assertThat(slackTexts())
                .singleElement()
                .asString()
                .contains("while quiet, 1 fired, 1 resolved")
                .contains("- Fired and resolved: ETF outflow [warning]")
                .contains("Nothing of it still holds.")
                .doesNotContain("- Fired: ", "- Resolved: ");
        assertThat(receipts.channelsThatTook(fired.attributes().get(AlertMessage.EVENT_ID)))
                .containsExactly("slack");
        assertThat(receipts.channelsThatTook(resolved.attributes().get(AlertMessage.EVENT_ID)))
                .containsExactly("slack");
        assertThat(warnings).isEmpty();
    }

    @Test
    void aReleaseWhoseSlackPostFailsKeepsTheAlertsForTheNextRun() {
        List<String> warnings = new ArrayList<>();
        AlertMessage fired =
                alert("etf_daily_outflow", Severity.WARNING, EventKind.FIRED, 1, berlin("2026-02-05T23:30:00"));
        deliver(berlin("2026-02-05T23:30:00"), "send", List.of(fired), warnings);
        slack.stubFor(post(urlPathEqualTo("/slack")).willReturn(aResponse().withStatus(404)));

        at(berlin("2026-02-06T07:05:00"), "send", warnings).releaseQuietHours();

        assertThat(warnings)
                .singleElement()
                .asString()
                .contains("after its quiet hours")
                .contains("HTTP 404");
        assertThat(receipts.deferred()).hasSize(1);
        slack.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        at(berlin("2026-02-06T07:20:00"), "send", warnings).releaseQuietHours();
        assertThat(receipts.deferred()).isEmpty();
        assertThat(slack.findAll(postRequestedFor(urlPathEqualTo("/slack")))).hasSize(2);
    }
}
