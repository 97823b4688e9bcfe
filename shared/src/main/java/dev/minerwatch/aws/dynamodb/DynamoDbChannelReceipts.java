package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.key;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.store.ChannelReceipts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The {@link ChannelReceipts} in DynamoDB: a partition per event posted, an item per channel, a claim (no {@code
 * receivedAt}) until the channel took the event.
 */
final class DynamoDbChannelReceipts implements ChannelReceipts {

    /** A partition per event a channel took ({@code RECEIPT#<event_id>}, an item per channel), expiring by TTL. */
    static final String RECEIPT_PREFIX = "RECEIPT#";

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
                    .conditionExpression("claimedBy = :owner AND attribute_not_exists(receivedAt)")
                    .expressionAttributeValues(Map.of(":owner", s(owner))));
        } catch (ConditionalCheckFailedException notHeld) {
            // Taken meanwhile, or another delivery's claim: nothing of this owner's to give up.
        }
    }
}
