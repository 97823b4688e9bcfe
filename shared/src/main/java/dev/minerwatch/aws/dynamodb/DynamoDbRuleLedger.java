package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.bool;
import static dev.minerwatch.aws.dynamodb.Attributes.key;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.rules.Silence;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.EventDocument;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The {@link RuleLedger} in DynamoDB. The states of all rules and the outbox share one partition ({@code RULES}), so
 * one Query reads everything an evaluation starts from; the history is the {@code ALERT} partition, expiring by
 * TTL. A decision is one {@code TransactWriteItems}: each state conditional on its version, each event's history
 * and outbox item conditional on not existing yet. A parked event leaves the outbox; its history item says
 * {@code PARKED}, with the error. Silences are items of the rules' partition too ({@link DynamoDbSilences}), so the
 * same Query reads them; a held event's outbox item names its silence ({@code heldBy}), and its history item says
 * {@code SILENCED} (and {@code silencedBy}, kept once sent).
 *
 * <p>Both items of an event hold it as one {@link EventDocument}, in the attribute {@code event}; an item an earlier
 * version wrote, with an attribute per figure, is read as it is.
 *
 * <p>A cancelled transaction is told apart by its reasons: a failed condition means another run came first (or took
 * the lease); anything else (throttling, a validation error, a conflict that persists) is the store failing, and is
 * thrown, so the run fails rather than report a lost race.
 */
final class DynamoDbRuleLedger implements RuleLedger {

    static final String RULES_PARTITION = "RULES";
    static final String STATE_PREFIX = "STATE#";
    static final String OUTBOX_PREFIX = "OUTBOX#";
    /** An acknowledgement's sort key in the rules' partition: {@code ACK#<state key>#<episode>}. */
    static final String ACK_PREFIX = "ACK#";

    static final String ALERT_PARTITION = "ALERT";
    /** How often a transaction cancelled by a concurrent one is tried before it counts as lost. */
    static final int MAX_CONFLICT_ATTEMPTS = 5;
    /** DynamoDB's limit on the items of one transaction. */
    static final int MAX_TRANSACTION_ITEMS = 100;
    /** Marking an event sent writes two items: its outbox entry and its history item. */
    static final int MAX_SENT_PER_TRANSACTION = MAX_TRANSACTION_ITEMS / 2;
    /** The cancellation reasons of a transaction that mean "another run came first", or "try again". */
    private static final String NO_REASON = "None";

    /** The attribute that holds an event's document. */
    static final String EVENT = "event";

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String CONFLICT = "TransactionConflict";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbRuleLedger(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** One paginated, strongly consistent Query. */
    @Override
    public Snapshot load() {
        Map<String, RuleState> states = new LinkedHashMap<>();
        List<AlertEvent> pending = new ArrayList<>();
        Map<String, Long> attempts = new HashMap<>();
        Map<String, String> heldBy = new HashMap<>();
        List<Silence> silences = new ArrayList<>();
        List<Acknowledgement> acknowledgements = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(RULES_PARTITION)))
                        .consistentRead(true))
                .items()
                .forEach(item -> {
                    String sk = Attributes.string(item, SK);
                    if (sk.startsWith(STATE_PREFIX)) {
                        RuleState state = stateFrom(sk.substring(STATE_PREFIX.length()), item);
                        states.put(state.key(), state);
                    } else if (sk.startsWith(OUTBOX_PREFIX)) {
                        AlertEvent event = eventFrom(sk.substring(OUTBOX_PREFIX.length()), item);
                        pending.add(event);
                        attempts.put(event.key(), Attributes.longNumber(item, "attempts", 0));
                        String silence = Attributes.string(item, "heldBy");
                        if (silence != null) {
                            heldBy.put(event.key(), silence);
                        }
                    } else if (sk.startsWith(DynamoDbSilences.SILENCE_PREFIX)) {
                        silences.add(DynamoDbSilences.silenceFrom(item));
                    } else if (sk.startsWith(ACK_PREFIX)) {
                        acknowledgements.add(acknowledgementFrom(item));
                    }
                });
        acknowledgements.sort(Acknowledgement.NEWEST_FIRST);
        return new Snapshot(states, pending, attempts, heldBy, silences, acknowledgements);
    }

    /**
     * One transaction of three items: the acknowledgement (conditional on its episode having none), the notice's
     * history item and its outbox item, unleased; a failed condition reads the episode's acknowledgement.
     */
    @Override
    public Optional<Acknowledgement> acknowledge(Acknowledgement acknowledgement, AlertEvent notice) {
        Map<String, AttributeValue> ack =
                new HashMap<>(key(RULES_PARTITION, ACK_PREFIX + acknowledgement.episodeKey()));
        ack.put("eventKey", s(acknowledgement.eventKey()));
        ack.put("stateKey", s(acknowledgement.stateKey()));
        ack.put("stateVersion", n(acknowledgement.stateVersion()));
        if (acknowledgement.episode() != null) {
            ack.put("episode", s(acknowledgement.episode().toString()));
        }
        ack.put("by", s(acknowledgement.by()));
        ack.put("at", s(acknowledgement.at().toString()));
        ack.put("reason", s(acknowledgement.reason()));
        ack.put("expiresAt", n(acknowledgement.at().plus(HISTORY_RETENTION).getEpochSecond()));
        Map<String, AttributeValue> history = eventItem(key(ALERT_PARTITION, notice.key()), notice);
        history.put("status", s(HistoryEntry.PENDING));
        history.put("expiresAt", n(notice.recordedAt().plus(HISTORY_RETENTION).getEpochSecond()));
        Map<String, AttributeValue> outbox = eventItem(outboxKey(notice.key()), notice);
        outbox.put("attempts", n(0L));
        List<TransactWriteItem> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : List.of(ack, history, outbox)) {
            items.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"))
                    .build());
        }
        if (transact(items)) {
            return Optional.empty();
        }
        Map<String, AttributeValue> kept = dynamoDb.getItem(b -> b.tableName(tableName)
                        .key(key(RULES_PARTITION, ACK_PREFIX + acknowledgement.episodeKey()))
                        .consistentRead(true))
                .item();
        if (kept == null || kept.isEmpty()) {
            throw new IllegalStateException("the notice " + notice.key() + " of acknowledgement of "
                    + acknowledgement.eventKey() + " is recorded already, but no acknowledgement of its episode is");
        }
        return Optional.of(acknowledgementFrom(kept));
    }

    @Override
    public List<Acknowledgement> acknowledgements() {
        List<Acknowledgement> acknowledgements = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(RULES_PARTITION), ":prefix", s(ACK_PREFIX)))
                        .consistentRead(true))
                .items()
                .forEach(item -> acknowledgements.add(acknowledgementFrom(item)));
        acknowledgements.sort(Acknowledgement.NEWEST_FIRST);
        return acknowledgements;
    }

    private static Acknowledgement acknowledgementFrom(Map<String, AttributeValue> item) {
        String episode = Attributes.string(item, "episode");
        return new Acknowledgement(
                Attributes.string(item, "eventKey"),
                Attributes.string(item, "stateKey"),
                Attributes.longNumber(item, "stateVersion", 0),
                episode == null ? null : Instant.parse(episode),
                Attributes.string(item, "by"),
                Instant.parse(Attributes.string(item, "at")),
                Attributes.string(item, "reason"));
    }

    @Override
    public boolean record(Collection<StateChange> changes, List<AlertEvent> events, Duration lease) {
        RuleLedger.requireRecordable(changes, events);
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
            if (next.evaluatedAt() != null) {
                state.put("evaluatedAt", s(next.evaluatedAt().toString()));
            }
            if (!next.daysRead().days().isEmpty()) {
                state.put("daysRead", s(next.daysRead().encoded()));
            }
            if (next.activeSince() != null) {
                state.put("activeSince", s(next.activeSince().toString()));
            }
            if (next.remindersSent() > 0) {
                state.put("remindersSent", n(next.remindersSent()));
            }
            items.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(tableName)
                            .item(state)
                            .conditionExpression("attribute_not_exists(pk) OR version = :previous")
                            .expressionAttributeValues(
                                    Map.of(":previous", n(change.previous().version()))))
                    .build());
        }
        for (AlertEvent event : events) {
            Map<String, AttributeValue> history = eventItem(key(ALERT_PARTITION, event.key()), event);
            history.put("status", s(HistoryEntry.PENDING));
            history.put(
                    "expiresAt", n(event.recordedAt().plus(HISTORY_RETENTION).getEpochSecond()));
            Map<String, AttributeValue> outbox = eventItem(outboxKey(event.key()), event);
            outbox.put("leaseOwner", s(event.recording().executionId()));
            outbox.put("leaseUntil", n(event.recordedAt().plus(lease).toEpochMilli()));
            outbox.put("attempts", n(1L));
            items.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(tableName).item(history).conditionExpression("attribute_not_exists(pk)"))
                    .build());
            items.add(TransactWriteItem.builder()
                    .put(p -> p.tableName(tableName).item(outbox).conditionExpression("attribute_not_exists(pk)"))
                    .build());
        }
        return transact(items);
    }

    /**
     * Runs a transaction: true when it committed, false when a condition failed (another run came first, or took the
     * lease). A transaction that DynamoDB cancelled only because another one was writing the same items at that moment
     * ({@code TransactionConflict}) is tried again, so that of two overlapping runs one wins and the other loses on its
     * condition, rather than both giving up. Any other cancellation, or a conflict that outlasts the attempts, is
     * thrown: the store failed, and no one else has done the work.
     *
     * <p>Each request carries an idempotency token derived from its items and the attempt: when the SDK retries a
     * request whose answer it did not get, DynamoDB answers a transaction it already applied with success, not with
     * a failed condition (which would read as a lost race). Other items give another token, so DynamoDB never sees
     * one token with different items ({@code IdempotentParameterMismatch}).
     */
    private boolean transact(List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            String token = idempotencyToken(items, attempt);
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token));
                return true;
            } catch (TransactionCanceledException cancelled) {
                Set<String> reasons = reasons(cancelled);
                Set<String> failures = new TreeSet<>(reasons);
                failures.removeAll(Set.of(NO_REASON, CONDITION_FAILED, CONFLICT));
                if (failures.isEmpty() && reasons.contains(CONDITION_FAILED)) {
                    return false;
                }
                if (!failures.isEmpty() || attempt == MAX_CONFLICT_ATTEMPTS) {
                    throw new IllegalStateException(
                            "DynamoDB cancelled a transaction of " + items.size()
                                    + " items in table " + tableName + " (attempt " + attempt + "), for " + reasons
                                    + ": " + cancelled.getMessage(),
                            cancelled);
                }
                PointStore.backOff(attempt);
            }
        }
    }

    /** The codes a cancellation gives, one per item ({@code None} for an item that was fine). */
    private static Set<String> reasons(TransactionCanceledException cancelled) {
        Set<String> reasons = new TreeSet<>();
        if (cancelled.hasCancellationReasons()) {
            for (CancellationReason reason : cancelled.cancellationReasons()) {
                reasons.add(reason.code() == null ? NO_REASON : reason.code());
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("(no reasons given)");
        }
        return reasons;
    }

    /** A {@code ClientRequestToken} (at most 36 characters): a name-based UUID of the attempt and the items. */
    static String idempotencyToken(List<TransactWriteItem> items, int attempt) {
        // The SDK's toString of a model object lists every field and attribute value: equal items, equal text.
        return UUID.nameUUIDFromBytes((attempt + "|" + items).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Override
    public boolean claim(String eventKey, String owner, Instant now, Duration lease) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(outboxKey(eventKey))
                    .updateExpression("SET leaseOwner = :owner, leaseUntil = :until ADD attempts :one")
                    .conditionExpression(
                            "attribute_exists(pk) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeValues(Map.of(
                            ":owner",
                            s(owner),
                            ":until",
                            n(now.plus(lease).toEpochMilli()),
                            ":now",
                            n(now.toEpochMilli()),
                            ":one",
                            n(1L))));
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
            items.add(outboxRemoval(one.eventKey(), owner));
            items.add(historyUpdate(
                    one.eventKey(),
                    "SET #status = :sent, messageId = :messageId, sentAt = :sentAt",
                    null,
                    Map.of(
                            ":sent",
                            s(HistoryEntry.SENT),
                            ":messageId",
                            s(one.messageId()),
                            ":sentAt",
                            s(sentAt.toString()))));
        }
        return transact(items);
    }

    @Override
    public void release(String eventKey, String owner, String error) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(outboxKey(eventKey))
                    .updateExpression("REMOVE leaseOwner, leaseUntil SET lastError = :error")
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner), ":error", s(error))));
        } catch (ConditionalCheckFailedException leaseExpiredAndTaken) {
            // Another run took the event over; it will deliver or release it.
        }
    }

    @Override
    public boolean park(String eventKey, String owner, String error, Instant parkedAt) {
        return transact(List.of(
                outboxRemoval(eventKey, owner),
                historyUpdate(
                        eventKey,
                        "SET #status = :parked, lastError = :error, parkedAt = :parkedAt",
                        "attribute_exists(pk)",
                        Map.of(
                                ":parked",
                                s(HistoryEntry.PARKED),
                                ":error",
                                s(error),
                                ":parkedAt",
                                s(parkedAt.toString())))));
    }

    /** The removal of an event's outbox item, in a transaction, conditional on {@code owner} holding its lease. */
    private TransactWriteItem outboxRemoval(String eventKey, String owner) {
        return TransactWriteItem.builder()
                .delete(d -> d.tableName(tableName)
                        .key(outboxKey(eventKey))
                        .conditionExpression("leaseOwner = :owner")
                        .expressionAttributeValues(Map.of(":owner", s(owner))))
                .build();
    }

    /**
     * An update of an event's history item, in a transaction: {@code update} and {@code condition} (none when null)
     * name its status {@code #status}.
     */
    private TransactWriteItem historyUpdate(
            String eventKey, String update, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder()
                .update(u -> u.tableName(tableName)
                        .key(key(ALERT_PARTITION, eventKey))
                        .updateExpression(update)
                        .conditionExpression(condition)
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(values))
                .build();
    }

    /** One transaction: the outbox item put back unleased, the history item from PARKED to PENDING. */
    @Override
    public boolean requeue(String eventKey) {
        Map<String, AttributeValue> history = dynamoDb.getItem(b -> b.tableName(tableName)
                        .key(key(ALERT_PARTITION, eventKey))
                        .consistentRead(true))
                .item();
        if (history == null || history.isEmpty() || !HistoryEntry.PARKED.equals(Attributes.string(history, "status"))) {
            return false;
        }
        Map<String, AttributeValue> outbox = eventItem(outboxKey(eventKey), eventFrom(eventKey, history));
        outbox.put("attempts", n(0L));
        return transact(List.of(
                TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName).item(outbox).conditionExpression("attribute_not_exists(pk)"))
                        .build(),
                historyUpdate(
                        eventKey,
                        "SET #status = :pending REMOVE parkedAt",
                        "#status = :parked",
                        Map.of(":pending", s(HistoryEntry.PENDING), ":parked", s(HistoryEntry.PARKED)))));
    }

    /** One transaction: the outbox item released (the attempt undone) and marked, the history item marked. */
    @Override
    public void hold(String eventKey, String owner, String silenceId) {
        transact(List.of(
                TransactWriteItem.builder()
                        .update(u -> u.tableName(tableName)
                                .key(outboxKey(eventKey))
                                .updateExpression(
                                        "REMOVE leaseOwner, leaseUntil SET heldBy = :silence ADD attempts :undo")
                                .conditionExpression("leaseOwner = :owner")
                                .expressionAttributeValues(
                                        Map.of(":owner", s(owner), ":silence", s(silenceId), ":undo", n(-1L))))
                        .build(),
                historyUpdate(
                        eventKey,
                        "SET #status = :silenced, silencedBy = :silence",
                        "attribute_exists(pk)",
                        Map.of(":silenced", s(HistoryEntry.SILENCED), ":silence", s(silenceId)))));
        // false: another run took the event over; it holds or delivers it
    }

    @Override
    public boolean dismiss(String eventKey, String owner) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(tableName)
                    .key(outboxKey(eventKey))
                    .conditionExpression("leaseOwner = :owner")
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
            return true;
        } catch (ConditionalCheckFailedException leaseTaken) {
            return false;
        }
    }

    @Override
    public List<HistoryEntry> history(int limit) {
        if (limit <= 0) {
            return List.of(); // a Query's Limit must be positive
        }
        // Pages of at most a thousand, as many as the limit asks: a long history is more than one page.
        return dynamoDb
                .queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(ALERT_PARTITION)))
                        .scanIndexForward(false)
                        .limit(Math.min(limit, 1_000)))
                .items()
                .stream()
                .limit(limit)
                .map(DynamoDbRuleLedger::historyEntry)
                .toList();
    }

    /** One paginated Query of the history, filtered: parked events are few, and only {@code status} asks. */
    @Override
    public List<HistoryEntry> parked() {
        return dynamoDb
                .queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .filterExpression("#status = :parked")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(":pk", s(ALERT_PARTITION), ":parked", s(HistoryEntry.PARKED)))
                        .scanIndexForward(false))
                .items()
                .stream()
                .map(DynamoDbRuleLedger::historyEntry)
                .toList();
    }

    private static HistoryEntry historyEntry(Map<String, AttributeValue> item) {
        return new HistoryEntry(
                eventFrom(Attributes.string(item, SK), item),
                Attributes.string(item, "status"),
                Attributes.string(item, "messageId"),
                item.containsKey("sentAt") ? Instant.parse(Attributes.string(item, "sentAt")) : null,
                Attributes.string(item, "lastError"),
                Attributes.string(item, "silencedBy"));
    }

    private static Map<String, AttributeValue> stateKey(String stateKey) {
        return key(RULES_PARTITION, STATE_PREFIX + stateKey);
    }

    private static Map<String, AttributeValue> outboxKey(String eventKey) {
        return key(RULES_PARTITION, OUTBOX_PREFIX + eventKey);
    }

    private static RuleState stateFrom(String stateKey, Map<String, AttributeValue> item) {
        String evaluated = Attributes.string(item, "evaluatedThrough");
        String lastEvent = Attributes.string(item, "lastEventDay");
        String evaluatedAt = Attributes.string(item, "evaluatedAt");
        String activeSince = Attributes.string(item, "activeSince");
        return new RuleState(
                stateKey,
                Attributes.bool(item, "active"),
                Attributes.longNumber(item, "version", 0),
                evaluated == null ? null : LocalDate.parse(evaluated),
                lastEvent == null ? null : LocalDate.parse(lastEvent),
                evaluatedAt == null ? null : Instant.parse(evaluatedAt),
                DaysRead.parse(Attributes.string(item, "daysRead")),
                activeSince == null ? null : Instant.parse(activeSince),
                Attributes.longNumber(item, "remindersSent", 0));
    }

    /** The key, and the event as one document ({@link EventDocument}) in the attribute {@code event}. */
    private static Map<String, AttributeValue> eventItem(Map<String, AttributeValue> key, AlertEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put(EVENT, s(EventDocument.write(event)));
        return item;
    }

    /** An item written as a document, or by an earlier version with an attribute per figure. */
    private static AlertEvent eventFrom(String eventKey, Map<String, AttributeValue> item) {
        String document = Attributes.string(item, EVENT);
        return document != null ? EventDocument.read(eventKey, document) : flatEventFrom(eventKey, item);
    }

    /**
     * An item of an earlier version, which wrote an attribute per figure; such items stay until they expire (the
     * history's items after {@link #HISTORY_RETENTION}), so they are read as long as one can be left.
     */
    private static AlertEvent flatEventFrom(String eventKey, Map<String, AttributeValue> item) {
        return new AlertEvent(
                eventKey,
                new AlertEvent.Origin(
                        Attributes.string(item, "ruleId"),
                        Attributes.string(item, "title"),
                        Severity.valueOf(Attributes.string(item, "severity")),
                        EventKind.valueOf(Attributes.string(item, "kind"))),
                new AlertEvent.Figures(
                        SeriesId.fromId(Attributes.string(item, "series")),
                        LocalDate.parse(Attributes.string(item, "day")),
                        Attributes.number(item, "value"),
                        Attributes.number(item, "threshold"),
                        Attributes.number(item, "rearmLevel", Double.NaN),
                        Attributes.string(item, "unit"),
                        Instant.parse(Attributes.string(item, "asOf")),
                        Attributes.bool(item, "dayFinal")),
                new AlertEvent.Explanation(
                        Attributes.strings(item, "sources"),
                        Attributes.string(item, "thresholdBasis"),
                        Attributes.string(item, "detail"),
                        Attributes.string(item, "meaning")),
                new AlertEvent.Recording(
                        Attributes.string(item, "executionId"), Instant.parse(Attributes.string(item, "recordedAt"))));
    }
}
