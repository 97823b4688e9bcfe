package dev.minerwatch.sqlite;

import static dev.minerwatch.sqlite.SqliteRuleLedger.seconds;

import dev.minerwatch.store.ChannelReceipts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The {@link ChannelReceipts} in SQLite: the {@code channel_receipts} table, a row per event and channel. */
final class SqliteChannelReceipts implements ChannelReceipts {

    private final SqliteDatabase database;

    SqliteChannelReceipts(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public Set<String> channelsThatTook(String eventId) {
        return database.read("reading the channels that took " + eventId, connection -> {
            Set<String> channels = new TreeSet<>();
            try (PreparedStatement statement =
                    connection.prepareStatement("SELECT channel FROM channel_receipts WHERE event_key = ?")) {
                statement.setString(1, eventId);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        channels.add(row.getString("channel"));
                    }
                }
            }
            return channels;
        });
    }

    @Override
    public void channelTook(String eventId, String channel, Instant at) {
        database.write("remembering that " + channel + " took " + eventId, connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO channel_receipts (event_key, channel, received_at, expires_at) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (event_key, channel) DO NOTHING")) {
                insert.setString(1, eventId);
                insert.setString(2, channel);
                insert.setString(3, at.toString());
                insert.setString(4, seconds(at.plus(RECEIPT_RETENTION)));
                return insert.executeUpdate();
            }
        });
    }

    /** Deletes the receipts past their expiry, as DynamoDB's time to live does; nothing is written when none has. */
    void deleteExpired(Instant now) {
        database.deleteIfAny(
                "deleting expired channel receipts",
                "SELECT 1 FROM channel_receipts WHERE expires_at < ? LIMIT 1",
                "DELETE FROM channel_receipts WHERE expires_at < ?",
                List.of(seconds(now)));
    }
}
