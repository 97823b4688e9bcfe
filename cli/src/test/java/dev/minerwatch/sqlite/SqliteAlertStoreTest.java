package dev.minerwatch.sqlite;

import dev.minerwatch.store.Storage;
import dev.minerwatch.store.AlertStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** The alert store contract on a new SQLite database file per test, its outbox entries read with SQL. */
class SqliteAlertStoreTest extends AlertStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }

    /** Through a connection of its own, as the {@code sqlite3} shell would read it. */
    @Override
    protected Optional<OutboxEntry> outboxEntry(String eventKey) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(dataDir));
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT lease_owner, lease_until, attempts, last_error FROM outbox WHERE event_key = ?")) {
            statement.setString(1, eventKey);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                long until = row.getLong("lease_until");
                Instant leaseUntil = row.wasNull() ? null : Instant.ofEpochMilli(until);
                return Optional.of(new OutboxEntry(row.getString("lease_owner"), leaseUntil, row.getLong("attempts"),
                        row.getString("last_error")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
