package dev.minerwatch.functions;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages of an SNS event as Lambda receives it ({@code Records[].Sns}) that the channels are to get. A message
 * minerwatch published carries itself as JSON under the topic's {@code lambda} key ({@link
 * AlertMessage#snsMessageJson()}): of those, a {@linkplain AlertMessage#batch batch} gives its alerts, and an alert
 * published on its own (for the subscriptions) gives nothing, as its batch brings it to the channels. Any other
 * message (one published by hand to the topic) is taken as text, with its subject and string attributes.
 */
final class SnsNotification {

    private SnsNotification() {}

    /**
     * @throws IllegalArgumentException when the event is not an SNS event, naming what is missing
     */
    static List<AlertMessage> messages(Object event) {
        if (!(event instanceof Map<?, ?> root) || !(root.get("Records") instanceof List<?> records)) {
            throw new IllegalArgumentException("not an SNS event: no Records");
        }
        List<AlertMessage> messages = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (!(records.get(i) instanceof Map<?, ?> record) || !(record.get("Sns") instanceof Map<?, ?> sns)) {
                throw new IllegalArgumentException("not an SNS event: Records[" + i + "] has no Sns");
            }
            if (!(sns.get("Message") instanceof String message)) {
                throw new IllegalArgumentException("Records[" + i + "].Sns.Message is missing");
            }
            Optional<AlertMessage> published = published(message);
            if (published.isEmpty()) {
                messages.add(byHand(message, sns));
            } else if (AlertMessage.BATCH.equals(published.get().attributes().get(AlertMessage.KIND))) {
                messages.addAll(published.get().batched());
            } else if (!published.get().isAlert()
                    && !AlertMessage.QUIET_RELEASE.equals(
                            published.get().attributes().get(AlertMessage.KIND))) {
                // A subscription's release is the subscribers' alone: the channels had the alert.
                messages.add(published.get());
            }
        }
        return messages;
    }

    /** The message minerwatch published, read from its JSON; empty for one published by hand. */
    private static Optional<AlertMessage> published(String message) {
        try {
            Object json = Json.parse(message);
            if (json instanceof Map<?, ?> object && AlertMessage.isMessageJson(Json.asObject(object))) {
                return Optional.of(AlertMessage.fromJson(Json.asObject(object)));
            }
        } catch (IOException notJson) {
            // Plain text: published by hand.
        }
        return Optional.empty();
    }

    private static AlertMessage byHand(String message, Map<?, ?> sns) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (sns.get("MessageAttributes") instanceof Map<?, ?> given) {
            given.forEach((name, attribute) -> {
                if (attribute instanceof Map<?, ?> typed && "String".equals(typed.get("Type"))) {
                    attributes.put(name.toString(), String.valueOf(typed.get("Value")));
                }
            });
        }
        attributes.putIfAbsent(AlertMessage.EVENT_ID, "sns-" + sns.get("MessageId"));
        String subject = sns.get("Subject") instanceof String s && !s.isBlank() ? s : "minerwatch";
        return AlertMessage.plainText(subject, message, attributes);
    }
}
