package dev.minerwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.store.Storage;
import dev.minerwatch.store.SubscriberRecordsContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The subscriber records' contract on a new SQLite database file per test, and a file of before the subscribers. */
class SqliteSubscriberRecordsTest extends SubscriberRecordsContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }

    @Test
    void aFileOfSchemaVersion11IsMigratedAndHasNoSubscribers(@TempDir Path earlier) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(earlier));
                Statement statement = connection.createStatement()) {
            for (int version = 0; version < 11; version++) {
                for (String sql : Schema.MIGRATIONS.get(version)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = 11");
        }

        try (Storage storage = SqliteStorage.open(earlier)) {
            assertThat(storage.subscribers().all()).isEmpty();
        }
    }
}
