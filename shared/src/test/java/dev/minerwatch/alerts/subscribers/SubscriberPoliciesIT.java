package dev.minerwatch.alerts.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.TopicInbox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Each subscriber's filter policy on the emulator: queues subscribed with the policies {@code subscribe} writes get,
 * of a cycle's messages as minerwatch publishes them, exactly what each subscriber chose, which is what {@link
 * Subscriber#wants} says locally.
 */
@ExtendWith(LocalAwsExtension.class)
class SubscriberPoliciesIT {

    private static AlertMessage alert(String rule, Severity severity, EventKind kind) {
        return AlertMessage.of(
                AlertEvents.of(rule).severity(severity).kind(kind).build());
    }

    @Test
    void eachSubscribersPolicyLetsThroughExactlyWhatItChose(LocalAws aws) throws Exception {
        Settings settings = Settings.of(aws.environment());
        SnsClient sns = AwsClients.sns(settings);
        TopicInbox topic = TopicInbox.create(
                sns, AwsClients.configure(SqsClient.builder(), settings, "sqs").build(), "alerts-" + UUID.randomUUID());
        Map<Subscriber, TopicInbox.Subscriber> inboxes = new LinkedHashMap<>();
        for (Subscriber subscriber : List.of(
                Subscriber.email("alice@example.com", List.of("price_below_production_cost"), Severity.WARNING, null),
                Subscriber.sms("+41791234567", List.of(), null),
                Subscriber.email("bob@example.org", List.of("digest"), null, null),
                Subscriber.email(
                        "carol@example.net",
                        List.of("etf_daily_outflow", "hashprice_below_floor"),
                        Severity.INFO,
                        false))) {
            inboxes.put(subscriber, topic.subscribe("s-" + UUID.randomUUID(), Json.write(subscriber.filterPolicy())));
        }
        AlertMessage price = alert("price_below_production_cost", Severity.CRITICAL, EventKind.FIRED);
        List<AlertMessage> cycle = List.of(
                price,
                alert("etf_daily_outflow", Severity.WARNING, EventKind.FIRED),
                alert("hashprice_below_floor", Severity.WARNING, EventKind.RESOLVED),
                alert("price_drawdown_from_ath", Severity.INFO, EventKind.FIRED),
                AlertMessage.plainText(
                        "minerwatch digest", "the day", Map.of("kind", "digest", "event", "DIGEST", "event_id", "d-1")),
                alert("etf_rolling_outflow", Severity.WARNING, EventKind.ESCALATED)
                        .onlyFor("sms"),
                alert("price_below_production_cost", Severity.WARNING, EventKind.REMINDER)
                        .withAttribute(AlertMessage.notFor("email"), "quiet hours"));

        assertThat(AwsClients.snsNotifier(() -> sns, topic.topicArn()).publish(cycle))
                .allMatch(Notifier.Publication::isAccepted);

        for (Map.Entry<Subscriber, TopicInbox.Subscriber> inbox : inboxes.entrySet()) {
            Subscriber subscriber = inbox.getKey();
            List<String> got = inbox.getValue().drain(aws.deliveryQuiet()).stream()
                    .map(SubscriberPoliciesIT::eventId)
                    .sorted()
                    .toList();
            List<String> chose = cycle.stream()
                    .filter(subscriber::wants)
                    .map(m -> m.attributes().get(AlertMessage.EVENT_ID))
                    .sorted()
                    .toList();
            assertThat(got).as(subscriber.describe()).isEqualTo(chose).isNotEmpty();
        }
    }

    private static String eventId(Message message) {
        return message.messageAttributes().containsKey(AlertMessage.EVENT_ID)
                ? message.messageAttributes().get(AlertMessage.EVENT_ID).stringValue()
                : "(a batch)";
    }
}
