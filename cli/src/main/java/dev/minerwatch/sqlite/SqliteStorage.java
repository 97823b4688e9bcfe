package dev.minerwatch.sqlite;

import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Silences;
import dev.minerwatch.store.Storage;
import dev.minerwatch.store.SubscriberRecords;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The local store: one SQLite database file, {@code <data dir>/minerwatch.db}, holding the points, the rule states,
 * the alert history and the outbox, the channel receipts and the subscribers (docs/storage.md). The file is created if
 * missing (its folder 0700, the file 0600) and its schema migrated to the version this build knows; a file from a
 * newer build is refused.
 *
 * <p>One connection per storage, shared by its point store, rule ledger, silences, channel receipts and subscriber
 * records under one lock, so the collectors' threads take turns on it; other processes on the same file (another CLI
 * command) queue for SQLite's write lock for up to {@link SqliteDatabase#BUSY_TIMEOUT}.
 */
public final class SqliteStorage implements Storage {

    /** The database file's name in the data folder. */
    public static final String FILE_NAME = "minerwatch.db";

    private final SqliteDatabase database;
    private final SqlitePointStore points;
    private final SqliteRuleLedger ledger;
    private final SqliteSilences silences;
    private final SqliteChannelReceipts receipts;
    private final SqliteSubscriberRecords subscribers;

    private SqliteStorage(SqliteDatabase database) {
        this.database = database;
        this.points = new SqlitePointStore(database);
        this.ledger = new SqliteRuleLedger(database);
        this.silences = new SqliteSilences(database);
        this.receipts = new SqliteChannelReceipts(database);
        this.subscribers = new SqliteSubscriberRecords(database);
    }

    /** Opens (creating if missing) the database in {@code dataDir}. */
    public static SqliteStorage open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the clock that decides which alert history has expired. */
    static SqliteStorage open(Path dataDir, Clock clock) {
        SqliteStorage storage = new SqliteStorage(SqliteDatabase.open(file(dataDir)));
        try {
            storage.ledger.deleteExpiredHistory(clock.instant());
            storage.receipts.deleteExpired(clock.instant());
            return storage;
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    /** The database file of a data folder, absolute. */
    public static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    public Path file() {
        return database.file();
    }

    @Override
    public PointStore points() {
        return points;
    }

    @Override
    public RuleLedger ledger() {
        return ledger;
    }

    @Override
    public Silences silences() {
        return silences;
    }

    @Override
    public ChannelReceipts receipts() {
        return receipts;
    }

    @Override
    public SubscriberRecords subscribers() {
        return subscribers;
    }

    @Override
    public String description() {
        return "SQLite database " + database.file();
    }

    /** Closes the connection; SQLite then folds the write-ahead log into the file (when no other process has it open). */
    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return description();
    }
}
