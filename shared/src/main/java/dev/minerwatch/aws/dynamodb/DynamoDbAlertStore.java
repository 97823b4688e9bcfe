package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.bool;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.PK;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.AlertStore;
import dev.minerwatch.store.PointStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link AlertStore} in DynamoDB. The states of all rules and the outbox share one partition ({@code RULES}), so
 * one Query reads everything an evaluation starts from; the history is the {@code ALERT} partition, expiring by
 * TTL. A decision is one {@code TransactWriteItems}: each state conditional on its version, each event's history
 * and outbox item conditional on not existing yet.
 */
public final class DynamoDbAlertStore implements AlertStore {

    static final String RULES_PARTITION = "RULES";
    static final String STATE_PREFIX = "STATE#";
    static final String OUTBOX_PREFIX = "OUTBOX#";
    static final String ALERT_PARTITION = "ALERT";
    /** How often a transaction cancelled by a concurrent one is tried before it counts as lost. */
    static final int MAX_CONFLICT_ATTEMPTS = 5;
    /** DynamoDB's limit on the items of one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    /** Marking an event sent writes two items: its outbox entry and its history item. */
    static final int MAX_SENT_PER_TRANSACTION = MAX_TRANSACTION_ITEMS / 2;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbAlertStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** One paginated, strongly consistent Query. */
    @Override
    public Snapshot load() {
        Map<String, RuleState> states = new LinkedHashMap<>();
        List<AlertEvent> pending = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(RULES_PARTITION))).consistentRead(true))
                .items().forEach(item -> {
                    String sk = Attributes.string(item, SK);
                    if (sk.startsWith(STATE_PREFIX)) {
                        RuleState state = stateFrom(sk.substring(STATE_PREFIX.length()), item);
                        states.put(state.key(), state);
                    } else if (sk.startsWith(OUTBOX_PREFIX)) {
                        pending.add(eventFrom(sk.substring(OUTBOX_PREFIX.length()), item));
                    }
                });
        return new Snapshot(states, pending);
    }

    @Override
    public boolean record(Collection<StateChange> changes, List<AlertEvent> events, Duration lease) {
        if (changes.isEmpty() && events.isEmpty()) {
            return true;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        for (StateChange change : changes) {
            RuleState next = change.next();
            Map<String, AttributeValue> state = new HashMap<>(stateKey(next.key()));
            state.put("active", bool(next.active()));
            state.put("version", n(next.version()));
            if (next.evaluatedThrough() != null) {
                state.put("evaluatedThrough", s(next.evaluatedThrough().toString()));
            }
            if (next.lastEventDay() != null) {
                state.put("lastEventDay", s(next.lastEventDay().toString()));
            }
            items.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(state)
                    .conditionExpression("attribute_not_exists(pk) OR version = :previous")
                    .expressionAttributeValues(Map.of(":previous", n(change.previous().version())))).build());
        }
        for (AlertEvent event : events) {
            Map<String, AttributeValue> history = eventItem(key(ALERT_PARTITION, event.key()), event);
            history.put("status", s("PENDING"));
            history.put("expiresAt", n(event.recordedAt().plus(HISTORY_RETENTION).getEpochSecond()));
            Map<String, AttributeValue> outbox = eventItem(outboxKey(event.key()), event);
            outbox.put("leaseOwner", s(event.executionId()));
            outbox.put("leaseUntil", n(event.recordedAt().plus(lease).toEpochMilli()));
            outbox.put("attempts", n(1L));
            items.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(history)
                    .conditionExpression("attribute_not_exists(pk)")).build());
            items.add(TransactWriteItem.builder().put(p -> p.tableName(tableName).item(outbox)
                    .conditionExpression("attribute_not_exists(pk)")).build());
        }
        if (items.size() > MAX_TRANSACTION_ITEMS) {
            throw new IllegalStateException("an evaluation decided " + items.size() + " writes; one transaction holds "
                    + MAX_TRANSACTION_ITEMS + " (too many rules, or events, for one run)");
        }
        return transact(items);
    }

    /**
     * Runs a transaction: true when it committed, false when a condition failed (another run came first). A
     * transaction that DynamoDB cancelled only because another one was writing the same items at that moment
     * ({@code TransactionConflict}) is tried again, so that of two overlapping runs one wins and the other loses on its
     * condition, rather than both giving up.
     */
    private boolean transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items));
                return true;
            } catch (TransactionCanceledException cancelled) {
                boolean conflictOnly = cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                        .allMatch(r -> r.code() == null || r.code().equals("None") || r.code().equals("TransactionConflict"))
                        && cancelled.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!conflictOnly || attempt == MAX_CONFLICT_ATTEMPTS) {
                    return false;
                }
                PointStore.backOff(attempt);
            }
        }
    }

    @Override
    public boolean claim(String eventKey, String owner, Instant now, Duration lease) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(outboxKey(eventKey))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until ADD attempts :one")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":until", n(now.plus(lease).toEpochMilli()),
                            ":now", n(now.toEpochMilli()), ":one", n(1L))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /**
     * One transaction for up to {@value #MAX_SENT_PER_TRANSACTION} events; if one lease has passed to another run,
     * the events of that transaction are marked one by one.
     */
    @Override
    public List<String> markSent(List<Sent> sent, String owner, Instant sentAt) {
        List<String> leaseLost = new ArrayList<>();
        for (int from = 0; from < sent.size(); from += MAX_SENT_PER_TRANSACTION) {
            List<Sent> chunk = sent.subList(from, Math.min(from + MAX_SENT_PER_TRANSACTION, sent.size()));
            if (markSentAtomically(chunk, owner, sentAt)) {
                continue;
            }
            for (Sent one : chunk) {
                if (!markSentAtomically(List.of(one), owner, sentAt)) {
                    leaseLost.add(one.eventKey());
                }
            }
        }
        return leaseLost;
    }

    private boolean markSentAtomically(List<Sent> sent, String owner, Instant sentAt) {
        List<TransactWriteItem> items = new ArrayList<>(2 * sent.size());
        for (Sent one : sent) {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(tableName).key(outboxKey(one.eventKey()))
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner)))).build());
            items.add(TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(ALERT_PARTITION, one.eventKey()))
                    .updateExpression("SET #status = :sent, messageId = :messageId, sentAt = :sentAt")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sent", s("SENT"), ":messageId", s(one.messageId()),
                            ":sentAt", s(sentAt.toString())))).build());
        }
        return transact(items);
    }

    @Override
    public void release(String eventKey, String owner, String error) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName).key(outboxKey(eventKey))
                    .updateExpression("REMOVE leaseOwner, leaseUntil SET lastError = :error")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":error", s(error))));
        } catch (ConditionalCheckFailedException leaseExpiredAndTaken) {
            // Another run took the event over; it will deliver or release it.
        }
    }

    @Override
    public List<HistoryEntry> history(int limit) {
        return dynamoDb.query(b -> b.tableName(tableName).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(ALERT_PARTITION)))
                        .scanIndexForward(false).limit(limit))
                .items().stream()
                .map(item -> new HistoryEntry(eventFrom(Attributes.string(item, SK), item), Attributes.string(item, "status"),
                        Attributes.string(item, "messageId"),
                        item.containsKey("sentAt") ? Instant.parse(Attributes.string(item, "sentAt")) : null))
                .toList();
    }

    private static Map<String, AttributeValue> stateKey(String stateKey) {
        return key(RULES_PARTITION, STATE_PREFIX + stateKey);
    }

    private static Map<String, AttributeValue> outboxKey(String eventKey) {
        return key(RULES_PARTITION, OUTBOX_PREFIX + eventKey);
    }

    private static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(PK, s(partition), SK, s(sort));
    }

    private static RuleState stateFrom(String stateKey, Map<String, AttributeValue> item) {
        String evaluated = Attributes.string(item, "evaluatedThrough");
        String lastEvent = Attributes.string(item, "lastEventDay");
        return new RuleState(stateKey, Attributes.bool(item, "active"), Attributes.longNumber(item, "version", 0),
                evaluated == null ? null : LocalDate.parse(evaluated), lastEvent == null ? null : LocalDate.parse(lastEvent));
    }

    private static Map<String, AttributeValue> eventItem(Map<String, AttributeValue> key, AlertEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("ruleId", s(event.ruleId()));
        item.put("title", s(event.title()));
        item.put("severity", s(event.severity().name()));
        item.put("kind", s(event.kind().name()));
        item.put("series", s(event.series().id()));
        item.put("day", s(event.day().toString()));
        item.put("value", n(event.value()));
        item.put("threshold", n(event.threshold()));
        if (event.resolves()) {
            item.put("rearmLevel", n(event.rearmLevel()));
        }
        item.put("unit", s(event.unit()));
        item.put("asOf", s(event.asOf().toString()));
        item.put("sources", Attributes.strings(event.sources()));
        item.put("dayFinal", bool(event.dayFinal()));
        item.put("thresholdBasis", s(event.thresholdBasis()));
        item.put("detail", s(event.detail()));
        item.put("meaning", s(event.meaning()));
        item.put("executionId", s(event.executionId()));
        item.put("recordedAt", s(event.recordedAt().toString()));
        return item;
    }

    private static AlertEvent eventFrom(String eventKey, Map<String, AttributeValue> item) {
        return new AlertEvent(eventKey, Attributes.string(item, "ruleId"),
                Attributes.string(item, "title"), Severity.valueOf(Attributes.string(item, "severity")),
                EventKind.valueOf(Attributes.string(item, "kind")),
                SeriesId.fromId(Attributes.string(item, "series")), LocalDate.parse(Attributes.string(item, "day")),
                Attributes.number(item, "value"), Attributes.number(item, "threshold"),
                Attributes.number(item, "rearmLevel", Double.NaN), Attributes.string(item, "unit"),
                Instant.parse(Attributes.string(item, "asOf")),
                Attributes.strings(item, "sources"), Attributes.bool(item, "dayFinal"),
                Attributes.string(item, "thresholdBasis"), Attributes.string(item, "detail"),
                Attributes.string(item, "meaning"),
                Attributes.string(item, "executionId"), Instant.parse(Attributes.string(item, "recordedAt")));
    }
}
