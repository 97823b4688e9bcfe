package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.TestTables;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.store.AlertStoreContract;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The alert store's contract, held against DynamoDB on moto_server (or LocalStack where Docker runs). */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbAlertStoreIT extends AlertStoreContract {

    private final LocalAws aws;
    private DynamoDbClient dynamoDb;
    private String tableName;

    DynamoDbAlertStoreIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        Settings settings = TestTables.freshTable(aws, Map.of());
        dynamoDb = AwsClients.dynamoDb(settings);
        tableName = settings.tableName();
        return new DynamoDbStorage(dynamoDb, tableName, "at " + aws.endpoint());
    }

    @Override
    protected Optional<OutboxEntry> outboxEntry(String eventKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).consistentRead(true)
                .key(Map.of(MinerwatchTable.PK, AttributeValue.fromS(DynamoDbAlertStore.RULES_PARTITION),
                        MinerwatchTable.SK, AttributeValue.fromS(DynamoDbAlertStore.OUTBOX_PREFIX + eventKey)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String leaseUntil = item.containsKey("leaseUntil") ? item.get("leaseUntil").n() : null;
        return Optional.of(new OutboxEntry(Attributes.string(item, "leaseOwner"),
                leaseUntil == null ? null : Instant.ofEpochMilli(Long.parseLong(leaseUntil)),
                Attributes.longNumber(item, "attempts", 0), Attributes.string(item, "lastError")));
    }
}
