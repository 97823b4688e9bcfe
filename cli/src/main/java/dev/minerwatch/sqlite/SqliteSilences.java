package dev.minerwatch.sqlite;

import static dev.minerwatch.sqlite.SqliteRuleLedger.placeholders;
import static dev.minerwatch.sqlite.SqliteRuleLedger.seconds;

import dev.minerwatch.rules.Silence;
import dev.minerwatch.store.Silences;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link Silences} in SQLite: the {@code silences} table, which the ledger's snapshot reads too. */
final class SqliteSilences implements Silences {

    private static final String SILENCE_COLUMNS = "id, rule_id, starts_at, ends_at, reason, created_by";

    private final SqliteDatabase database;

    SqliteSilences(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public void keep(Silence silence) {
        database.write("keeping silence " + silence.id(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO silences (" + SILENCE_COLUMNS + ", expires_at) VALUES (" + placeholders(7) + ")")) {
                bindSilence(insert, silence);
                return insert.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Silence> end(String id, Instant at) {
        return database.write("ending silence " + id, connection -> {
            Optional<Silence> kept =
                    silences(connection).stream().filter(s -> s.id().equals(id)).findFirst();
            if (kept.isEmpty() || !at.isBefore(kept.get().endsAt())) {
                return kept;
            }
            Silence ended = kept.get().endedAt(at);
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE silences SET ends_at = ?, expires_at = ? WHERE id = ?")) {
                update.setString(1, ended.endsAt().toString());
                update.setString(2, seconds(ended.expiresAt()));
                update.setString(3, id);
                update.executeUpdate();
            }
            return Optional.of(ended);
        });
    }

    @Override
    public List<Silence> all() {
        return database.read("reading the silences", SqliteSilences::silences);
    }

    static List<Silence> silences(Connection connection) throws SQLException {
        List<Silence> silences = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + SILENCE_COLUMNS + " FROM silences");
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                silences.add(new Silence(
                        row.getString("id"),
                        row.getString("rule_id"),
                        Columns.instant(row, "starts_at"),
                        Columns.instant(row, "ends_at"),
                        row.getString("reason"),
                        row.getString("created_by")));
            }
        }
        silences.sort(Silence.NEWEST_FIRST);
        return silences;
    }

    private static void bindSilence(PreparedStatement statement, Silence silence) throws SQLException {
        statement.setString(1, silence.id());
        statement.setString(2, silence.ruleId());
        statement.setString(3, silence.startsAt().toString());
        statement.setString(4, silence.endsAt().toString());
        statement.setString(5, silence.reason());
        statement.setString(6, silence.createdBy());
        statement.setString(7, seconds(silence.expiresAt()));
    }
}
