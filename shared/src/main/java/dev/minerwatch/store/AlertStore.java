package dev.minerwatch.store;

import static dev.minerwatch.store.Attributes.bool;
import static dev.minerwatch.store.Attributes.n;
import static dev.minerwatch.store.Attributes.s;
import static dev.minerwatch.store.MinerwatchTable.PK;
import static dev.minerwatch.store.MinerwatchTable.SK;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Rule state, alert history and the outbox that makes delivery exactly-once per event.
 *
 * <p>A transition is recorded in one transaction: the rule's new state (conditional on the version read), the
 * event in the history, and the event in the outbox. Only one of two overlapping evaluations can win that
 * transaction. Delivery then claims an outbox entry with a lease, publishes, and removes the entry while marking
 * the history item sent; a failed publish leaves the entry for the next run.
 */
public final class AlertStore {

    static final String ALERT_PARTITION = "ALERT";
    static final String OUTBOX_PARTITION = "OUTBOX";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public AlertStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    public RuleState state(String ruleId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(ruleKey(ruleId))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return RuleState.initial(ruleId);
        }
        return new RuleState(ruleId, Attributes.bool(item, "active"), Attributes.longNumber(item, "version", 0));
    }

    /**
     * Records a transition and its event atomically. Returns false, writing nothing, when another evaluation
     * changed the rule's state since {@code previous} was read: that evaluation owns the transition.
     */
    public boolean recordTransition(RuleState previous, RuleState next, AlertEvent event) {
        Map<String, AttributeValue> state = new HashMap<>(ruleKey(next.ruleId()));
        state.put("active", bool(next.active()));
        state.put("version", n(next.version()));
        state.put("lastEvent", s(event.key()));
        state.put("updatedAt", s(event.recordedAt().toString()));

        Map<String, AttributeValue> history = eventItem(ALERT_PARTITION, event);
        history.put("status", s("PENDING"));
        Map<String, AttributeValue> outbox = eventItem(OUTBOX_PARTITION, event);
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(state)
                            .conditionExpression("attribute_not_exists(pk) OR version = :previous")
                            .expressionAttributeValues(Map.of(":previous", n(previous.version())))).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(history)
                            .conditionExpression("attribute_not_exists(pk)")).build(),
                    TransactWriteItem.builder().put(p -> p.tableName(tableName).item(outbox)
                            .conditionExpression("attribute_not_exists(pk)")).build()));
            return true;
        } catch (TransactionCanceledException lostRace) {
            return false;
        }
    }

    /** Events recorded but not yet published, oldest first. */
    public List<AlertEvent> pending() {
        return dynamoDb.queryPaginator(b -> b.tableName(tableName).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(OUTBOX_PARTITION))).consistentRead(true))
                .items().stream().map(AlertStore::eventFrom).toList();
    }

    /**
     * Takes the exclusive right to publish an outbox event for {@code lease}. False when the event is already
     * delivered or another run holds an unexpired lease on it.
     */
    public boolean claim(String eventKey, String owner, Instant now, Duration lease) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(OUTBOX_PARTITION, eventKey))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until ADD attempts :one")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(now.plus(lease).toEpochMilli()),
                            ":now", n(now.toEpochMilli()), ":one", n(1L))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Removes a published event from the outbox and records its delivery in the history. */
    public void markSent(String eventKey, String owner, String messageId, Instant sentAt) {
        dynamoDb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(key(OUTBOX_PARTITION, eventKey))
                        .conditionExpression("leaseOwner = :owner")
                        .expressionAttributeValues(Map.of(":owner", s(owner)))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(ALERT_PARTITION, eventKey))
                        .updateExpression("SET #status = :sent, messageId = :messageId, sentAt = :sentAt")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":sent", s("SENT"), ":messageId", s(messageId),
                                ":sentAt", s(sentAt.toString())))).build()));
    }

    /** Gives up a lease after a failed publish, keeping the error, so the next run retries at once. */
    public void release(String eventKey, String owner, String error) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(key(OUTBOX_PARTITION, eventKey))
                    .updateExpression("REMOVE leaseOwner, leaseUntil SET lastError = :error")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":error", s(error))));
        } catch (ConditionalCheckFailedException leaseExpiredAndTaken) {
            // Another run took the event over; it will deliver or release it.
        }
    }

    /** A delivered or pending alert with its delivery status, for the history. */
    public record HistoryEntry(AlertEvent event, String status, String messageId, Instant sentAt) {
    }

    /** The alert history, newest first. */
    public List<HistoryEntry> history(int limit) {
        return dynamoDb.query(b -> b.tableName(tableName).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(ALERT_PARTITION)))
                        .scanIndexForward(false).limit(limit))
                .items().stream()
                .map(item -> new HistoryEntry(eventFrom(item), Attributes.string(item, "status"),
                        Attributes.string(item, "messageId"),
                        item.containsKey("sentAt") ? Instant.parse(Attributes.string(item, "sentAt")) : null))
                .toList();
    }

    private static Map<String, AttributeValue> ruleKey(String ruleId) {
        return key("RULE#" + ruleId, "STATE");
    }

    private static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(PK, s(partition), SK, s(sort));
    }

    private static Map<String, AttributeValue> eventItem(String partition, AlertEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(key(partition, event.key()));
        item.put("ruleId", s(event.ruleId()));
        item.put("title", s(event.title()));
        item.put("severity", s(event.severity().name()));
        item.put("kind", s(event.kind().name()));
        item.put("series", s(event.series().id()));
        item.put("day", s(event.day().toString()));
        item.put("value", n(event.value()));
        item.put("threshold", n(event.threshold()));
        item.put("rearmLevel", n(event.rearmLevel()));
        item.put("asOf", s(event.asOf().toString()));
        item.put("sources", Attributes.strings(event.sources()));
        item.put("dayFinal", bool(event.dayFinal()));
        item.put("thresholdBasis", s(event.thresholdBasis()));
        item.put("meaning", s(event.meaning()));
        item.put("executionId", s(event.executionId()));
        item.put("recordedAt", s(event.recordedAt().toString()));
        return item;
    }

    private static AlertEvent eventFrom(Map<String, AttributeValue> item) {
        return new AlertEvent(Attributes.string(item, SK), Attributes.string(item, "ruleId"),
                Attributes.string(item, "title"), Severity.valueOf(Attributes.string(item, "severity")),
                EventKind.valueOf(Attributes.string(item, "kind")),
                SeriesId.fromId(Attributes.string(item, "series")), LocalDate.parse(Attributes.string(item, "day")),
                Attributes.number(item, "value"), Attributes.number(item, "threshold"),
                Attributes.number(item, "rearmLevel"), Instant.parse(Attributes.string(item, "asOf")),
                Attributes.strings(item, "sources"), Attributes.bool(item, "dayFinal"),
                Attributes.string(item, "thresholdBasis"), Attributes.string(item, "meaning"),
                Attributes.string(item, "executionId"), Instant.parse(Attributes.string(item, "recordedAt")));
    }
}
