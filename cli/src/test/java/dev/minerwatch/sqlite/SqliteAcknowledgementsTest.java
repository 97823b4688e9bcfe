package dev.minerwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.store.AcknowledgementsContract;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The acknowledgements' contract on a new SQLite database file per test; their expiry, and a file of schema 8. */
class SqliteAcknowledgementsTest extends AcknowledgementsContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }

    @Test
    void anAcknowledgementPastItsExpiryIsDeletedWhenTheFileIsOpened() throws SQLException {
        RuleLedger.Acknowledgement ack = ack("alice", "on it");
        ledger.acknowledge(ack, ack.notice(fired));
        storage.close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(dataDir));
                Statement statement = connection.createStatement()) {
            statement.execute("UPDATE acknowledgements SET expires_at = '2020-01-01T00:00:00Z'");
        }

        try (Storage reopened = SqliteStorage.open(dataDir)) {
            assertThat(reopened.ledger().acknowledgements()).isEmpty();
        }
    }

    @Test
    void aFileOfSchemaVersion8IsMigratedAndAcknowledges(@TempDir Path earlier) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(earlier));
                Statement statement = connection.createStatement()) {
            for (int version = 0; version < 8; version++) {
                for (String sql : Schema.MIGRATIONS.get(version)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = 8");
        }

        try (Storage migrated = SqliteStorage.open(earlier)) {
            assertThat(migrated.ledger().acknowledgements()).isEmpty();
            RuleLedger.Acknowledgement ack = ack("alice", "on it");
            assertThat(migrated.ledger().acknowledge(ack, ack.notice(fired))).isEmpty();
            assertThat(migrated.ledger().acknowledgements()).containsExactly(ack);
        }
    }
}
