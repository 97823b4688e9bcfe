package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.key;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.store.SubscriberRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The {@link SubscriberRecords} in DynamoDB: the one {@code SUBSCRIBER} partition, an item per endpoint (the sort key,
 * whatever the protocol: an address and an E.164 number never collide) with {@code protocol}, {@code filterPolicy} and
 * {@code since} (ISO-8601 UTC). Kept until removed: no TTL.
 */
final class DynamoDbSubscriberRecords implements SubscriberRecords {

    /** The one partition of the subscribers ({@code SUBSCRIBER}, an item per endpoint). */
    static final String SUBSCRIBER = "SUBSCRIBER";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbSubscriberRecords(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /**
     * One UpdateItem, atomic, so of two concurrent first records exactly one finds no item before it: the policy and
     * protocol set, {@code since} only where the item has none ({@code if_not_exists}); the old item it returns
     * ({@code ALL_OLD}) tells whether the record is new. The names are aliased, so no reserved word can break it.
     */
    @Override
    public boolean put(SubscriberRecord record) {
        Map<String, AttributeValue> old = dynamoDb.updateItem(b -> b.tableName(tableName)
                        .key(key(SUBSCRIBER, record.endpoint()))
                        .updateExpression(
                                "SET #protocol = :protocol, #policy = :policy, #since = if_not_exists(#since, :since)")
                        .expressionAttributeNames(
                                Map.of("#protocol", "protocol", "#policy", "filterPolicy", "#since", "since"))
                        .expressionAttributeValues(Map.of(
                                ":protocol",
                                s(record.protocol()),
                                ":policy",
                                s(record.filterPolicy()),
                                ":since",
                                s(record.since().toString())))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return old == null || old.isEmpty();
    }

    /** A consistent Query of the partition, every page, ordered here (the sort key orders by endpoint alone). */
    @Override
    public List<SubscriberRecord> all() {
        List<SubscriberRecord> records = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(SUBSCRIBER)))
                        .consistentRead(true))
                .items()
                .forEach(item -> records.add(new SubscriberRecord(
                        Attributes.string(item, "protocol"),
                        Attributes.string(item, SK),
                        Attributes.string(item, "filterPolicy"),
                        Instant.parse(Attributes.string(item, "since")))));
        records.sort(ORDER);
        return records;
    }

    /** A DeleteItem returning the item it deleted ({@code ALL_OLD}): none, and nothing was there. */
    @Override
    public boolean remove(String endpoint) {
        Map<String, AttributeValue> old = dynamoDb.deleteItem(b ->
                        b.tableName(tableName).key(key(SUBSCRIBER, endpoint)).returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return old != null && !old.isEmpty();
    }
}
