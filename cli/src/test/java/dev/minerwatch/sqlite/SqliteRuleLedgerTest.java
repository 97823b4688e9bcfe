package dev.minerwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.store.RuleLedgerContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule ledger contract on a new SQLite database file per test, its outbox entries read with SQL. */
class SqliteRuleLedgerTest extends RuleLedgerContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }

    @Test
    void aFileOfSchemaVersion1KeepsItsStatesAndOutboxAndGainsParkingAndTheInstantOfEachChange(@TempDir Path earlier)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(earlier));
                Statement statement = connection.createStatement()) {
            for (String sql : Schema.MIGRATIONS.get(0)) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version = 1");
            statement.execute(
                    "INSERT INTO rule_states VALUES ('price_below_production_cost', 1, 1, NULL, '2026-02-05')");
        }

        try (Storage storage = SqliteStorage.open(earlier)) {
            assertThat(storage.ledger().load().states())
                    .containsExactly(Map.entry(
                            "price_below_production_cost",
                            new RuleState(
                                    "price_below_production_cost",
                                    true,
                                    1,
                                    null,
                                    LocalDate.parse("2026-02-05"),
                                    null,
                                    DaysRead.NONE)));
            assertThat(storage.ledger().parked()).isEmpty();
        }
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
                return Optional.of(new OutboxEntry(
                        row.getString("lease_owner"),
                        leaseUntil,
                        row.getLong("attempts"),
                        row.getString("last_error")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
