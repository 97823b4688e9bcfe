package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.key;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.store.ChannelReceipts;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The {@link ChannelReceipts} in DynamoDB: a partition per event a channel took, an item per channel. */
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
        dynamoDb.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(RECEIPT_PREFIX + eventId)))
                        .consistentRead(true))
                .items()
                .forEach(item -> channels.add(Attributes.string(item, SK)));
        return channels;
    }

    @Override
    public void channelTook(String eventId, String channel, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(RECEIPT_PREFIX + eventId, channel));
        item.put("receivedAt", s(at.toString()));
        item.put("expiresAt", n(at.plus(RECEIPT_RETENTION).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(tableName).item(item));
    }
}
