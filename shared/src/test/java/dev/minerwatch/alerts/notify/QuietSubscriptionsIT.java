package dev.minerwatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The email and SMS subscriptions' own quiet hours, clock-driven, on the emulator: the topic with the template's two
 * filter policies, the deferred alerts and the release's receipts in DynamoDB. Berlin is UTC+1 in February.
 */
@ExtendWith(LocalAwsExtension.class)
class QuietSubscriptionsIT {

    private final LocalAws aws;
    private ChannelReceipts receipts;
    private SnsClient sns;
    private TopicInbox topic;
    private TopicInbox.Subscriber email;
    private TopicInbox.Subscriber sms;

    QuietSubscriptionsIT(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void start() {
        receipts = TestTables.freshStorage(aws).receipts();
        Settings settings = Settings.of(aws.environment());
        sns = AwsClients.sns(settings);
        SqsClient sqs =
                AwsClients.configure(SqsClient.builder(), settings, "sqs").build();
        topic = TopicInbox.create(sns, sqs, "alerts-" + UUID.randomUUID());
        email = topic.subscribe("email-" + UUID.randomUUID(), SubscriptionPolicies.EMAIL);
        sms = topic.subscribe("sms-" + UUID.randomUUID(), SubscriptionPolicies.SMS);
    }

    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime)
                .atZone(ZoneId.of("Europe/Berlin"))
                .toInstant();
    }

    /** The topic at {@code now}, with the subscriptions' quiet hours {@code env} gives. */
    private Notifier at(Instant now, Map<String, String> env) {
        return Notifier.withQuietSubscriptions(
                AwsClients.snsNotifier(() -> sns, topic.topicArn()),
                name -> Optional.ofNullable(env.get(name)),
                receipts,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static AlertMessage alert(Severity severity, EventKind kind, long version) {
        return AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title("BTC price below production cost")
                .severity(severity)
                .kind(kind)
                .version(version)
                .build());
    }

    private static List<String> events(List<Message> messages) {
        return messages.stream()
                .map(m -> m.messageAttributes().get("event").stringValue())
                .toList();
    }

    @Test
    void aCriticalAlertAt0210ReachesEmailAtOnceAndAnSmsHoldingCriticalAt0700AsOneMessageOnce() {
        Map<String, String> env =
                Map.of("SMS_QUIET_HOURS", "22:00-07:00 Europe/Berlin", "SMS_QUIET_HOURS_CRITICAL", "hold");
        AlertMessage critical = alert(Severity.CRITICAL, EventKind.FIRED, 1);

        assertThat(at(berlin("2026-02-06T02:10:00"), env).publish(List.of(critical)))
                .allMatch(Notifier.Publication::isAccepted);

        assertThat(events(email.drainWithoutBatches(aws.deliveryQuiet()))).containsExactly("FIRED");
        assertThat(sms.drain(aws.deliveryQuiet())).as("SMS is quiet at 02:10").isEmpty();
        assertThat(at(berlin("2026-02-06T06:59:00"), env).releaseQuietHours()).isEmpty();

        List<String> released = at(berlin("2026-02-06T07:00:00"), env).releaseQuietHours();

        assertThat(released).singleElement().asString().contains("to sms: ok");
        assertThat(sms.drain(aws.deliveryQuiet())).singleElement().satisfies(m -> {
            assertThat(m.messageAttributes().get("kind").stringValue()).isEqualTo("quiet_release");
            assertThat(m.messageAttributes().get("event_id").stringValue())
                    .isEqualTo(critical.attributes().get(AlertMessage.EVENT_ID));
            assertThat(m.body()).isEqualTo(critical.defaultBody());
        });
        assertThat(email.drain(aws.deliveryQuiet()))
                .as("email heard it at once, not again")
                .isEmpty();
        assertThat(at(berlin("2026-02-06T07:15:00"), env).releaseQuietHours()).isEmpty();
        assertThat(sms.drain(aws.deliveryQuiet())).isEmpty();
    }

    @Test
    void aRetryAfterTheWindowOfAnAlertHeldInItIsLeftToItsReleaseAndGoesOutOnce() {
        Map<String, String> env =
                Map.of("SMS_QUIET_HOURS", "22:00-07:00 Europe/Berlin", "SMS_QUIET_HOURS_CRITICAL", "hold");
        AlertMessage critical = alert(Severity.CRITICAL, EventKind.FIRED, 1);
        at(berlin("2026-02-06T06:55:00"), env).publish(List.of(critical));

        // The outbox publishes it again after the window (its first publish was not recorded), then releases.
        at(berlin("2026-02-06T07:05:00"), env).publish(List.of(critical));
        at(berlin("2026-02-06T07:05:00"), env).releaseQuietHours();

        assertThat(sms.drain(aws.deliveryQuiet()))
                .as("once, by its release")
                .singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("kind").stringValue())
                        .isEqualTo("quiet_release"));
    }

    @Test
    void aWarningHeldForSmsIsNeverReleasedToSubscribersThatHearOnlyCriticalAlerts() {
        Map<String, String> env = Map.of("SMS_QUIET_HOURS", "22:00-07:00 Europe/Berlin");

        at(berlin("2026-02-05T23:00:00"), env).publish(List.of(alert(Severity.WARNING, EventKind.FIRED, 1)));
        at(berlin("2026-02-06T07:05:00"), env).releaseQuietHours();

        assertThat(sms.drain(aws.deliveryQuiet())).isEmpty();
        assertThat(events(email.drainWithoutBatches(aws.deliveryQuiet()))).containsExactly("FIRED");
    }

    @Test
    void aWarningThatFiresAndResolvesInsideEmailsQuietHoursReachesEmailAfterwardsEachOnceByItsOwnFilter() {
        Map<String, String> env = Map.of("EMAIL_QUIET_HOURS", "22:00-07:00 Europe/Berlin");

        at(berlin("2026-02-05T23:30:00"), env).publish(List.of(alert(Severity.WARNING, EventKind.FIRED, 1)));
        at(berlin("2026-02-06T04:00:00"), env).publish(List.of(alert(Severity.WARNING, EventKind.RESOLVED, 2)));
        assertThat(email.drainWithoutBatches(aws.deliveryQuiet())).isEmpty();

        at(berlin("2026-02-06T07:05:00"), env).releaseQuietHours();

        assertThat(events(email.drain(aws.deliveryQuiet())))
                .as("each alert on its own, as SNS always sends them, judged by each subscriber's filter")
                .containsExactlyInAnyOrder("FIRED", "RESOLVED");
        at(berlin("2026-02-06T07:20:00"), env).releaseQuietHours();
        assertThat(email.drain(aws.deliveryQuiet())).isEmpty();
        assertThat(sms.drain(aws.deliveryQuiet()))
                .as("SMS hears no warning, quiet or not")
                .isEmpty();
    }

    @Test
    void withoutQuietHoursTheTopicIsItselfAndAMistakeNamesItsVariable() {
        Notifier topic = AwsClients.snsNotifier(() -> sns, this.topic.topicArn());

        assertThat(Notifier.withQuietSubscriptions(topic, name -> Optional.empty(), receipts, Clock.systemUTC()))
                .isSameAs(topic);
        assertThat(Notifier.subscriptionProblems(name ->
                        Optional.ofNullable(Map.of("SMS_QUIET_HOURS", "late").get(name))))
                .singleElement()
                .asString()
                .startsWith("SMS_QUIET_HOURS is 'late'");
    }
}
