package dev.minerwatch.sqlite;

import static dev.minerwatch.sqlite.SqliteRuleLedger.seconds;

import dev.minerwatch.store.ChannelReceipts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
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
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT channel FROM channel_receipts WHERE event_key = ? AND received_at IS NOT NULL")) {
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

    /** An insert, or an update of a claim whose lease has passed; nothing when the channel took it or a claim holds. */
    @Override
    public boolean claim(String eventId, String channel, String owner, Instant now, Duration lease) {
        return database.writeIf("claiming " + channel + " for " + eventId, connection -> {
            try (PreparedStatement claim = connection.prepareStatement("""
                    INSERT INTO channel_receipts (event_key, channel, claimed_by, claimed_until, expires_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (event_key, channel) DO UPDATE
                        SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until,
                            expires_at = excluded.expires_at
                        WHERE received_at IS NULL AND claimed_until < ?""")) {
                claim.setString(1, eventId);
                claim.setString(2, channel);
                claim.setString(3, owner);
                claim.setLong(4, now.plus(lease).toEpochMilli());
                claim.setString(5, seconds(now.plus(RECEIPT_RETENTION)));
                claim.setLong(6, now.toEpochMilli());
                return claim.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void channelTook(String eventId, String channel, Instant at) {
        database.write("remembering that " + channel + " took " + eventId, connection -> {
            try (PreparedStatement took = connection.prepareStatement("""
                    INSERT INTO channel_receipts (event_key, channel, received_at, expires_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (event_key, channel) DO UPDATE
                        SET received_at = excluded.received_at, expires_at = excluded.expires_at,
                            claimed_by = NULL, claimed_until = NULL""")) {
                took.setString(1, eventId);
                took.setString(2, channel);
                took.setString(3, at.toString());
                took.setString(4, seconds(at.plus(RECEIPT_RETENTION)));
                return took.executeUpdate();
            }
        });
    }

    @Override
    public void releaseClaim(String eventId, String channel, String owner) {
        database.write("giving up the claim of " + channel + " for " + eventId, connection -> {
            try (PreparedStatement release = connection.prepareStatement(
                    "DELETE FROM channel_receipts WHERE event_key = ? AND channel = ? AND claimed_by = ?"
                            + " AND received_at IS NULL")) {
                release.setString(1, eventId);
                release.setString(2, channel);
                release.setString(3, owner);
                return release.executeUpdate();
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
