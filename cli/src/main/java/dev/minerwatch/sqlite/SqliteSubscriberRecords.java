package dev.minerwatch.sqlite;

import dev.minerwatch.store.SubscriberRecords;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SubscriberRecords} in SQLite: the {@code subscribers} table, a row per endpoint (its primary key), whatever
 * the protocol: an address and an E.164 number never collide. Kept until removed: no expiry.
 */
final class SqliteSubscriberRecords implements SubscriberRecords {

    private final SqliteDatabase database;

    SqliteSubscriberRecords(SqliteDatabase database) {
        this.database = database;
    }

    /**
     * In one {@code BEGIN IMMEDIATE} transaction, so no other process comes between: an insert, which is the new
     * record; when the endpoint has one, an update of its protocol and policy, which leaves its {@code since} alone.
     */
    @Override
    public boolean put(SubscriberRecord record) {
        return database.write("recording a " + record.protocol() + " subscriber", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO subscribers (endpoint, protocol, filter_policy, since) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (endpoint) DO NOTHING")) {
                insert.setString(1, record.endpoint());
                insert.setString(2, record.protocol());
                insert.setString(3, record.filterPolicy());
                insert.setString(4, record.since().toString());
                if (insert.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement replace = connection.prepareStatement(
                    "UPDATE subscribers SET protocol = ?, filter_policy = ? WHERE endpoint = ?")) {
                replace.setString(1, record.protocol());
                replace.setString(2, record.filterPolicy());
                replace.setString(3, record.endpoint());
                replace.executeUpdate();
            }
            return false;
        });
    }

    /** Ordered here ({@link SubscriberRecords#ORDER}): SQLite's collation compares UTF-8 bytes, Java UTF-16 units. */
    @Override
    public List<SubscriberRecord> all() {
        return database.read("reading the subscribers", connection -> {
            List<SubscriberRecord> records = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT endpoint, protocol, filter_policy, since FROM subscribers");
                    ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    records.add(new SubscriberRecord(
                            row.getString("protocol"),
                            row.getString("endpoint"),
                            row.getString("filter_policy"),
                            Columns.instant(row, "since")));
                }
            }
            records.sort(ORDER);
            return records;
        });
    }

    @Override
    public boolean remove(String endpoint) {
        return database.writeIf("removing a subscriber", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM subscribers WHERE endpoint = ?")) {
                delete.setString(1, endpoint);
                return delete.executeUpdate() == 1;
            }
        });
    }
}
