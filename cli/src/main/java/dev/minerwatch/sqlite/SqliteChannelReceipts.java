package dev.minerwatch.sqlite;

import static dev.minerwatch.sqlite.SqliteRuleLedger.seconds;

import dev.minerwatch.store.ChannelReceipts;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@link ChannelReceipts} in SQLite: the {@code channel_receipts} table, a row per event and channel; the daily
 * caps in {@code channel_caps} and {@code channel_held}; the deferred posts in {@code deferred_posts}, a row per
 * channel and event.
 */
final class SqliteChannelReceipts implements ChannelReceipts {

    /** The order of {@link #deferred()}: by due time, then channel, then event id. */
    private static final Comparator<Deferred> BY_DUE =
            Comparator.comparing(Deferred::due).thenComparing(Deferred::channel).thenComparing(Deferred::eventId);

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

    /** Deletes the claim, or lapses it when it was counted against a cap, so that its retry is not counted again. */
    @Override
    public void releaseClaim(String eventId, String channel, String owner) {
        database.write("giving up the claim of " + channel + " for " + eventId, connection -> {
            int released = 0;
            for (String sql : List.of(
                    "DELETE FROM channel_receipts WHERE event_key = ? AND channel = ? AND claimed_by = ?"
                            + " AND received_at IS NULL AND counted_on IS NULL",
                    "UPDATE channel_receipts SET claimed_until = 0 WHERE event_key = ? AND channel = ?"
                            + " AND claimed_by = ? AND received_at IS NULL AND counted_on IS NOT NULL")) {
                try (PreparedStatement release = connection.prepareStatement(sql)) {
                    release.setString(1, eventId);
                    release.setString(2, channel);
                    release.setString(3, owner);
                    released += release.executeUpdate();
                }
            }
            return released;
        });
    }

    /**
     * In one {@code BEGIN IMMEDIATE} transaction: the claim's row read; the count of the channel's day read and, below
     * the cap, incremented with the claim written; over it, the event recorded as held.
     */
    @Override
    public Claim claim(String eventId, String channel, String owner, Instant now, Duration lease, Cap cap) {
        String day = cap.day().toString();
        return database.write("claiming " + channel + " for " + eventId + " under its cap", connection -> {
            try (PreparedStatement read = connection.prepareStatement("SELECT received_at, claimed_until, counted_on"
                    + " FROM channel_receipts WHERE event_key = ? AND channel = ?")) {
                read.setString(1, eventId);
                read.setString(2, channel);
                try (ResultSet row = read.executeQuery()) {
                    if (row.next()) {
                        if (row.getString("received_at") != null
                                || row.getLong("claimed_until") >= now.toEpochMilli()) {
                            return Claim.HELD_ELSEWHERE;
                        }
                        if (day.equals(row.getString("counted_on"))) {
                            try (PreparedStatement again = connection.prepareStatement("UPDATE channel_receipts"
                                    + " SET claimed_by = ?, claimed_until = ? WHERE event_key = ? AND channel = ?")) {
                                again.setString(1, owner);
                                again.setLong(2, now.plus(lease).toEpochMilli());
                                again.setString(3, eventId);
                                again.setString(4, channel);
                                again.executeUpdate();
                            }
                            return Claim.CLAIMED;
                        }
                    }
                }
            }
            long sent = 0;
            try (PreparedStatement count =
                    connection.prepareStatement("SELECT sent FROM channel_caps WHERE channel = ? AND day = ?")) {
                count.setString(1, channel);
                count.setString(2, day);
                try (ResultSet row = count.executeQuery()) {
                    if (row.next()) {
                        sent = row.getLong("sent");
                    }
                }
            }
            if (sent >= cap.max()) {
                try (PreparedStatement hold = connection.prepareStatement("""
                        INSERT INTO channel_held (day, channel, event_key, title, kind, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                    hold.setString(1, day);
                    hold.setString(2, channel);
                    hold.setString(3, eventId);
                    hold.setString(4, cap.title());
                    hold.setString(5, cap.kind());
                    hold.setString(6, expiry(cap.day()));
                    hold.executeUpdate();
                }
                return Claim.OVER_CAP;
            }
            try (PreparedStatement counted = connection.prepareStatement("""
                    INSERT INTO channel_caps (channel, day, sent, summary_sent, expires_at) VALUES (?, ?, 1, 0, ?)
                    ON CONFLICT (channel, day) DO UPDATE SET sent = sent + 1""")) {
                counted.setString(1, channel);
                counted.setString(2, day);
                counted.setString(3, expiry(cap.day()));
                counted.executeUpdate();
            }
            try (PreparedStatement claim = connection.prepareStatement("""
                    INSERT INTO channel_receipts (event_key, channel, claimed_by, claimed_until, expires_at, counted_on)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (event_key, channel) DO UPDATE
                        SET claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until,
                            expires_at = excluded.expires_at, counted_on = excluded.counted_on""")) {
                claim.setString(1, eventId);
                claim.setString(2, channel);
                claim.setString(3, owner);
                claim.setLong(4, now.plus(lease).toEpochMilli());
                claim.setString(5, seconds(now.plus(RECEIPT_RETENTION)));
                claim.setString(6, day);
                claim.executeUpdate();
            }
            return Claim.CLAIMED;
        });
    }

    @Override
    public boolean takeCapSummary(String channel, LocalDate day) {
        return database.writeIf("taking the cap summary of " + channel + " for " + day, connection -> {
            try (PreparedStatement take = connection.prepareStatement("""
                    INSERT INTO channel_caps (channel, day, sent, summary_sent, expires_at) VALUES (?, ?, 0, 1, ?)
                    ON CONFLICT (channel, day) DO UPDATE SET summary_sent = 1 WHERE summary_sent = 0""")) {
                take.setString(1, channel);
                take.setString(2, day.toString());
                take.setString(3, expiry(day));
                return take.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<Held> held(LocalDate day) {
        return database.read("reading the events held on " + day, connection -> {
            List<Held> held = new ArrayList<>();
            try (PreparedStatement read = connection.prepareStatement("SELECT channel, event_key, title, kind"
                    + " FROM channel_held WHERE day = ? ORDER BY channel, event_key")) {
                read.setString(1, day.toString());
                try (ResultSet row = read.executeQuery()) {
                    while (row.next()) {
                        held.add(new Held(
                                row.getString("channel"),
                                day,
                                row.getString("event_key"),
                                row.getString("title"),
                                row.getString("kind")));
                    }
                }
            }
            return held;
        });
    }

    /** An insert that does nothing when the channel and event have a deferred post: true when a row was written. */
    @Override
    public boolean defer(Deferred post) {
        return database.writeIf("deferring the post of " + post.eventId() + " to " + post.channel(), connection -> {
            try (PreparedStatement defer = connection.prepareStatement("""
                    INSERT INTO deferred_posts (channel, event_key, due, message, expires_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (channel, event_key) DO NOTHING""")) {
                defer.setString(1, post.channel());
                defer.setString(2, post.eventId());
                defer.setString(3, post.due().toString());
                defer.setString(4, post.message());
                defer.setString(5, seconds(post.due().plus(RECEIPT_RETENTION)));
                return defer.executeUpdate() == 1;
            }
        });
    }

    /** One statement (consistent by itself), ordered here: ISO-8601 text of varying precision does not sort by time. */
    @Override
    public List<Deferred> deferred() {
        return database.read("reading the deferred posts", connection -> {
            List<Deferred> deferred = new ArrayList<>();
            try (PreparedStatement read =
                            connection.prepareStatement("SELECT channel, event_key, due, message FROM deferred_posts");
                    ResultSet row = read.executeQuery()) {
                while (row.next()) {
                    deferred.add(new Deferred(
                            row.getString("channel"),
                            row.getString("event_key"),
                            Instant.parse(row.getString("due")),
                            row.getString("message")));
                }
            }
            deferred.sort(BY_DUE);
            return deferred;
        });
    }

    @Override
    public void undefer(String channel, String eventId) {
        database.write("removing the deferred post of " + eventId + " to " + channel, connection -> {
            try (PreparedStatement undefer =
                    connection.prepareStatement("DELETE FROM deferred_posts WHERE channel = ? AND event_key = ?")) {
                undefer.setString(1, channel);
                undefer.setString(2, eventId);
                return undefer.executeUpdate();
            }
        });
    }

    private static String expiry(LocalDate day) {
        return seconds(day.plusDays(4).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Deletes the receipts past their expiry, as DynamoDB's time to live does; nothing is written when none has. A
     * deferred post is kept until it is released, whatever the time of the store's history: it is removed by its
     * release ({@link #undefer}), so a store of recorded days (the demo's, February 2026) opened months later still
     * releases what its quiet hours held.
     */
    void deleteExpired(Instant now) {
        database.deleteIfAny(
                "deleting expired channel receipts",
                "SELECT 1 FROM channel_receipts WHERE expires_at < ? LIMIT 1",
                "DELETE FROM channel_receipts WHERE expires_at < ?",
                List.of(seconds(now)));
        for (String table : List.of("channel_caps", "channel_held")) {
            database.deleteIfAny(
                    "deleting expired " + table,
                    "SELECT 1 FROM " + table + " WHERE expires_at < ? LIMIT 1",
                    "DELETE FROM " + table + " WHERE expires_at < ?",
                    List.of(seconds(now)));
        }
    }
}
