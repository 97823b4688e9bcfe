package dev.minerwatch.sqlite;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.EventDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link RuleLedger} in SQLite: {@code rule_states}, {@code alert_history} (each event as one JSON document,
 * {@link EventDocument}) and {@code outbox}, whose entries refer to their history row. A decision is one
 * {@code BEGIN IMMEDIATE} transaction that inserts or updates each state only if its version is still the one read,
 * and inserts each event's history row and outbox entry only if its key is new; anything else rolls the whole
 * decision back. A parked event has a row in {@code parked_events} and none in
 * {@code outbox}. A held event's outbox row names its silence ({@code held_by}), as its history row does
 * ({@code silenced_by}, kept once sent); silences have a table of their own ({@link SqliteSilences}), read in the
 * same snapshot as the states.
 */
final class SqliteRuleLedger implements RuleLedger {

    static final String PENDING = HistoryEntry.PENDING;
    static final String SENT = HistoryEntry.SENT;

    /** An event's columns: its key, and the rest as one document ({@link EventDocument}). */
    private static final String EVENT_COLUMNS = "event_key, event";
    /**
     * The history's columns, a parked event's status read as PARKED and a silenced one's, until it is sent, as
     * SILENCED: from {@code alert_history h LEFT JOIN parked_events p}.
     */
    private static final String HISTORY_COLUMNS = prefixed("h.", EVENT_COLUMNS)
            + ", CASE WHEN p.event_key IS NOT NULL THEN '" + HistoryEntry.PARKED + "'"
            + " WHEN h.status = '" + PENDING + "' AND h.silenced_by IS NOT NULL THEN '" + HistoryEntry.SILENCED + "'"
            + " ELSE h.status END AS status"
            + ", h.message_id, h.sent_at, p.last_error, h.silenced_by";

    private static final String HISTORY = "alert_history h LEFT JOIN parked_events p ON p.event_key = h.event_key";

    private final SqliteDatabase database;

    SqliteRuleLedger(SqliteDatabase database) {
        this.database = database;
    }

    /** The states, the outbox and the silences from one snapshot of the file. */
    @Override
    public Snapshot load() {
        return database.readConsistently("reading the rule states and the outbox", connection -> {
            Map<String, RuleState> states = new LinkedHashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT state_key, active, version, evaluated_through, last_event_day, evaluated_at, days_read,"
                                    + " active_since, reminders_sent FROM rule_states");
                    ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    RuleState state = new RuleState(
                            row.getString("state_key"),
                            Columns.bool(row, "active"),
                            row.getLong("version"),
                            Columns.day(row, "evaluated_through"),
                            Columns.day(row, "last_event_day"),
                            Columns.instant(row, "evaluated_at"),
                            DaysRead.parse(row.getString("days_read")),
                            Columns.instant(row, "active_since"),
                            row.getLong("reminders_sent"));
                    states.put(state.key(), state);
                }
            }
            List<AlertEvent> pending = new ArrayList<>();
            Map<String, Long> attempts = new HashMap<>();
            Map<String, String> heldBy = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT " + prefixed("h.", EVENT_COLUMNS)
                                    + ", o.attempts, o.held_by FROM outbox o JOIN alert_history h ON h.event_key = o.event_key");
                    ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    AlertEvent event = event(row);
                    pending.add(event);
                    attempts.put(event.key(), row.getLong("attempts"));
                    String silence = row.getString("held_by");
                    if (silence != null) {
                        heldBy.put(event.key(), silence);
                    }
                }
            }
            return new Snapshot(
                    states,
                    pending,
                    attempts,
                    heldBy,
                    SqliteSilences.silences(connection),
                    acknowledgements(connection));
        });
    }

    /** One transaction: the acknowledgement if its episode has none, and then its notice's history and outbox rows. */
    @Override
    public Optional<Acknowledgement> acknowledge(Acknowledgement acknowledgement, AlertEvent notice) {
        return database.write("acknowledging " + acknowledgement.eventKey(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                            INSERT INTO acknowledgements (episode_key, event_key, state_key, state_version, episode,
                                by_whom, at, reason, expires_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (episode_key) DO NOTHING""");
                    PreparedStatement history = connection.prepareStatement("INSERT INTO alert_history ("
                            + EVENT_COLUMNS + ", status, expires_at) VALUES (" + placeholders(4) + ")");
                    PreparedStatement outbox =
                            connection.prepareStatement("INSERT INTO outbox (event_key, attempts) VALUES (?, 0)")) {
                insert.setString(1, acknowledgement.episodeKey());
                insert.setString(2, acknowledgement.eventKey());
                insert.setString(3, acknowledgement.stateKey());
                insert.setLong(4, acknowledgement.stateVersion());
                Columns.setString(
                        insert,
                        5,
                        acknowledgement.episode() == null
                                ? null
                                : acknowledgement.episode().toString());
                insert.setString(6, acknowledgement.by());
                insert.setString(7, acknowledgement.at().toString());
                insert.setString(8, acknowledgement.reason());
                insert.setString(9, expiresAt(acknowledgement.at()));
                if (insert.executeUpdate() != 1) {
                    return acknowledgements(connection).stream()
                            .filter(kept -> kept.episodeKey().equals(acknowledgement.episodeKey()))
                            .findFirst();
                }
                int next = bindEvent(history, notice);
                history.setString(next++, PENDING);
                history.setString(next, expiresAt(notice.recordedAt()));
                history.executeUpdate();
                outbox.setString(1, notice.key());
                outbox.executeUpdate();
                return Optional.<Acknowledgement>empty();
            }
        });
    }

    @Override
    public List<Acknowledgement> acknowledgements() {
        return database.read("reading the acknowledgements", SqliteRuleLedger::acknowledgements);
    }

    private static List<Acknowledgement> acknowledgements(Connection connection) throws SQLException {
        List<Acknowledgement> acknowledgements = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT event_key, state_key, state_version, episode, by_whom, at, reason FROM acknowledgements");
                ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                acknowledgements.add(new Acknowledgement(
                        row.getString("event_key"),
                        row.getString("state_key"),
                        row.getLong("state_version"),
                        Columns.instant(row, "episode"),
                        row.getString("by_whom"),
                        Columns.instant(row, "at"),
                        row.getString("reason")));
            }
        }
        acknowledgements.sort(Acknowledgement.NEWEST_FIRST);
        return acknowledgements;
    }

    @Override
    public boolean record(Collection<StateChange> changes, List<AlertEvent> events, Duration lease) {
        RuleLedger.requireRecordable(changes, events);
        if (changes.isEmpty() && events.isEmpty()) {
            return true;
        }
        return database.writeIf(
                "recording " + changes.size() + " rule states and " + events.size() + " events", connection -> {
                    try (PreparedStatement state = connection.prepareStatement("""
                            INSERT INTO rule_states (state_key, active, version, evaluated_through, last_event_day,
                                evaluated_at, days_read, active_since, reminders_sent)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (state_key) DO UPDATE SET active = excluded.active, version = excluded.version,
                                evaluated_through = excluded.evaluated_through, last_event_day = excluded.last_event_day,
                                evaluated_at = excluded.evaluated_at, days_read = excluded.days_read,
                                active_since = excluded.active_since, reminders_sent = excluded.reminders_sent
                            WHERE rule_states.version = ?""")) {
                        for (StateChange change : changes) {
                            RuleState next = change.next();
                            state.setString(1, next.key());
                            state.setInt(2, next.active() ? 1 : 0);
                            state.setLong(3, next.version());
                            Columns.setString(state, 4, Columns.text(next.evaluatedThrough()));
                            Columns.setString(state, 5, Columns.text(next.lastEventDay()));
                            Columns.setString(
                                    state,
                                    6,
                                    next.evaluatedAt() == null
                                            ? null
                                            : next.evaluatedAt().toString());
                            state.setString(7, next.daysRead().encoded());
                            Columns.setString(
                                    state,
                                    8,
                                    next.activeSince() == null
                                            ? null
                                            : next.activeSince().toString());
                            state.setLong(9, next.remindersSent());
                            state.setLong(10, change.previous().version());
                            if (state.executeUpdate() != 1) {
                                return false; // another evaluation changed the state since it was read
                            }
                        }
                    }
                    try (PreparedStatement history = connection.prepareStatement("INSERT INTO alert_history ("
                                    + EVENT_COLUMNS + ", status, expires_at) VALUES (" + placeholders(4)
                                    + ") ON CONFLICT (event_key) DO NOTHING");
                            PreparedStatement outbox = connection.prepareStatement("""
                                 INSERT INTO outbox (event_key, lease_owner, lease_until, attempts) VALUES (?, ?, ?, 1)
                                 ON CONFLICT (event_key) DO NOTHING""")) {
                        for (AlertEvent event : events) {
                            int next = bindEvent(history, event);
                            history.setString(next++, PENDING);
                            history.setString(next, expiresAt(event.recordedAt()));
                            if (history.executeUpdate() != 1) {
                                return false; // already recorded
                            }
                            outbox.setString(1, event.key());
                            outbox.setString(2, event.recording().executionId());
                            outbox.setLong(3, event.recordedAt().plus(lease).toEpochMilli());
                            if (outbox.executeUpdate() != 1) {
                                return false;
                            }
                        }
                    }
                    return true;
                });
    }

    @Override
    public boolean claim(String eventKey, String owner, Instant now, Duration lease) {
        return database.writeIf("claiming " + eventKey, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE outbox SET lease_owner = ?, lease_until = ?, attempts = attempts + 1
                    WHERE event_key = ? AND (lease_until IS NULL OR lease_until < ?)""")) {
                update.setString(1, owner);
                update.setLong(2, now.plus(lease).toEpochMilli());
                update.setString(3, eventKey);
                update.setLong(4, now.toEpochMilli());
                return update.executeUpdate() == 1;
            }
        });
    }

    /** One transaction for all: each entry removed (and its history marked sent) only if {@code owner} holds it. */
    @Override
    public List<String> markSent(List<Sent> sent, String owner, Instant sentAt) {
        if (sent.isEmpty()) {
            return List.of();
        }
        return database.write("marking " + sent.size() + " events sent", connection -> {
            List<String> leaseLost = new ArrayList<>();
            try (PreparedStatement delete =
                            connection.prepareStatement("DELETE FROM outbox WHERE event_key = ? AND lease_owner = ?");
                    PreparedStatement history = connection.prepareStatement(
                            "UPDATE alert_history SET status = ?, message_id = ?, sent_at = ? WHERE event_key = ?")) {
                for (Sent one : sent) {
                    delete.setString(1, one.eventKey());
                    delete.setString(2, owner);
                    if (delete.executeUpdate() != 1) {
                        leaseLost.add(one.eventKey());
                        continue;
                    }
                    history.setString(1, SENT);
                    Columns.setString(history, 2, one.messageId());
                    history.setString(3, sentAt.toString());
                    history.setString(4, one.eventKey());
                    history.executeUpdate();
                }
            }
            return leaseLost;
        });
    }

    @Override
    public void release(String eventKey, String owner, String error) {
        database.write("releasing " + eventKey, connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE outbox SET lease_owner = NULL, lease_until = NULL, last_error = ?
                    WHERE event_key = ? AND lease_owner = ?""")) {
                Columns.setString(update, 1, error);
                update.setString(2, eventKey);
                update.setString(3, owner);
                return update.executeUpdate(); // 0: another run took the event over; it delivers or releases it
            }
        });
    }

    /** Moves the entry from the outbox to {@code parked_events}, in one transaction, if {@code owner} holds it. */
    @Override
    public boolean park(String eventKey, String owner, String error, Instant parkedAt) {
        return database.writeIf("parking " + eventKey, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM outbox WHERE event_key = ? AND lease_owner = ? RETURNING attempts");
                    PreparedStatement park = connection.prepareStatement(
                            "INSERT INTO parked_events (event_key, parked_at, attempts, last_error) VALUES (?, ?, ?, ?)")) {
                delete.setString(1, eventKey);
                delete.setString(2, owner);
                long attempts;
                try (ResultSet removed = delete.executeQuery()) {
                    if (!removed.next()) {
                        return false; // another run took the event over
                    }
                    attempts = removed.getLong("attempts");
                }
                park.setString(1, eventKey);
                park.setString(2, parkedAt.toString());
                park.setLong(3, attempts);
                park.setString(4, error);
                return park.executeUpdate() == 1;
            }
        });
    }

    /** One transaction: the parked row removed (the history row reads PENDING again) and an unleased outbox row. */
    @Override
    public boolean requeue(String eventKey) {
        return database.writeIf("requeueing " + eventKey, connection -> {
            try (PreparedStatement unpark =
                            connection.prepareStatement("DELETE FROM parked_events WHERE event_key = ?");
                    PreparedStatement outbox =
                            connection.prepareStatement("INSERT INTO outbox (event_key, attempts) VALUES (?, 0)")) {
                unpark.setString(1, eventKey);
                if (unpark.executeUpdate() != 1) {
                    return false; // not parked
                }
                outbox.setString(1, eventKey);
                return outbox.executeUpdate() == 1;
            }
        });
    }

    /** Gives up the lease, undoing the attempt it counted, and marks both rows with the silence; one transaction. */
    @Override
    public void hold(String eventKey, String owner, String silenceId) {
        database.writeIf("holding " + eventKey + " for silence " + silenceId, connection -> {
            try (PreparedStatement outbox = connection.prepareStatement("""
                            UPDATE outbox SET lease_owner = NULL, lease_until = NULL, held_by = ?,
                                attempts = MAX(attempts - 1, 0)
                            WHERE event_key = ? AND lease_owner = ?""");
                    PreparedStatement history = connection.prepareStatement(
                            "UPDATE alert_history SET silenced_by = ? WHERE event_key = ?")) {
                outbox.setString(1, silenceId);
                outbox.setString(2, eventKey);
                outbox.setString(3, owner);
                if (outbox.executeUpdate() != 1) {
                    return false; // another run took the event over
                }
                history.setString(1, silenceId);
                history.setString(2, eventKey);
                return history.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean dismiss(String eventKey, String owner) {
        return database.writeIf("dismissing " + eventKey, connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM outbox WHERE event_key = ? AND lease_owner = ?")) {
                delete.setString(1, eventKey);
                delete.setString(2, owner);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<HistoryEntry> history(int limit) {
        return historyWhere("reading the alert history", "ORDER BY h.event_key DESC LIMIT " + Math.max(limit, 0));
    }

    @Override
    public List<HistoryEntry> parked() {
        return historyWhere("reading the parked events", "WHERE p.event_key IS NOT NULL ORDER BY h.event_key DESC");
    }

    private List<HistoryEntry> historyWhere(String what, String clauses) {
        return database.read(what, connection -> {
            List<HistoryEntry> entries = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(
                            "SELECT " + HISTORY_COLUMNS + " FROM " + HISTORY + " " + clauses);
                    ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    entries.add(new HistoryEntry(
                            event(row),
                            row.getString("status"),
                            row.getString("message_id"),
                            Columns.instant(row, "sent_at"),
                            row.getString("last_error"),
                            row.getString("silenced_by")));
                }
            }
            return entries;
        });
    }

    /**
     * Deletes the history rows past their expiry ({@link #HISTORY_RETENTION} after they were recorded), as DynamoDB's
     * time to live does, except those still waiting in the outbox; and so the acknowledgements past theirs. Cheap: nothing is written when nothing expired.
     */
    void deleteExpiredHistory(Instant now) {
        String cutoff = seconds(now);
        database.deleteIfAny(
                "deleting expired alert history",
                "SELECT 1 FROM alert_history WHERE expires_at < ? LIMIT 1",
                "DELETE FROM alert_history WHERE expires_at < ? AND event_key NOT IN (SELECT event_key FROM outbox)",
                List.of(cutoff));
        database.deleteIfAny(
                "deleting expired acknowledgements",
                "SELECT 1 FROM acknowledgements WHERE expires_at < ? LIMIT 1",
                "DELETE FROM acknowledgements WHERE expires_at < ?",
                List.of(cutoff));
    }

    /** An expiry as ISO-8601 UTC text to the second, so that text order is time order. */
    static String expiresAt(Instant recordedAt) {
        return seconds(recordedAt.plus(HISTORY_RETENTION));
    }

    static String seconds(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Binds every column of {@link #EVENT_COLUMNS}, in its order; returns the index of the next parameter. */
    private static int bindEvent(PreparedStatement statement, AlertEvent event) throws SQLException {
        statement.setString(1, event.key());
        statement.setString(2, EventDocument.write(event));
        return 3;
    }

    private static AlertEvent event(ResultSet row) throws SQLException {
        return EventDocument.read(row.getString("event_key"), row.getString("event"));
    }

    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The columns of a comma-separated list, each with a table alias, so the result keeps the plain names. */
    private static String prefixed(String alias, String columns) {
        return String.join(
                ", ", Arrays.stream(columns.split(",\\s*")).map(c -> alias + c).toList());
    }
}
