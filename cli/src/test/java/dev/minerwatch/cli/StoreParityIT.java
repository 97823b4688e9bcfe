package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One history, two stores: the published daily history imported into the local SQLite store and into DynamoDB (on the
 * emulator, through {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code MINERWATCH_TABLE}) exports byte for byte the same CSV
 * and replays to the same events.
 */
@ExtendWith(LocalAwsExtension.class)
class StoreParityIT {

    private static final Path HISTORY = RepositoryLayout.root().resolve("events/history/daily-2020-2026.csv");

    @Test
    void theSameCsvImportedIntoSqliteAndIntoDynamoDbExportsTheSameBytesAndReplaysTheSameEvents(
            LocalAws aws, @TempDir Path dataDir) {
        Map<String, String> sqlite = Map.of();
        Map<String, String> dynamoDb = new HashMap<>(aws.environment());
        dynamoDb.put(Settings.TABLE_NAME, "parity-" + UUID.randomUUID());
        String[] local = {"--data-dir", dataDir.toString()};

        Cli.Result intoSqlite = Cli.minerwatch(sqlite, with(local, "import", HISTORY.toString()));
        Cli.Result intoDynamoDb = Cli.minerwatch(dynamoDb, "import", HISTORY.toString());

        assertThat(intoSqlite.exitCode()).as(intoSqlite.err()).isZero();
        assertThat(intoDynamoDb.exitCode()).as(intoDynamoDb.err()).isZero();
        assertThat(intoSqlite.out()).contains("imported 7964 points").contains("store: SQLite database");
        assertThat(intoDynamoDb.out())
                .contains("imported 7964 points")
                .contains("store: DynamoDB table " + dynamoDb.get(Settings.TABLE_NAME) + " at " + aws.endpoint());

        Cli.Result sqliteExport = Cli.minerwatch(sqlite, with(local, "export"));
        Cli.Result dynamoDbExport = Cli.minerwatch(dynamoDb, "export");

        assertThat(sqliteExport.exitCode()).as(sqliteExport.err()).isZero();
        assertThat(sqliteExport.out().lines().count()).isGreaterThan(2_000);
        assertThat(dynamoDbExport.out()).isEqualTo(sqliteExport.out());

        Cli.Result sqliteReplay = Cli.minerwatch(sqlite, with(local, "replay"));
        Cli.Result dynamoDbReplay = Cli.minerwatch(dynamoDb, "replay");

        assertThat(sqliteReplay.exitCode()).as(sqliteReplay.err()).isZero();
        assertThat(sqliteReplay.out())
                .contains("\"rule\":\"etf_daily_outflow\"")
                .contains("\"event\":\"FIRED\"");
        assertThat(dynamoDbReplay.out()).isEqualTo(sqliteReplay.out());
    }

    private static String[] with(String[] options, String... command) {
        String[] args = new String[command.length + options.length];
        System.arraycopy(command, 0, args, 0, command.length);
        System.arraycopy(options, 0, args, command.length, options.length);
        return args;
    }
}
