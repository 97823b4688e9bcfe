package dev.minerwatch.alerts.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.SubscriptionPolicies;
import dev.minerwatch.testkit.TopicInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The daily digest on DynamoDB and SNS emulators: once per day whatever the retries, to email and not to SMS. */
@ExtendWith(LocalAwsExtension.class)
class DigestPublisherIT {

    /** How long a queue stays empty before the topic is taken to have delivered everything. */
    private Duration quiet;

    private static final Instant FEB_5_MORNING = Instant.parse("2026-02-05T07:00:00Z");
    /** The filter policies of template.yaml's defaults (EmailSeverities with the digest, SmsSeverities). */
    static final String EMAIL_POLICY = SubscriptionPolicies.EMAIL;

    static final String SMS_POLICY = "{\"severity\": [\"critical\"]}";

    private PointStore points;
    private RuleLedger ledger;
    private ChannelReceipts receipts;
    private SnsClient sns;
    private TopicInbox topic;
    private TopicInbox.Subscriber email;
    private TopicInbox.Subscriber sms;

    @BeforeEach
    void stack(LocalAws aws) {
        quiet = aws.deliveryQuiet();
        Settings settings = TestTables.freshTable(aws, Map.of());
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        DynamoDbStorage storage = new DynamoDbStorage(dynamoDb, settings.tableName(), "on the emulator");
        points = storage.points();
        ledger = storage.ledger();
        receipts = storage.receipts();
        sns = AwsClients.sns(settings);
        topic = TopicInbox.create(
                sns, AwsClients.configure(SqsClient.builder(), settings, "sqs").build(), "alerts-" + UUID.randomUUID());
        email = topic.subscribe("email-" + UUID.randomUUID(), EMAIL_POLICY);
        sms = topic.subscribe("sms-" + UUID.randomUUID(), SMS_POLICY);
        points.record(
                new Observation(SeriesId.BTC_USD, 69_280, Instant.parse("2026-02-05T06:55:00Z"), List.of("coingecko")),
                "collector-run");
    }

    private DigestPublisher publisher(Notifier notifier, Instant now, ZoneId zone) {
        return new DigestPublisher(
                points,
                ledger,
                notifier,
                RuleSet.defaults(),
                Optional.empty(),
                deadline -> Retarget.unavailable("not asked in this test"),
                zone,
                Clock.fixed(now, ZoneOffset.UTC),
                receipts::held);
    }

    private DigestPublisher.Report publish(String executionId, Instant at) {
        return publisher(AwsClients.snsNotifier(() -> sns, topic.topicArn()), at, ZoneOffset.UTC)
                .publish(new ScheduledInvocation(at, executionId), Deadline.in(Duration.ofSeconds(5)));
    }

    @Test
    void theDigestListsPerChannelTheAlertsItsDailyCapHeldTheUtcDayBefore() {
        LocalDate feb4 = LocalDate.parse("2026-02-04");
        Instant evening = Instant.parse("2026-02-04T20:00:00Z");
        ChannelReceipts.Cap slackCap = new ChannelReceipts.Cap(feb4, 1, "BTC price below production cost", "FIRED");
        receipts.claim("e1", "slack", "a", evening, ChannelReceipts.CLAIM, slackCap);
        receipts.claim("e2", "slack", "a", evening, ChannelReceipts.CLAIM, slackCap);
        receipts.claim(
                "e3",
                "slack",
                "a",
                evening,
                ChannelReceipts.CLAIM,
                new ChannelReceipts.Cap(feb4, 1, "ETF daily outflow", "FIRED"));
        ChannelReceipts.Cap discordCap = new ChannelReceipts.Cap(feb4, 1, "x", "FIRED");
        receipts.claim("d0", "discord", "a", evening, ChannelReceipts.CLAIM, discordCap);
        receipts.claim("e1", "discord", "a", evening, ChannelReceipts.CLAIM, discordCap);
        ChannelReceipts.Cap todays = new ChannelReceipts.Cap(LocalDate.parse("2026-02-05"), 1, "today's", "FIRED");
        receipts.claim("e8", "slack", "a", FEB_5_MORNING, ChannelReceipts.CLAIM, todays);
        receipts.claim("e9", "slack", "a", FEB_5_MORNING, ChannelReceipts.CLAIM, todays);

        DigestPublisher publisher = publisher(messages -> List.of(), FEB_5_MORNING, ZoneOffset.UTC);
        String digest = publisher.preview(FEB_5_MORNING, Deadline.in(Duration.ofSeconds(5)));

        assertThat(digest).endsWith("""

                        Held by the channels' daily caps on 2026-02-04 (UTC):
                          discord (1):
                            x (FIRED, 2026-02-04)
                          slack (2):
                            BTC price below production cost (FIRED, 2026-02-04)
                            ETF daily outflow (FIRED, 2026-02-04)""").doesNotContain("today's");
    }

    @Test
    void theDigestGoesOutOncePerDayWhateverTheRetriesAndAgainTheNextDay() {
        DigestPublisher.Report first = publish("exec-1", FEB_5_MORNING);
        DigestPublisher.Report retry = publish("exec-1", FEB_5_MORNING);
        DigestPublisher.Report later = publish("exec-2", FEB_5_MORNING.plus(Duration.ofHours(5)));
        DigestPublisher.Report nextDay = publish("exec-3", FEB_5_MORNING.plus(Duration.ofDays(1)));

        assertThat(first.recorded()).isEqualTo("2026-02-05#digest:daily#1");
        assertThat(first.delivered()).containsExactly("2026-02-05#digest:daily#1");
        assertThat(retry.recorded()).isNull();
        assertThat(retry.delivered()).isEmpty();
        assertThat(retry.skipped())
                .containsExactly("the digest of 2026-02-05 was recorded already (the newest: 2026-02-05)");
        assertThat(later.recorded()).isNull();
        assertThat(nextDay.recorded()).isEqualTo("2026-02-06#digest:daily#2");
        List<Message> received = email.drainWithoutBatches(quiet);
        assertThat(received).hasSize(2);
        assertThat(received.get(0).body())
                .contains("minerwatch digest for 2026-02-05")
                .contains("BTC $69,280");
        assertThat(received.get(0).messageAttributes().get("kind").stringValue())
                .isEqualTo("digest");
        assertThat(received.get(0).messageAttributes()).doesNotContainKey("severity");
        assertThat(sms.drainWithoutBatches(quiet)).isEmpty();
        assertThat(ledger.history(10))
                .extracting(e -> e.event().kind() + " " + e.event().day() + " " + e.status())
                .containsExactly("DIGEST 2026-02-06 SENT", "DIGEST 2026-02-05 SENT");
    }

    @Test
    void twoConcurrentRunsRecordOneDigestAndDeliverItOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<DigestPublisher.Report>> runs = List.of("exec-a", "exec-b").stream()
                .map(id -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return publish(id, FEB_5_MORNING);
                }))
                .toList();

        List<String> recorded = new ArrayList<>();
        int delivered = 0;
        for (CompletableFuture<DigestPublisher.Report> run : runs) {
            if (run.get().recorded() != null) {
                recorded.add(run.get().recorded());
            }
            delivered += run.get().delivered().size();
        }
        assertThat(recorded).containsExactly("2026-02-05#digest:daily#1");
        assertThat(delivered).isEqualTo(1);
        assertThat(email.drainWithoutBatches(quiet)).hasSize(1);
    }

    @Test
    void aFailedPublishStaysQueuedAndTheNextRunDeliversItOnce() {
        Notifier brokenTopic = AwsClients.snsNotifier(() -> sns, topic.topicArn() + "-deleted");

        DigestPublisher.Report failed = publisher(brokenTopic, FEB_5_MORNING, ZoneOffset.UTC)
                .publish(new ScheduledInvocation(FEB_5_MORNING, "exec-1"), Deadline.in(Duration.ofSeconds(5)));
        DigestPublisher.Report next = publish("exec-2", FEB_5_MORNING.plus(Duration.ofMinutes(3)));
        DigestPublisher.Report after = publish("exec-3", FEB_5_MORNING.plus(Duration.ofMinutes(6)));

        assertThat(failed.recorded()).isEqualTo("2026-02-05#digest:daily#1");
        assertThat(failed.deliveryFailures()).singleElement().asString().contains("2026-02-05#digest:daily#1");
        assertThat(next.recorded()).isNull();
        assertThat(next.delivered()).containsExactly("2026-02-05#digest:daily#1");
        assertThat(after.delivered()).isEmpty();
        assertThat(ledger.load().pending()).isEmpty();
        assertThat(email.drainWithoutBatches(quiet)).hasSize(1);
    }

    @Test
    void theDayIsCountedInTheConfiguredTimeZone() {
        Instant lateEvening = Instant.parse("2026-02-05T23:30:00Z");

        DigestPublisher.Report tokyo = publisher(
                        AwsClients.snsNotifier(() -> sns, topic.topicArn()), lateEvening, ZoneId.of("Asia/Tokyo"))
                .publish(new ScheduledInvocation(lateEvening, "exec-1"), Deadline.in(Duration.ofSeconds(5)));

        assertThat(tokyo.day()).isEqualTo("2026-02-06");
        assertThat(tokyo.recorded()).isEqualTo("2026-02-06#digest:daily#1");
        assertThat(ledger.load().states().get(DigestPublisher.STATE_KEY).lastEventDay())
                .isEqualTo("2026-02-06");
        assertThat(ledger.history(1).get(0).event().kind()).isEqualTo(EventKind.DIGEST);
    }
}
