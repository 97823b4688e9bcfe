package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.TopicInbox;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
@SuppressWarnings("unchecked")
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

        List<Message> received = everything.drainWithoutBatches(quiet);
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

        assertThat(email.drainWithoutBatches(quiet))
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
        assertThat(everything.drainWithoutBatches(quiet)).hasSize(messages.size());
    }

    @Test
    void aMessageSnsRefusesIsRefusedForGoodNotEvenPublishedOnItsOwnWhileTheOthersAreAccepted() {
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
            assertThat(p.error()).startsWith("its batch for the channels: ").contains("InvalidParameter");
        });
        assertThat(published.get(1).isAccepted()).isTrue();
        assertThat(everything.drain(quiet))
                .as("the other alert's batch and the alert, never the refused one alone")
                .hasSize(2);
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

    @Test
    void withADashboardEachBodyThatSnsDeliversLinksToTheEventsPage(LocalAws aws) throws Exception {
        TopicInbox.Subscriber everything = topic.subscribe("all-" + UUID.randomUUID());
        String page = "https://d123.cloudfront.net/events/2026-02-05.price_below_production_cost.1.html";
        AlertMessage alert = AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title("BTC below cost")
                .severity(Severity.CRITICAL)
                .build());
        Notifier linked = Notifier.linkedTo(
                URI.create("https://d123.cloudfront.net/"), new SnsNotifier(() -> sns, topic.topicArn()));

        assertThat(linked.publish(List.of(alert)))
                .singleElement()
                .satisfies(p -> assertThat(p.isAccepted()).isTrue());

        assertThat(everything.drainWithoutBatches(quiet))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).isEqualTo(alert.defaultBody() + "; on the dashboard: " + page));
        // moto_server keeps each message a topic took, whole: the email and SMS bodies no queue can receive.
        assumeTrue(aws.description().contains("moto"), "only moto_server shows what an email subscriber gets");
        Map<String, Object> published = Json.parseObject(publishedTo(aws, topic.topicArn()));
        assertThat(published.get("email")).isEqualTo(alert.email() + "\n\nOn the dashboard: " + page);
        assertThat(published.get("sms")).isEqualTo(alert.sms() + " " + page);
    }

    @Test
    void theAlertsOfOnePublishGoFirstTogetherAsOneBatchForTheChannelsWhichNoSeverityFilterPasses() throws Exception {
        TopicInbox.Subscriber everything = topic.subscribe("all-" + UUID.randomUUID());
        TopicInbox.Subscriber sms =
                topic.subscribe("sms-" + UUID.randomUUID(), "{\"severity\":[\"critical\",\"warning\"]}");
        AlertMessage critical = message("critical", "critical sms");
        AlertMessage warning = new AlertMessage(
                "minerwatch ALERT [warning]",
                "default body warning",
                "email body",
                "warning sms",
                Map.of(
                        "rule",
                        "etf_daily_outflow",
                        "severity",
                        "warning",
                        "event",
                        "FIRED",
                        "event_id",
                        "2026-02-05#etf#1"));

        assertThat(new SnsNotifier(() -> sns, topic.topicArn()).publish(List.of(critical, warning)))
                .allMatch(Notifier.Publication::isAccepted);

        List<Message> received = everything.drain(quiet);
        List<Message> batches = received.stream()
                .filter(m -> m.messageAttributes().containsKey("kind"))
                .toList();
        assertThat(batches).singleElement().satisfies(batch -> {
            assertThat(batch.messageAttributes().get("kind").stringValue()).isEqualTo("batch");
            assertThat(batch.messageAttributes()).doesNotContainKey("severity");
        });
        assertThat(received).hasSize(3);
        assertThat(sms.drain(quiet))
                .extracting(Message::body)
                .containsExactlyInAnyOrder("default body critical", "default body warning");
    }

    /** The newest message moto_server's topic took, as published: its {@code MessageStructure=json} document. */
    private static String publishedTo(LocalAws aws, String topicArn) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String data = http.send(
                            HttpRequest.newBuilder(aws.endpoint().resolve("/moto-api/data.json"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Map<String, Object> sns =
                    (Map<String, Object>) Json.parseObject(data).get("sns");
            for (Object topic : (List<Object>) sns.get("Topic")) {
                Map<String, Object> one = (Map<String, Object>) topic;
                if (topicArn.equals(one.get("arn"))) {
                    List<Object> sent = (List<Object>) one.get("sent_notifications");
                    return (String) ((List<Object>) sent.get(sent.size() - 1)).get(1);
                }
            }
            throw new AssertionError("moto_server has no topic " + topicArn);
        }
    }
}
