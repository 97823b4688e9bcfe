package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.store.AlertStore;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.Storage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The one-table DynamoDB store ({@link MinerwatchTable}): what the functions use, and the CLI when AWS is configured. */
public final class DynamoDbStorage implements Storage {

    private final DynamoDbPointStore points;
    private final DynamoDbAlertStore alerts;
    private final String description;

    public DynamoDbStorage(DynamoDbClient dynamoDb, String tableName, String where) {
        this.points = new DynamoDbPointStore(dynamoDb, tableName);
        this.alerts = new DynamoDbAlertStore(dynamoDb, tableName);
        this.description = "DynamoDB table " + tableName + " " + where;
    }

    @Override
    public PointStore points() {
        return points;
    }

    @Override
    public AlertStore alerts() {
        return alerts;
    }

    @Override
    public String description() {
        return description;
    }

    /** The client belongs to the process ({@code Minerwatch}), not to the store. */
    @Override
    public void close() {}
}
