package dev.minerwatch;

import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Settings for one test: the emulator and a fresh table of its own. */
public final class TestTables {

    private TestTables() {}

    public static Settings freshTable(LocalAws aws, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put(Settings.TABLE_NAME, "minerwatch-" + UUID.randomUUID());
        env.putAll(extra);
        Settings settings = Settings.of(env);
        MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
        return settings;
    }

    /** The DynamoDB store on a fresh table of the emulator. */
    public static Storage freshStorage(LocalAws aws) {
        Settings settings = freshTable(aws, Map.of());
        return new DynamoDbStorage(AwsClients.dynamoDb(settings), settings.tableName(), "at " + aws.endpoint());
    }
}
