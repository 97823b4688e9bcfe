package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Silences;
import dev.minerwatch.store.Storage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one-table DynamoDB store ({@link MinerwatchTable}): what the functions use, and the CLI when AWS is configured.
 * Its ports' adapters are this package's own; only this class shows them.
 */
public final class DynamoDbStorage implements Storage {

    private final DynamoDbPointStore points;
    private final DynamoDbRuleLedger ledger;
    private final DynamoDbSilences silences;
    private final DynamoDbChannelReceipts receipts;
    private final String description;

    public DynamoDbStorage(DynamoDbClient dynamoDb, String tableName, String where) {
        this.points = new DynamoDbPointStore(dynamoDb, tableName);
        this.ledger = new DynamoDbRuleLedger(dynamoDb, tableName);
        this.silences = new DynamoDbSilences(dynamoDb, tableName);
        this.receipts = new DynamoDbChannelReceipts(dynamoDb, tableName);
        this.description = "DynamoDB table " + tableName + " " + where;
    }

    @Override
    public PointStore points() {
        return points;
    }

    @Override
    public RuleLedger ledger() {
        return ledger;
    }

    @Override
    public Silences silences() {
        return silences;
    }

    @Override
    public ChannelReceipts receipts() {
        return receipts;
    }

    @Override
    public String description() {
        return description;
    }

    /** The client belongs to the process ({@code Minerwatch}), not to the store. */
    @Override
    public void close() {}
}
