package dev.minerwatch.aws;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.utils.Lazy;

/**
 * Publishes to an SNS topic with {@code MessageStructure=json} and filterable message attributes, up to ten
 * messages per {@code PublishBatch} request (an evaluation that fires five alerts makes one request, not five).
 * The SNS client is built on the first publish: most evaluations publish nothing, and their cold start skips it.
 *
 * <p>An entry SNS fails as the sender's fault (an invalid parameter, a message too long) is {@linkplain
 * Publication#refused refused}: it would fail again. A request that fails as a whole (network, throttling,
 * credentials, a missing topic) and an entry failed by SNS or by throttling are {@linkplain Publication#rejected
 * rejected} for now: they are no fault of the message, and a later run may get through.
 */
final class SnsNotifier implements Notifier {

    /** PublishBatch's limit on the entries of one request. */
    static final int MAX_BATCH_ENTRIES = 10;

    /** Built on the first publish: most evaluations publish nothing. */
    private final Lazy<SnsClient> sns;

    private final String topicArn;

    SnsNotifier(Supplier<SnsClient> client, String topicArn) {
        this.sns = new Lazy<>(client);
        this.topicArn = topicArn;
    }

    private SnsClient sns() {
        return sns.getValue();
    }

    /**
     * The alerts first go out together as one {@linkplain AlertMessage#batch batch} for the channel forwarder (which
     * posts them to a person's channel as one message); an alert whose batch SNS does not take is not published at
     * all this time, so the next run publishes it and its batch again, and no channel misses an alert a subscriber
     * got. Then each message goes out on its own, for the subscriptions and the machines.
     */
    @Override
    public List<Publication> publish(List<AlertMessage> messages) {
        Map<AlertMessage, Publication> unbatched = new IdentityHashMap<>();
        for (List<AlertMessage> alerts :
                batches(messages.stream().filter(AlertMessage::isAlert).toList())) {
            Publication batch =
                    publishBatch(List.of(AlertMessage.batch(alerts))).get(0);
            if (!batch.isAccepted()) {
                // Refused for good when the batch holds one alert that SNS refuses (too long): so is that alert.
                Publication refused =
                        new Publication(null, "its batch for the channels: " + batch.error(), batch.permanent());
                alerts.forEach(alert -> unbatched.put(alert, refused));
            }
        }
        List<AlertMessage> publishing =
                messages.stream().filter(m -> !unbatched.containsKey(m)).toList();
        List<Publication> published = new ArrayList<>(publishing.size());
        for (List<AlertMessage> batch : Batches.of(publishing, MAX_BATCH_ENTRIES)) {
            published.addAll(publishBatch(batch));
        }
        List<Publication> results = new ArrayList<>(messages.size());
        int next = 0;
        for (AlertMessage message : messages) {
            results.add(unbatched.containsKey(message) ? unbatched.get(message) : published.get(next++));
        }
        return results;
    }

    /** SNS takes a message of 256 KiB: a batch stays well under it (its JSON is in the message twice at most). */
    static final int MAX_BATCH_BYTES = 100_000;

    /** {@code alerts} in batches of at most {@link #MAX_BATCH_BYTES} of JSON each, in their order. */
    static List<List<AlertMessage>> batches(List<AlertMessage> alerts) {
        List<List<AlertMessage>> batches = new ArrayList<>();
        List<AlertMessage> batch = new ArrayList<>();
        int bytes = 0;
        for (AlertMessage alert : alerts) {
            int size = Json.write(alert.toJson()).getBytes(StandardCharsets.UTF_8).length;
            if (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(alert);
            bytes += size;
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    private List<Publication> publishBatch(List<AlertMessage> batch) {
        List<PublishBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(entry(Integer.toString(i), batch.get(i)));
        }
        Publication[] results = new Publication[batch.size()];
        try {
            PublishBatchResponse response =
                    sns().publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(entries));
            response.successful()
                    .forEach(ok -> results[Integer.parseInt(ok.id())] = Publication.accepted(ok.messageId()));
            response.failed().forEach(failed -> {
                String error = failure(failed.code() + ": " + failed.message());
                results[Integer.parseInt(failed.id())] =
                        isTheMessagesFault(failed) ? Publication.refused(error) : Publication.rejected(error);
            });
        } catch (SdkException e) {
            Arrays.fill(results, Publication.rejected(failure(e.getMessage())));
        }
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = Publication.rejected(failure("no result for this message in the answer"));
            }
        }
        return List.of(results);
    }

    private static boolean isTheMessagesFault(BatchResultErrorEntry failed) {
        String code = failed.code() == null ? "" : failed.code();
        return Boolean.TRUE.equals(failed.senderFault()) && !code.startsWith("Throttl");
    }

    private String failure(String reason) {
        return "SNS publish to " + topicArn + " failed: " + reason;
    }

    private static PublishBatchRequestEntry entry(String id, AlertMessage message) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        message.attributes()
                .forEach((name, value) -> attributes.put(
                        name,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(value)
                                .build()));
        return PublishBatchRequestEntry.builder()
                .id(id)
                .subject(message.subject())
                .messageStructure("json")
                .message(message.snsMessageJson())
                .messageAttributes(attributes)
                .build();
    }
}
