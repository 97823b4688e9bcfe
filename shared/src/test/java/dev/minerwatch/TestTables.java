package dev.minerwatch;

import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Settings for one test: the local AWS stack and a fresh table of its own. */
public final class TestTables {

    private TestTables() {
    }

    public static Settings freshTable(LocalAws aws, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put(Settings.TABLE_NAME, "minerwatch-" + UUID.randomUUID());
        env.putAll(extra);
        Settings settings = Settings.of(env);
        MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
        return settings;
    }
}
