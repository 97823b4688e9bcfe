package dev.minerwatch.sqlite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.sqlite.SQLiteConfig;

/**
 * The one JDBC connection to the database file, and the only way to use it: every operation holds one lock (the
 * connection is not for several threads at once), and every write runs in a {@code BEGIN IMMEDIATE} transaction, which
 * takes SQLite's write lock up front, so that two processes on one file queue behind each other (for up to the busy
 * timeout) instead of failing half-way through a read-modify-write.
 */
final class SqliteDatabase implements AutoCloseable {

    /** How long a write waits for another process's transaction before giving up. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<PosixFilePermission> FOLDER_PERMISSIONS = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");
    /** SQLite's primary result code for "the database file is locked". */
    private static final int SQLITE_BUSY = 5;
    /** SQLite's primary result code for "attempt to write a readonly database". */
    private static final int SQLITE_READONLY = 8;

    /** How the file is opened: for reading and writing, or read-only where it cannot be written (a read-only mount). */
    enum Access {
        READ_WRITE,
        /**
         * The file or its folder cannot be written: opened read-only and immutable (SQLite could create no -shm file
         * beside it for WAL), no migration, no clean-up; a write fails naming the file.
         */
        READ_ONLY;

        /** Read-only when the file exists and it, or the folder its -wal and -shm files go into, cannot be written. */
        static Access of(Path file) {
            return Files.exists(file) && !(Files.isWritable(file) && Files.isWritable(file.getParent()))
                    ? READ_ONLY
                    : READ_WRITE;
        }
    }

    /** Work on the connection inside one of this class's lock-and-transaction brackets. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;
    private final Access access;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private SqliteDatabase(Path file, Connection connection, Access access) {
        this.file = file;
        this.connection = connection;
        this.access = access;
    }

    /**
     * Opens {@code file}, creating it and its folder if missing (the folder 0700, the file 0600 where the file system
     * has POSIX permissions), and brings its schema to {@link Schema#LATEST}.
     *
     * A file that cannot be written (a read-only mount) is opened read-only ({@link Access#READ_ONLY}), so the
     * commands that only read still work.
     *
     * @throws IllegalStateException when the file's schema is newer than this build knows (or not one any build
     *     writes), or it cannot be opened
     */
    static SqliteDatabase open(Path file) {
        return open(file, Access.of(file));
    }

    static SqliteDatabase open(Path file, Access access) {
        boolean created = access == Access.READ_WRITE && createPrivately(file);
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
            config.setReadOnly(access == Access.READ_ONLY);
            connection = config.createConnection(
                    access == Access.READ_ONLY
                            ? "jdbc:sqlite:" + file.toUri() + "?immutable=1"
                            : "jdbc:sqlite:" + file);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the SQLite database " + file + ": " + e.getMessage(), e);
        }
        SqliteDatabase database = new SqliteDatabase(file, connection, access);
        try {
            if (access == Access.READ_ONLY) {
                database.refuseIfNotLatest();
                return database;
            }
            database.configure();
            database.migrate();
            if (created) {
                database.restrictWalFiles(); // there once the first transaction (the migration) has written
            }
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    Path file() {
        return file;
    }

    /** A read of one statement (consistent by itself), under the lock. */
    <T> T read(String what, Work<T> work) {
        return locked(what, () -> work.run(connection));
    }

    /** A read of several statements from one snapshot of the file: a deferred (read) transaction. */
    <T> T readConsistently(String what, Work<T> work) {
        return locked(what, () -> transaction("BEGIN", work, result -> true));
    }

    /** A write, committed when {@code work} returns and rolled back when it throws. */
    <T> T write(String what, Work<T> work) {
        return locked(what, () -> transaction("BEGIN IMMEDIATE", work, result -> true));
    }

    /**
     * A write decision: committed when {@code work} returns true, rolled back (writing nothing) when it returns false,
     * as when a condition it checks no longer holds.
     */
    boolean writeIf(String what, Work<Boolean> work) {
        return locked(what, () -> transaction("BEGIN IMMEDIATE", work, Boolean::booleanValue));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close the SQLite database " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private interface Locked<T> {
        T run() throws SQLException;
    }

    private <T> T locked(String what, Locked<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the SQLite database " + file + " is closed (" + what + ")");
            }
            return work.run();
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T transaction(String begin, Work<T> work, Predicate<T> commit) throws SQLException {
        execute(begin);
        boolean ended = false;
        try {
            T result = work.run(connection);
            execute(commit.test(result) ? "COMMIT" : "ROLLBACK");
            ended = true;
            return result;
        } finally {
            if (!ended) {
                rollbackQuietly();
            }
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException noTransactionLeft) {
            // SQLite rolls some failures back by itself; nothing is left to undo.
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        if ((e.getErrorCode() & 0xff) == SQLITE_READONLY) {
            return new IllegalStateException(
                    "SQLite database " + file + " is read-only (the file or its folder cannot be written): " + what
                            + " needs a data folder minerwatch can write",
                    e);
        }
        if ((e.getErrorCode() & 0xff) == SQLITE_BUSY) {
            return new IllegalStateException(
                    "SQLite database " + file + ": " + what + " waited " + BUSY_TIMEOUT.toSeconds()
                            + " s for another process's write and gave up: " + e.getMessage(),
                    e);
        }
        return new IllegalStateException("SQLite database " + file + ": " + what + " failed: " + e.getMessage(), e);
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The pragmas of every connection; the busy timeout first, so that switching to WAL waits too. */
    private void configure() {
        locked("configuring the connection", () -> {
            execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT.toMillis());
            String mode = pragma("journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(mode)) {
                // A file system without shared memory (some network mounts) keeps the rollback journal: still correct.
                System.err.println("minerwatch: SQLite database " + file + " stays in journal mode " + mode
                        + " (WAL is not available on its file system)");
            }
            execute("PRAGMA synchronous = NORMAL");
            execute("PRAGMA foreign_keys = ON");
            return null;
        });
    }

    private String pragma(String pragma) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA " + pragma)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    int userVersion() {
        return read("reading the schema version", connection -> Integer.parseInt(pragma("user_version")));
    }

    /** Applies the missing migrations, each in one transaction with the version it reaches. */
    private void migrate() {
        refuseIfUnknown(userVersion());
        for (int from = userVersion(); from < Schema.LATEST; from = userVersion()) {
            int expected = from;
            write("migrating the schema from version " + from, connection -> {
                int version = Integer.parseInt(pragma("user_version")); // another process may have migrated meanwhile
                refuseIfUnknown(version);
                if (version == expected) {
                    for (String statement : Schema.MIGRATIONS.get(version)) {
                        execute(statement);
                    }
                    execute("PRAGMA user_version = " + (version + 1));
                }
                return null;
            });
        }
    }

    /** A read-only file is read as it is: only at the schema this build reads. */
    private void refuseIfNotLatest() {
        int version = userVersion();
        refuseIfUnknown(version);
        if (version < Schema.LATEST) {
            throw new IllegalStateException("the SQLite database " + file + " is read-only and has schema version "
                    + version + ", older than this build's " + Schema.LATEST
                    + ": open it once where it can be written, and minerwatch brings it up to date");
        }
    }

    private void refuseIfUnknown(int version) {
        if (version < 0) {
            throw new IllegalStateException("the SQLite database " + file + " has schema version " + version
                    + ", which no minerwatch writes (versions 0 to " + Schema.LATEST
                    + "): the file is damaged or not minerwatch's; move it away to start afresh");
        }
        if (version > Schema.LATEST) {
            throw new IllegalStateException("the SQLite database " + file + " has schema version " + version
                    + ", newer than this build of minerwatch knows (versions up to " + Schema.LATEST
                    + "): it was written by a newer minerwatch; use that, or move the file away to start afresh");
        }
    }

    /**
     * Deletes with one statement when a quick look finds something to delete: for cheap clean-ups on open, which a
     * read-only file goes without.
     */
    void deleteIfAny(String what, String exists, String delete, List<Object> parameters) {
        boolean any = read(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(exists)) {
                bind(statement, parameters);
                try (ResultSet result = statement.executeQuery()) {
                    return result.next();
                }
            }
        });
        if (any && access == Access.READ_WRITE) {
            write(what, connection -> {
                try (PreparedStatement statement = connection.prepareStatement(delete)) {
                    bind(statement, parameters);
                    return statement.executeUpdate();
                }
            });
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /**
     * Creates the folder (0700) and an empty database file (0600) before SQLite opens it, setting the permissions
     * explicitly, whatever the umask. SQLite gives its -wal and -shm files the database file's permissions. An
     * existing folder or file is left as the user has it.
     *
     * @return whether the file was created
     */
    private static boolean createPrivately(Path file) {
        Path folder = file.getParent();
        try {
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                if (posix) {
                    Files.setPosixFilePermissions(folder, FOLDER_PERMISSIONS);
                }
            }
            if (Files.exists(file)) {
                return false;
            }
            try {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_PERMISSIONS));
                    Files.setPosixFilePermissions(file, FILE_PERMISSIONS);
                } else {
                    Files.createFile(file);
                }
                return true;
            } catch (FileAlreadyExistsException anotherProcessFirst) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SQLite database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The -wal and -shm files of a file just created: 0600, like it (SQLite does the same; this is a safeguard). */
    private void restrictWalFiles() {
        for (String suffix : List.of("-wal", "-shm")) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.exists(companion)
                        && Files.getFileAttributeView(companion, PosixFileAttributeView.class) != null) {
                    Files.setPosixFilePermissions(companion, FILE_PERMISSIONS);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restrict the permissions of " + companion, e);
            }
        }
    }
}
