package dev.minerwatch.sqlite;

import java.util.List;

/**
 * The schema of the local database, as an ordered list of migrations: migration {@code i} takes a file from
 * {@code PRAGMA user_version} {@code i} to {@code i + 1}, so version 0 is a new, empty file. A migration is applied in
 * one transaction with the version it reaches, so a file is always at exactly one version. Migrations are only ever
 * appended: a released one is never changed.
 *
 * <p>Names are kept plain for the {@code sqlite3} shell: days are ISO dates ({@code 2026-02-05}), instants ISO-8601
 * UTC text ({@code 2026-02-05T14:10:00Z}), lists and maps JSON text, booleans 0 or 1.
 */
final class Schema {

    /** Each migration's statements; the index is the version it starts from. */
    static final List<List<String>> MIGRATIONS = List.of(
            // 0 -> 1: the first schema.
            List.of("""
                    CREATE TABLE points (
                        series     TEXT    NOT NULL,           -- series id, such as btc_usd
                        day        TEXT    NOT NULL,           -- UTC day, ISO date
                        value      REAL    NOT NULL,           -- the day's value (for prices the newest observation)
                        open       REAL,                       -- open/high/low/close of the day's observations,
                        high       REAL,                       -- all four null for a point without them
                        low        REAL,
                        close      REAL,
                        sources    TEXT    NOT NULL,           -- JSON array of source names
                        as_of      TEXT    NOT NULL,           -- when the value was observed, ISO-8601 UTC
                        is_final   INTEGER NOT NULL CHECK (is_final IN (0, 1)),
                        details    TEXT    NOT NULL,           -- JSON object of further provenance
                        revision   INTEGER NOT NULL,           -- counts conditional writes of observations
                        written_by TEXT,                       -- execution id of the run that wrote it last
                        PRIMARY KEY (series, day),
                        CHECK ((open IS NULL) = (high IS NULL) AND (open IS NULL) = (low IS NULL)
                               AND (open IS NULL) = (close IS NULL))
                    ) STRICT, WITHOUT ROWID""", """
                    CREATE TABLE supply (
                        day        TEXT PRIMARY KEY,           -- UTC day, ISO date
                        supply_btc REAL NOT NULL               -- circulating supply in BTC
                    ) STRICT, WITHOUT ROWID""", """
                    CREATE TABLE rule_states (
                        state_key         TEXT    PRIMARY KEY, -- rule id, or <rule id>/<series>
                        active            INTEGER NOT NULL CHECK (active IN (0, 1)),
                        version           INTEGER NOT NULL,    -- writes are conditional on it; numbers the events
                        evaluated_through TEXT,                -- newest closed day read, ISO date
                        last_event_day    TEXT                 -- day of the newest event, ISO date
                    ) STRICT, WITHOUT ROWID""", """
                    CREATE TABLE alert_history (
                        event_key       TEXT    PRIMARY KEY,   -- <day>#<state key>#<state version>
                        rule_id         TEXT    NOT NULL,
                        title           TEXT,
                        severity        TEXT,                  -- CRITICAL, WARNING or INFO
                        kind            TEXT    NOT NULL,      -- FIRED or RESOLVED
                        series          TEXT    NOT NULL,
                        day             TEXT    NOT NULL,
                        value           REAL    NOT NULL,
                        threshold       REAL    NOT NULL,
                        rearm_level     REAL,                  -- null: the rule never resolves
                        unit            TEXT    NOT NULL,
                        as_of           TEXT    NOT NULL,
                        sources         TEXT    NOT NULL,      -- JSON array of source names
                        day_final       INTEGER NOT NULL CHECK (day_final IN (0, 1)),
                        threshold_basis TEXT,
                        detail          TEXT,
                        meaning         TEXT,
                        execution_id    TEXT    NOT NULL,      -- the run that recorded the event
                        recorded_at     TEXT    NOT NULL,
                        status          TEXT    NOT NULL CHECK (status IN ('PENDING', 'SENT')),
                        message_id      TEXT,                  -- the notifier's id, once sent
                        sent_at         TEXT,
                        expires_at      TEXT    NOT NULL       -- recorded_at + 400 days: deleted after, once sent
                    ) STRICT""", """
                    CREATE TABLE outbox (
                        event_key   TEXT    PRIMARY KEY REFERENCES alert_history (event_key),
                        lease_owner TEXT,                      -- execution id holding the right to publish
                        lease_until INTEGER,                   -- end of that lease, epoch milliseconds
                        attempts    INTEGER NOT NULL,          -- leases taken so far
                        last_error  TEXT                       -- why the last publish failed
                    ) STRICT, WITHOUT ROWID"""),
            // 1 -> 2: the instant of each state's newest change (evaluation time only moves forward), and parked
            // events. A parked event's history row keeps its status PENDING (the CHECK of alert_history allows no
            // other, and rebuilding a referenced table is a risk to no purpose): its row in parked_events is what
            // makes it PARKED.
            // evaluated_at: the evaluation instant of the state's newest change, ISO-8601 UTC.
            List.of("ALTER TABLE rule_states ADD COLUMN evaluated_at TEXT", """
                    CREATE TABLE parked_events (
                        event_key  TEXT    PRIMARY KEY REFERENCES alert_history (event_key) ON DELETE CASCADE,
                        parked_at  TEXT    NOT NULL,           -- when it left the outbox, ISO-8601 UTC
                        attempts   INTEGER NOT NULL,           -- delivery attempts it had
                        last_error TEXT    NOT NULL            -- why the channel refused it for good
                    ) STRICT, WITHOUT ROWID"""),
            // 2 -> 3: the closed days each rule has read and what it read there (DaysRead.encoded(), empty before),
            // so a revised day is told by its values and an each-day rule knows which days it fired for.
            List.of("ALTER TABLE rule_states ADD COLUMN days_read TEXT NOT NULL DEFAULT ''"),
            // 3 -> 4: silences, and the events they hold. A held event keeps its outbox row, marked with the silence;
            // its history row names the silence, and reads SILENCED until it is sent (the status column keeps
            // PENDING, as for parked events, so alert_history's CHECK stays as it is).
            List.of(
                    "ALTER TABLE alert_history ADD COLUMN silenced_by TEXT", // the silence that held it
                    "ALTER TABLE outbox ADD COLUMN held_by TEXT", // the silence holding it; null when none does
                    """
                    CREATE TABLE silences (
                        id         TEXT PRIMARY KEY,
                        rule_id    TEXT NOT NULL,              -- the rule whose events it holds
                        starts_at  TEXT NOT NULL,              -- ISO-8601 UTC, inclusive
                        ends_at    TEXT NOT NULL,              -- ISO-8601 UTC, exclusive; moved when ended early
                        reason     TEXT NOT NULL,
                        created_by TEXT NOT NULL,
                        expires_at TEXT NOT NULL               -- ends_at + 30 days, to the second: listed until
                    ) STRICT, WITHOUT ROWID"""),
            // 4 -> 5: reminders (a rule's remind_every). A state stored before has no active_since; the engine
            // stamps it at the next evaluation, and its reminders count from then.
            List.of(
                    // the evaluation instant the rule became active, ISO-8601 UTC; null while it is not
                    "ALTER TABLE rule_states ADD COLUMN active_since TEXT",
                    // the reminders recorded since it became active
                    "ALTER TABLE rule_states ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0"),
            // 5 -> 6: which channels took each event, so a retried forwarding skips them. Keyed by the event id
            // alone (no reference: the forwarder may see an event this file's history does not hold).
            List.of("""
                    CREATE TABLE channel_receipts (
                        event_key   TEXT NOT NULL,             -- the event_id the channel took
                        channel     TEXT NOT NULL,             -- webhook, slack, discord or telegram
                        received_at TEXT NOT NULL,             -- ISO-8601 UTC
                        expires_at  TEXT NOT NULL,             -- received_at + 2 days, to the second
                        PRIMARY KEY (event_key, channel)
                    ) STRICT, WITHOUT ROWID"""),
            // 6 -> 7: each event as one JSON document (RuleLedger.EventDocument) in place of a column per figure, so
            // a figure added to events needs no migration. The history is rebuilt, each row's figures converted into
            // its document (SQLite writes a REAL with the digits that read back as the same double); the outbox and
            // the parked events, which refer to it, are set aside and rebuilt after it, so no foreign key action
            // (a parked event's cascade) fires while the history is replaced.
            List.of(
                    "CREATE TEMP TABLE outbox_v6 AS SELECT * FROM outbox",
                    "CREATE TEMP TABLE parked_events_v6 AS SELECT * FROM parked_events",
                    """
                    CREATE TEMP TABLE alert_history_v6 AS SELECT event_key, json_object(
                        'documentVersion', 1,
                        'origin', json_object('ruleId', rule_id, 'title', title, 'severity', severity, 'kind', kind),
                        'figures', json_object('series', series, 'day', day, 'value', value, 'threshold', threshold,
                            'rearmLevel', rearm_level, 'unit', unit, 'asOf', as_of,
                            'dayFinal', json(CASE day_final WHEN 1 THEN 'true' ELSE 'false' END)),
                        'explanation', json_object('sources', json(sources), 'thresholdBasis', threshold_basis,
                            'detail', detail, 'meaning', meaning),
                        'recording', json_object('executionId', execution_id, 'recordedAt', recorded_at)) AS event,
                        status, message_id, sent_at, silenced_by, expires_at
                    FROM alert_history""",
                    "DROP TABLE parked_events",
                    "DROP TABLE outbox",
                    "DROP TABLE alert_history",
                    """
                    CREATE TABLE alert_history (
                        event_key   TEXT PRIMARY KEY,          -- <day>#<state key>#<state version>
                        event       TEXT NOT NULL CHECK (json_valid(event)), -- the event's JSON document
                        status      TEXT NOT NULL CHECK (status IN ('PENDING', 'SENT')),
                        message_id  TEXT,                      -- the notifier's id, once sent
                        sent_at     TEXT,
                        silenced_by TEXT,                      -- the silence that held it
                        expires_at  TEXT NOT NULL              -- recorded + 400 days: deleted after, once sent
                    ) STRICT""",
                    """
                    CREATE TABLE outbox (
                        event_key   TEXT    PRIMARY KEY REFERENCES alert_history (event_key),
                        lease_owner TEXT,                      -- execution id holding the right to publish
                        lease_until INTEGER,                   -- end of that lease, epoch milliseconds
                        attempts    INTEGER NOT NULL,          -- leases taken so far
                        last_error  TEXT,                      -- why the last publish failed
                        held_by     TEXT                       -- the silence holding it; null when none does
                    ) STRICT, WITHOUT ROWID""",
                    """
                    CREATE TABLE parked_events (
                        event_key  TEXT    PRIMARY KEY REFERENCES alert_history (event_key) ON DELETE CASCADE,
                        parked_at  TEXT    NOT NULL,           -- when it left the outbox, ISO-8601 UTC
                        attempts   INTEGER NOT NULL,           -- delivery attempts it had
                        last_error TEXT    NOT NULL            -- why the channel refused it for good
                    ) STRICT, WITHOUT ROWID""",
                    """
                    INSERT INTO alert_history (event_key, event, status, message_id, sent_at, silenced_by, expires_at)
                    SELECT event_key, event, status, message_id, sent_at, silenced_by, expires_at
                    FROM alert_history_v6""",
                    """
                    INSERT INTO outbox (event_key, lease_owner, lease_until, attempts, last_error, held_by)
                    SELECT event_key, lease_owner, lease_until, attempts, last_error, held_by FROM outbox_v6""",
                    """
                    INSERT INTO parked_events (event_key, parked_at, attempts, last_error)
                    SELECT event_key, parked_at, attempts, last_error FROM parked_events_v6""",
                    "DROP TABLE temp.alert_history_v6",
                    "DROP TABLE temp.outbox_v6",
                    "DROP TABLE temp.parked_events_v6"),
            // 7 -> 8: a post is claimed before it is made, so of two deliveries one posts. A claim is a row without
            // received_at, held by claimed_by until claimed_until; the table is rebuilt (received_at was NOT NULL).
            List.of(
                    """
                    CREATE TABLE channel_receipts_8 (
                        event_key     TEXT NOT NULL,           -- the event_id posted
                        channel       TEXT NOT NULL,           -- webhook, slack, discord or telegram
                        received_at   TEXT,                    -- ISO-8601 UTC when the channel took it; null: a claim
                        claimed_by    TEXT,                    -- the delivery holding the claim; null once taken
                        claimed_until INTEGER,                 -- end of the claim, epoch milliseconds
                        expires_at    TEXT NOT NULL,           -- 2 days on, to the second
                        PRIMARY KEY (event_key, channel),
                        CHECK ((received_at IS NULL) = (claimed_by IS NOT NULL))
                    ) STRICT, WITHOUT ROWID""",
                    "INSERT INTO channel_receipts_8 (event_key, channel, received_at, expires_at)"
                            + " SELECT event_key, channel, received_at, expires_at FROM channel_receipts",
                    "DROP TABLE channel_receipts",
                    "ALTER TABLE channel_receipts_8 RENAME TO channel_receipts"),
            // 8 -> 9: acknowledgements (minerwatch ack), one per episode of a rule state; its notice is an event like
            // any other, in alert_history and the outbox.
            List.of("""
                    CREATE TABLE acknowledgements (
                        episode_key   TEXT    PRIMARY KEY,     -- <state key>#<instant the state became active>
                        event_key     TEXT    NOT NULL,        -- the FIRED or REMINDER event acknowledged
                        state_key     TEXT    NOT NULL,
                        state_version INTEGER NOT NULL,        -- the state version of that event
                        episode       TEXT,                    -- active_since of the state, ISO-8601 UTC
                        by_whom       TEXT    NOT NULL,
                        at            TEXT    NOT NULL,        -- ISO-8601 UTC
                        reason        TEXT    NOT NULL,
                        expires_at    TEXT    NOT NULL         -- at + 400 days, to the second
                    ) STRICT, WITHOUT ROWID"""),
            // 9 -> 10: a channel's daily cap (<CHANNEL>_MAX_PER_DAY): a claim counted against it is marked with its
            // day, so that its retry is not counted again; a count per channel and UTC day, with the flag of its one
            // summary; the events a cap held, for the digest.
            List.of(
                    "ALTER TABLE channel_receipts ADD COLUMN counted_on TEXT", // UTC day counted; null: no cap
                    """
                    CREATE TABLE channel_caps (
                        channel      TEXT    NOT NULL,
                        day          TEXT    NOT NULL,         -- UTC day, ISO date
                        sent         INTEGER NOT NULL,         -- claims counted that day
                        summary_sent INTEGER NOT NULL CHECK (summary_sent IN (0, 1)),
                        expires_at   TEXT    NOT NULL,         -- the day + 4 days
                        PRIMARY KEY (channel, day)
                    ) STRICT, WITHOUT ROWID""",
                    """
                    CREATE TABLE channel_held (
                        day        TEXT NOT NULL,              -- UTC day, ISO date
                        channel    TEXT NOT NULL,
                        event_key  TEXT NOT NULL,              -- the event_id the cap held
                        title      TEXT NOT NULL,
                        kind       TEXT NOT NULL,
                        expires_at TEXT NOT NULL,              -- the day + 4 days
                        PRIMARY KEY (day, channel, event_key)
                    ) STRICT, WITHOUT ROWID"""),
            // 10 -> 11: the posts a channel's quiet hours defer, one per channel and event, kept until released
            // (or, never released, 2 days past their due time).
            List.of("""
                    CREATE TABLE deferred_posts (
                        channel    TEXT NOT NULL,              -- the channel whose quiet hours hold the post
                        event_key  TEXT NOT NULL,              -- the event_id of the message
                        due        TEXT NOT NULL,              -- when the quiet hours end, ISO-8601 UTC
                        message    TEXT NOT NULL,              -- the message, as JSON text
                        expires_at TEXT NOT NULL,              -- due + 2 days, to the second
                        PRIMARY KEY (channel, event_key)
                    ) STRICT, WITHOUT ROWID"""),
            // 11 -> 12: the email and SMS subscribers of a local run (no alert topic keeps them), one per endpoint
            // whatever the protocol (an address and an E.164 number never collide), kept until removed.
            List.of("""
                    CREATE TABLE subscribers (
                        endpoint      TEXT PRIMARY KEY,        -- the address or the E.164 number
                        protocol      TEXT NOT NULL,           -- email or sms
                        filter_policy TEXT NOT NULL,           -- the subscription's SNS filter policy, JSON text
                        since         TEXT NOT NULL            -- when it was first recorded, ISO-8601 UTC
                    ) STRICT, WITHOUT ROWID"""));

    /** The version this build creates and understands. */
    static final int LATEST = MIGRATIONS.size();

    private Schema() {}
}
