package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.key;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The {@link ChannelReceipts} in DynamoDB: a partition per event posted, an item per channel, a claim (no {@code
 * receivedAt}) until the channel took the event. A channel's daily cap counts in a {@code CAP#<day>} partition (an item
 * per channel: {@code sent}, {@code summarySent}), written in one transaction with the claim; the events a cap held are
 * in a {@code HELD#<day>} partition (an item per {@code <channel>#<event_id>}). The posts a channel's quiet hours defer
 * are in the one {@code DEFERRED} partition (an item per {@code <channel>#<event_id>}: {@code channel}, {@code eventId},
 * {@code due}, {@code message}). All expire by TTL.
 */
final class DynamoDbChannelReceipts implements ChannelReceipts {

    /** A partition per event a channel took ({@code RECEIPT#<event_id>}, an item per channel), expiring by TTL. */
    static final String RECEIPT_PREFIX = "RECEIPT#";

    /** A partition per UTC day of the channels' counts under their caps ({@code CAP#<day>}, an item per channel). */
    static final String CAP_PREFIX = "CAP#";

    /** A partition per UTC day of the events the caps held ({@code HELD#<day>}, an item per channel and event). */
    static final String HELD_PREFIX = "HELD#";

    /**
     * The one partition of the deferred posts ({@code DEFERRED}, an item per {@code <channel>#<event_id>}), each
     * expiring by TTL {@link ChannelReceipts#RECEIPT_RETENTION} after its due time.
     */
    static final String DEFERRED = "DEFERRED";

    /** The order of {@link #deferred()}: by due time, then channel, then event id. */
    private static final Comparator<Deferred> BY_DUE =
            Comparator.comparing(Deferred::due).thenComparing(Deferred::channel).thenComparing(Deferred::eventId);

    /** A day's counts and held events are kept this long: past the next day's digest. */
    private static final int CAP_RETENTION_DAYS = 4;

    private static final int MAX_CONFLICT_ATTEMPTS = 4;

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbChannelReceipts(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public Set<String> channelsThatTook(String eventId) {
        Set<String> channels = new TreeSet<>();
        dynamoDb
                .queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(RECEIPT_PREFIX + eventId)))
                        .consistentRead(true))
                .items()
                .stream()
                .filter(item -> item.containsKey("receivedAt")) // a claim alone is no receipt
                .forEach(item -> channels.add(Attributes.string(item, SK)));
        return channels;
    }

    /** A conditional put: no item for the pair, or a claim (no {@code receivedAt}) whose lease has passed. */
    @Override
    public boolean claim(String eventId, String channel, String owner, Instant now, Duration lease) {
        Map<String, AttributeValue> item = new HashMap<>(key(RECEIPT_PREFIX + eventId, channel));
        item.put("claimedBy", s(owner));
        item.put("claimedUntil", n(now.plus(lease).toEpochMilli()));
        item.put("expiresAt", n(now.plus(RECEIPT_RETENTION).getEpochSecond()));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName)
                    .item(item)
                    .conditionExpression(
                            "attribute_not_exists(pk) OR (attribute_not_exists(receivedAt) AND claimedUntil < :now)")
                    .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException takenOrHeld) {
            return false;
        }
    }

    @Override
    public void channelTook(String eventId, String channel, Instant at) {
        dynamoDb.updateItem(b -> b.tableName(tableName)
                .key(key(RECEIPT_PREFIX + eventId, channel))
                .updateExpression("SET receivedAt = :at, expiresAt = :expires REMOVE claimedBy, claimedUntil")
                .expressionAttributeValues(Map.of(
                        ":at",
                        s(at.toString()),
                        ":expires",
                        n(at.plus(RECEIPT_RETENTION).getEpochSecond()))));
    }

    @Override
    public void releaseClaim(String eventId, String channel, String owner) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(tableName)
                    .key(key(RECEIPT_PREFIX + eventId, channel))
                    .conditionExpression(
                            "claimedBy = :owner AND attribute_not_exists(receivedAt) AND attribute_not_exists(countedOn)")
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notHeldOrCounted) {
            try {
                // A claim counted against a cap is lapsed, not deleted: its retry is not counted again.
                dynamoDb.updateItem(b -> b.tableName(tableName)
                        .key(key(RECEIPT_PREFIX + eventId, channel))
                        .updateExpression("SET claimedUntil = :lapsed")
                        .conditionExpression(
                                "claimedBy = :owner AND attribute_not_exists(receivedAt) AND attribute_exists(countedOn)")
                        .expressionAttributeValues(Map.of(":owner", s(owner), ":lapsed", n(0L))));
            } catch (ConditionalCheckFailedException notHeld) {
                // Taken meanwhile, or another delivery's claim: nothing of this owner's to give up.
            }
        }
    }

    /**
     * A transaction of the claim (as {@link #claim(String, String, String, Instant, Duration)}, marked counted on the
     * day) and the increment of the channel's count of the day below the cap. When the claim's condition fails, the
     * event may have been counted that day by a delivery that failed or died: its lapsed claim is taken again alone.
     */
    @Override
    public Claim claim(String eventId, String channel, String owner, Instant now, Duration lease, Cap cap) {
        String day = cap.day().toString();
        Map<String, AttributeValue> claim = new HashMap<>(key(RECEIPT_PREFIX + eventId, channel));
        claim.put("claimedBy", s(owner));
        claim.put("claimedUntil", n(now.plus(lease).toEpochMilli()));
        claim.put("expiresAt", n(now.plus(RECEIPT_RETENTION).getEpochSecond()));
        claim.put("countedOn", s(day));
        List<TransactWriteItem> items = List.of(
                TransactWriteItem.builder()
                        .put(p -> p.tableName(tableName)
                                .item(claim)
                                .conditionExpression("attribute_not_exists(pk) OR (attribute_not_exists(receivedAt)"
                                        + " AND claimedUntil < :now"
                                        + " AND (attribute_not_exists(countedOn) OR countedOn <> :day))")
                                .expressionAttributeValues(Map.of(":now", n(now.toEpochMilli()), ":day", s(day))))
                        .build(),
                TransactWriteItem.builder()
                        .update(u -> u.tableName(tableName)
                                .key(key(CAP_PREFIX + day, channel))
                                .updateExpression("SET sent = if_not_exists(sent, :zero) + :one, expiresAt = :expires")
                                .conditionExpression("attribute_not_exists(sent) OR sent < :max")
                                .expressionAttributeValues(Map.of(
                                        ":zero", n(0L),
                                        ":one", n(1L),
                                        ":max", n((long) cap.max()),
                                        ":expires", n(expiry(cap.day())))))
                        .build());
        for (int attempt = 1; ; attempt++) {
            try {
                // An idempotency token of the claim and the attempt: an SDK retry of a transaction DynamoDB applied is
                // answered with success, not with the failed condition of its own claim.
                String token = UUID.nameUUIDFromBytes((eventId + "|" + channel + "|" + owner + "|" + attempt)
                                .getBytes(StandardCharsets.UTF_8))
                        .toString();
                dynamoDb.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token));
                return Claim.CLAIMED;
            } catch (TransactionCanceledException cancelled) {
                List<String> reasons = new ArrayList<>();
                if (cancelled.hasCancellationReasons()) {
                    for (CancellationReason reason : cancelled.cancellationReasons()) {
                        reasons.add(reason.code() == null ? "None" : reason.code());
                    }
                }
                if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(0))) {
                    return reclaimCounted(eventId, channel, owner, now, lease, day)
                            ? Claim.CLAIMED
                            : Claim.HELD_ELSEWHERE;
                }
                if (reasons.size() == 2 && "ConditionalCheckFailed".equals(reasons.get(1))) {
                    hold(eventId, channel, cap);
                    return Claim.OVER_CAP;
                }
                if (!reasons.contains("TransactionConflict") || attempt == MAX_CONFLICT_ATTEMPTS) {
                    throw new IllegalStateException(
                            "DynamoDB cancelled the capped claim of " + channel + " for " + eventId + ", for " + reasons
                                    + ": " + cancelled.getMessage(),
                            cancelled);
                }
                PointStore.backOff(attempt);
            }
        }
    }

    /** Takes again a lapsed claim that was counted on {@code day}: no second count. */
    private boolean reclaimCounted(
            String eventId, String channel, String owner, Instant now, Duration lease, String day) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(RECEIPT_PREFIX + eventId, channel))
                    .updateExpression("SET claimedBy = :owner, claimedUntil = :until")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(receivedAt)"
                            + " AND claimedUntil < :now AND countedOn = :day")
                    .expressionAttributeValues(Map.of(
                            ":owner", s(owner),
                            ":until", n(now.plus(lease).toEpochMilli()),
                            ":now", n(now.toEpochMilli()),
                            ":day", s(day))));
            return true;
        } catch (ConditionalCheckFailedException takenOrHeld) {
            return false;
        }
    }

    /** Records that the cap held the event: one item per channel and event, however often it is claimed. */
    private void hold(String eventId, String channel, Cap cap) {
        Map<String, AttributeValue> item = new HashMap<>(key(HELD_PREFIX + cap.day(), channel + "#" + eventId));
        item.put("channel", s(channel));
        item.put("eventId", s(eventId));
        item.put("title", s(cap.title()));
        item.put("kind", s(cap.kind()));
        item.put("expiresAt", n(expiry(cap.day())));
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }

    @Override
    public boolean takeCapSummary(String channel, LocalDate day) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(CAP_PREFIX + day, channel))
                    .updateExpression("SET summarySent = :yes, expiresAt = :expires")
                    .conditionExpression("attribute_not_exists(summarySent)")
                    .expressionAttributeValues(Map.of(":yes", s("true"), ":expires", n(expiry(day)))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public List<Held> held(LocalDate day) {
        List<Held> held = new ArrayList<>();
        dynamoDb
                .queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(HELD_PREFIX + day)))
                        .consistentRead(true))
                .items()
                .stream()
                .forEach(item -> held.add(new Held(
                        Attributes.string(item, "channel"),
                        day,
                        Attributes.string(item, "eventId"),
                        Attributes.string(item, "title"),
                        Attributes.string(item, "kind"))));
        return held; // in the order of the sort key: by channel, then event id
    }

    /** A put conditional on no item of the channel and event: one deferred post, whatever the concurrency. */
    @Override
    public boolean defer(Deferred post) {
        Map<String, AttributeValue> item = new HashMap<>(key(DEFERRED, post.channel() + "#" + post.eventId()));
        item.put("channel", s(post.channel()));
        item.put("eventId", s(post.eventId()));
        item.put("due", s(post.due().toString()));
        item.put("message", s(post.message()));
        item.put("expiresAt", n(post.due().plus(RECEIPT_RETENTION).getEpochSecond()));
        try {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException alreadyDeferred) {
            return false;
        }
    }

    /** A consistent Query of the partition, every page, ordered here (the sort key orders by channel). */
    @Override
    public List<Deferred> deferred() {
        List<Deferred> deferred = new ArrayList<>();
        dynamoDb
                .queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(DEFERRED)))
                        .consistentRead(true))
                .items()
                .stream()
                .forEach(item -> deferred.add(new Deferred(
                        Attributes.string(item, "channel"),
                        Attributes.string(item, "eventId"),
                        Instant.parse(Attributes.string(item, "due")),
                        Attributes.string(item, "message"))));
        deferred.sort(BY_DUE);
        return deferred;
    }

    @Override
    public void undefer(String channel, String eventId) {
        dynamoDb.deleteItem(b -> b.tableName(tableName).key(key(DEFERRED, channel + "#" + eventId)));
    }

    private static long expiry(LocalDate day) {
        return day.plusDays(CAP_RETENTION_DAYS).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    }
}
