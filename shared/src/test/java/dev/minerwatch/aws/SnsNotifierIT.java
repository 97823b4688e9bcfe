package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.TopicInbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(LocalAwsExtension.class)
class SnsNotifierIT {

    /** How long a queue stays empty before the topic is taken to have delivered everything. */
    private Duration quiet;

    private SnsClient sns;
    private TopicInbox topic;

    @BeforeEach
    void topicWithSubscribers(LocalAws aws) {
        quiet = aws.deliveryQuiet();
        Settings settings = Settings.of(aws.environment());
        sns = AwsClients.sns(settings);
        SqsClient sqs =
                AwsClients.configure(SqsClient.builder(), settings, "sqs").build();
        topic = TopicInbox.create(sns, sqs, "alerts-" + UUID.randomUUID());
    }

    private static AlertMessage message(String severity, String sms) {
        return new AlertMessage(
                "minerwatch ALERT [" + severity + "]",
                "default body " + severity,
                "email body",
                sms,
                Map.of(
                        "rule",
                        "price_below_production_cost",
                        "severity",
                        severity,
                        "event",
                        "FIRED",
                        "event_id",
                        "2026-02-05#rule#1"));
    }

    @Test
    void publishesTheDefaultBodyWithFilterableAttributes() throws Exception {
        TopicInbox.Subscriber everything = topic.subscribe("all-" + UUID.randomUUID());

        List<Notifier.Publication> published =
                new SnsNotifier(() -> sns, topic.topicArn()).publish(List.of(message("critical", "sms body")));

        List<Message> received = everything.drain(quiet);
        assertThat(published).singleElement().satisfies(p -> {
            assertThat(p.isAccepted()).isTrue();
            assertThat(p.messageId()).isNotBlank();
        });
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).isEqualTo("default body critical");
        assertThat(received.get(0).messageAttributes().get("rule").stringValue())
                .isEqualTo("price_below_production_cost");
        assertThat(received.get(0).messageAttributes().get("severity").stringValue())
                .isEqualTo("critical");
        assertThat(received.get(0).messageAttributes().get("event_id").stringValue())
                .isEqualTo("2026-02-05#rule#1");
    }

    @Test
    void aSubscriptionFilteredOnCriticalSeverityReceivesOnlyCriticalAlerts() throws Exception {
        TopicInbox.Subscriber email = topic.subscribe("email-" + UUID.randomUUID());
        TopicInbox.Subscriber sms = topic.subscribe("sms-" + UUID.randomUUID(), "{\"severity\":[\"critical\"]}");
        SnsNotifier notifier = new SnsNotifier(() -> sns, topic.topicArn());

        notifier.publish(List.of(message("critical", "critical sms"), message("warning", "warning sms")));

        assertThat(email.drain(quiet))
                .extracting(Message::body)
                .containsExactlyInAnyOrder("default body critical", "default body warning");
        assertThat(sms.drain(quiet)).extracting(Message::body).containsExactly("default body critical");
    }

    @Test
    void moreMessagesThanOneBatchHoldsAreAllPublishedInOrder() throws Exception {
        TopicInbox.Subscriber everything = topic.subscribe("all-" + UUID.randomUUID());
        List<AlertMessage> messages = IntStream.range(0, SnsNotifier.MAX_BATCH_ENTRIES + 2)
                .mapToObj(i -> message("warning", "sms " + i))
                .toList();

        List<Notifier.Publication> published = new SnsNotifier(() -> sns, topic.topicArn()).publish(messages);

        assertThat(published).hasSize(messages.size()).allMatch(Notifier.Publication::isAccepted);
        assertThat(published).extracting(Notifier.Publication::messageId).doesNotHaveDuplicates();
        assertThat(everything.drain(quiet)).hasSize(messages.size());
    }

    @Test
    void aMessageSnsRefusesIsRefusedForGoodWhileTheOthersOfItsBatchAreAccepted() {
        TopicInbox.Subscriber everything = topic.subscribe("all-" + UUID.randomUUID());
        AlertMessage ok = message("warning", "sms");
        AlertMessage tooLong = new AlertMessage(
                "minerwatch ALERT [warning]", "default body", "x".repeat(300_000), "sms", ok.attributes());

        List<Notifier.Publication> published =
                new SnsNotifier(() -> sns, topic.topicArn()).publish(List.of(tooLong, ok));

        assertThat(published.get(0)).satisfies(p -> {
            assertThat(p.isAccepted()).isFalse();
            assertThat(p.permanent())
                    .as("the message itself is at fault: sent again, it would be refused again")
                    .isTrue();
            assertThat(p.error()).contains("InvalidParameter");
        });
        assertThat(published.get(1).isAccepted()).isTrue();
        assertThat(everything.drain(quiet)).hasSize(1);
    }

    @Test
    void aPublishToAMissingTopicIsRejectedWithTheTopicInTheError() {
        String missing = topic.topicArn() + "-missing";

        List<Notifier.Publication> published = new SnsNotifier(() -> sns, missing)
                .publish(List.of(message("critical", "sms"), message("warning", "sms")));

        assertThat(published).hasSize(2).allSatisfy(p -> {
            assertThat(p.isAccepted()).isFalse();
            assertThat(p.error()).contains(missing);
            assertThat(p.permanent())
                    .as("no fault of the message: a later run may get through")
                    .isFalse();
        });
    }
}
