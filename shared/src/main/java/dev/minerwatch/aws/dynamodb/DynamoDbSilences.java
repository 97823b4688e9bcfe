package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.key;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.DynamoDbRuleLedger.RULES_PARTITION;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.rules.Silence;
import dev.minerwatch.store.Silences;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The {@link Silences} in DynamoDB: items of the rules' partition ({@code RULES}, {@code SILENCE#<id>}), so the
 * ledger's one Query reads them with the rule states; each expires by TTL a while after it ends.
 */
final class DynamoDbSilences implements Silences {

    static final String SILENCE_PREFIX = "SILENCE#";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbSilences(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void keep(Silence silence) {
        dynamoDb.putItem(
                b -> b.tableName(tableName).item(silenceItem(silence)).conditionExpression("attribute_not_exists(pk)"));
    }

    /** A consistent read, then an update conditional on the end read, so a concurrent change is not overwritten. */
    @Override
    public Optional<Silence> end(String id, Instant at) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                        .key(key(RULES_PARTITION, SILENCE_PREFIX + id))
                        .consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Silence kept = silenceFrom(item);
        if (!at.isBefore(kept.endsAt())) {
            return Optional.of(kept);
        }
        Silence ended = kept.endedAt(at);
        dynamoDb.updateItem(b -> b.tableName(tableName)
                .key(key(RULES_PARTITION, SILENCE_PREFIX + id))
                .updateExpression("SET endsAt = :ends, expiresAt = :expires")
                .conditionExpression("endsAt = :read")
                .expressionAttributeValues(Map.of(
                        ":ends",
                        s(ended.endsAt().toString()),
                        ":expires",
                        n(ended.expiresAt().getEpochSecond()),
                        ":read",
                        s(kept.endsAt().toString()))));
        return Optional.of(ended);
    }

    @Override
    public List<Silence> all() {
        List<Silence> silences = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(tableName)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(RULES_PARTITION), ":prefix", s(SILENCE_PREFIX)))
                        .consistentRead(true))
                .items()
                .forEach(item -> silences.add(silenceFrom(item)));
        silences.sort(Silence.NEWEST_FIRST);
        return silences;
    }

    private static Map<String, AttributeValue> silenceItem(Silence silence) {
        Map<String, AttributeValue> item = new HashMap<>(key(RULES_PARTITION, SILENCE_PREFIX + silence.id()));
        item.put("ruleId", s(silence.ruleId()));
        item.put("startsAt", s(silence.startsAt().toString()));
        item.put("endsAt", s(silence.endsAt().toString()));
        item.put("reason", s(silence.reason()));
        item.put("createdBy", s(silence.createdBy()));
        item.put("expiresAt", n(silence.expiresAt().getEpochSecond()));
        return item;
    }

    static Silence silenceFrom(Map<String, AttributeValue> item) {
        return new Silence(
                Attributes.string(item, SK).substring(SILENCE_PREFIX.length()),
                Attributes.string(item, "ruleId"),
                Instant.parse(Attributes.string(item, "startsAt")),
                Instant.parse(Attributes.string(item, "endsAt")),
                Attributes.string(item, "reason"),
                Attributes.string(item, "createdBy"));
    }
}
