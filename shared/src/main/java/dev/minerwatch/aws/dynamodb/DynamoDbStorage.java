package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Silences;
import dev.minerwatch.store.Storage;
import dev.minerwatch.store.SubscriberRecords;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one-table DynamoDB store ({@link MinerwatchTable}): what the functions use, and the CLI when AWS is configured.
 * Its ports' adapters are this package's own; only this class shows them.
 */
public final class DynamoDbStorage implements Storage {

    private final DynamoDbPointStore points;
    private final DynamoDbRuleLedger ledger;
    private final DynamoDbSilences silences;
    private final DynamoDbChannelReceipts receipts;
    private final DynamoDbSubscriberRecords subscribers;
    private final String description;

    public DynamoDbStorage(DynamoDbClient dynamoDb, String tableName, String where) {
        this.points = new DynamoDbPointStore(dynamoDb, tableName);
        this.ledger = new DynamoDbRuleLedger(dynamoDb, tableName);
        this.silences = new DynamoDbSilences(dynamoDb, tableName);
        this.receipts = new DynamoDbChannelReceipts(dynamoDb, tableName);
        this.subscribers = new DynamoDbSubscriberRecords(dynamoDb, tableName);
        this.description = "DynamoDB table " + tableName + " " + where;
    }

    /** The partition of a series' daily points, {@code POINT#<series>}: for a stand-in table that answers for it. */
    public static String pointPartition(SeriesId series) {
        return DynamoDbPointStore.partition(series);
    }

    /** A daily point as this store writes its item: for a stand-in table that answers with the store's own items. */
    public static Map<String, AttributeValue> pointItem(DailyPoint point, long revision, String writtenBy) {
        return DynamoDbPointStore.toItem(point, revision, writtenBy);
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
    public SubscriberRecords subscribers() {
        return subscribers;
    }

    @Override
    public String description() {
        return description;
    }

    /** The client belongs to the process ({@code Minerwatch}), not to the store. */
    @Override
    public void close() {}
}
