package dev.minerwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import dev.minerwatch.store.RuleLedger.Sent;
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
import java.util.List;
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

    @Test
    void aFileOfSchemaVersion6KeepsEveryEventWithEveryFigureItsDeliveryAndItsLeaseOnceEachEventIsADocument(
            @TempDir Path earlier) throws SQLException {
        AlertEvent leased = eventWithEveryFigure();
        AlertEvent sent = event("etf_daily_outflow", 1, RECORDED, Double.NaN);
        AlertEvent parked = event("price_below_production_cost", 3, RECORDED, 89_610);
        AlertEvent held = event("hash_ribbon_capitulation", 1, RECORDED, 0.1);
        Instant sentAt = RECORDED.plusSeconds(30);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(earlier));
                Statement statement = connection.createStatement()) {
            for (int version = 0; version < 6; version++) {
                for (String sql : Schema.MIGRATIONS.get(version)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = 6");
            insertAsVersion6Did(connection, leased, "PENDING", null, null, null);
            insertAsVersion6Did(connection, sent, "SENT", "m-1", sentAt, null);
            insertAsVersion6Did(connection, parked, "PENDING", null, null, null);
            insertAsVersion6Did(connection, held, "PENDING", null, null, "s-0001");
            statement.execute("INSERT INTO outbox VALUES ('" + leased.key() + "', 'run-a', "
                    + RECORDED.plus(LEASE).toEpochMilli() + ", 1, NULL, NULL)");
            statement.execute("INSERT INTO outbox VALUES ('" + held.key() + "', NULL, NULL, 0, NULL, 's-0001')");
            statement.execute(
                    "INSERT INTO parked_events VALUES ('" + parked.key() + "', '" + RECORDED + "', 3, 'refused: 400')");
        }

        try (Storage storage = SqliteStorage.open(earlier)) {
            RuleLedger ledger = storage.ledger();
            RuleLedger.Snapshot snapshot = ledger.load();
            assertThat(snapshot.pending()).containsExactlyInAnyOrder(leased, held);
            assertThat(snapshot.attemptsOf(leased.key())).isEqualTo(1);
            assertThat(snapshot.heldBy()).containsExactly(Map.entry(held.key(), "s-0001"));
            assertThat(ledger.history(10))
                    .containsExactlyInAnyOrder(
                            new HistoryEntry(leased, "PENDING", null, null, null, null),
                            new HistoryEntry(sent, "SENT", "m-1", sentAt, null, null),
                            new HistoryEntry(parked, "PARKED", null, null, "refused: 400", null),
                            new HistoryEntry(held, "SILENCED", null, null, null, "s-0001"));
            assertThat(ledger.parked()).extracting(HistoryEntry::event).containsExactly(parked);
            assertThat(ledger.markSent(List.of(new Sent(leased.key(), "m-2")), "run-a", sentAt))
                    .as("the lease read before still holds")
                    .isEmpty();
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(earlier));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT (SELECT COUNT(*) FROM pragma_foreign_key_check),"
                        + " (SELECT user_version FROM pragma_user_version)")) {
            row.next();
            assertThat(row.getInt(1))
                    .as("every outbox and parked row still refers to its history row")
                    .isZero();
            assertThat(row.getInt(2)).isEqualTo(Schema.LATEST);
        }
    }

    /** A history row with a column per figure, as schema version 6 held it. */
    private static void insertAsVersion6Did(
            Connection connection, AlertEvent event, String status, String messageId, Instant sentAt, String silencedBy)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO alert_history (event_key, rule_id, title, severity, kind, series, day, value, threshold,
                    rearm_level, unit, as_of, sources, day_final, threshold_basis, detail, meaning, execution_id,
                    recorded_at, status, message_id, sent_at, expires_at, silenced_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            AlertEvent.Figures figures = event.figures();
            insert.setString(1, event.key());
            insert.setString(2, event.ruleId());
            insert.setString(3, event.origin().title());
            insert.setString(4, event.origin().severity().name());
            insert.setString(5, event.kind().name());
            insert.setString(6, figures.series().id());
            insert.setString(7, figures.day().toString());
            insert.setDouble(8, figures.value());
            insert.setDouble(9, figures.threshold());
            if (event.resolves()) {
                insert.setDouble(10, figures.rearmLevel());
            } else {
                insert.setNull(10, java.sql.Types.REAL);
            }
            insert.setString(11, figures.unit());
            insert.setString(12, figures.asOf().toString());
            insert.setString(13, Columns.json(event.explanation().sources()));
            insert.setInt(14, figures.dayFinal() ? 1 : 0);
            insert.setString(15, event.explanation().thresholdBasis());
            insert.setString(16, event.explanation().detail());
            insert.setString(17, event.explanation().meaning());
            insert.setString(18, event.recording().executionId());
            insert.setString(19, event.recordedAt().toString());
            insert.setString(20, status);
            insert.setString(21, messageId);
            insert.setString(22, sentAt == null ? null : sentAt.toString());
            insert.setString(23, SqliteRuleLedger.expiresAt(event.recordedAt()));
            insert.setString(24, silencedBy);
            insert.executeUpdate();
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
