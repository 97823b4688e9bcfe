package dev.minerwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.LocalStorageProvider;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What is SQLite's own, beyond the contracts: the file, its schema version, its permissions, two processes on it. */
class SqliteStorageTest {

    private static final LocalDate DAY = LocalDate.parse("2026-02-05");

    @TempDir
    Path dataDir;

    @Test
    void aNewFileHasTheLatestSchemaVersionAndItsTables() throws SQLException {
        try (Storage storage = SqliteStorage.open(dataDir)) {
            assertThat(storage.description())
                    .isEqualTo("SQLite database " + dataDir.toAbsolutePath().resolve("minerwatch.db"));
        }

        assertThat(query("PRAGMA user_version")).containsExactly(String.valueOf(Schema.LATEST));
        assertThat(query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
                .containsExactly(
                        "acknowledgements",
                        "alert_history",
                        "channel_caps",
                        "channel_held",
                        "channel_receipts",
                        "deferred_posts",
                        "outbox",
                        "parked_events",
                        "points",
                        "rule_states",
                        "silences",
                        "subscribers",
                        "supply");
    }

    @Test
    void reopeningAnExistingFileKeepsItsData() throws SQLException {
        DailyPoint point = btcPrice(true, Map.of("a", "b"));
        AlertEvent event = event("price_below_production_cost", Instant.parse("2026-02-05T14:10:00Z"));
        try (Storage storage = SqliteStorage.open(dataDir)) {
            storage.points().put(point);
            storage.ledger().record(List.of(), List.of(event), Duration.ofMinutes(2));
        }

        try (Storage storage = SqliteStorage.open(dataDir)) {
            assertThat(storage.points().get(SeriesId.BTC_USD, DAY)).contains(point);
            assertThat(storage.ledger().load().pending()).containsExactly(event);
        }
        assertThat(query("PRAGMA user_version")).containsExactly(String.valueOf(Schema.LATEST));
    }

    @Test
    void aFileWithANewerSchemaIsRefusedNamingTheFileAndTheVersions() throws Exception {
        Files.createDirectories(dataDir);
        int newer = Schema.LATEST + 1;
        execute("PRAGMA user_version = " + newer);
        Path file = dataDir.toAbsolutePath().resolve("minerwatch.db");

        assertThatThrownBy(() -> SqliteStorage.open(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("schema version " + newer)
                .hasMessageContaining("versions up to " + Schema.LATEST);
        assertThat(query("PRAGMA user_version")).as("left as it was").containsExactly(String.valueOf(newer));
        assertThat(query("SELECT name FROM sqlite_schema")).isEmpty();
    }

    @Test
    void aFileWithANegativeSchemaVersionIsRefusedAsDamagedNotWithAnIndexError() throws Exception {
        Files.createDirectories(dataDir);
        execute("PRAGMA user_version = -1");

        assertThatThrownBy(() -> SqliteStorage.open(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("schema version -1, which no minerwatch writes (versions 0 to " + Schema.LATEST)
                .hasMessageContaining("damaged or not minerwatch's");
        assertThat(query("PRAGMA user_version")).as("left as it was").containsExactly("-1");
    }

    @Test
    void aFileThatCannotBeWrittenIsReadAsItIsAndAWriteFailsNamingIt() throws Exception {
        DailyPoint point = btcPrice(true, Map.of());
        try (Storage storage = SqliteStorage.open(dataDir)) {
            storage.points().put(point);
        }
        Path file = SqliteStorage.file(dataDir);
        long bytes = Files.size(file);

        try (SqliteDatabase readOnly = SqliteDatabase.open(file, SqliteDatabase.Access.READ_ONLY)) {
            SqlitePointStore points = new SqlitePointStore(readOnly);

            assertThat(points.get(SeriesId.BTC_USD, DAY)).contains(point);
            assertThatThrownBy(() -> points.put(point))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file + " is read-only")
                    .hasMessageContaining("needs a data folder minerwatch can write");
        }
        assertThat(Files.size(file)).isEqualTo(bytes);
        assertThat(dataDir.resolve("minerwatch.db-shm")).doesNotExist();
    }

    @Test
    void aReadOnlyFileOfAnOlderSchemaIsRefusedWithWhatToDo() throws Exception {
        Files.createDirectories(dataDir);
        execute("PRAGMA user_version = 1");

        assertThatThrownBy(() -> SqliteDatabase.open(SqliteStorage.file(dataDir), SqliteDatabase.Access.READ_ONLY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is read-only and has schema version 1, older than this build's " + Schema.LATEST)
                .hasMessageContaining("open it once where it can be written");
    }

    @Test
    void aFileIsReadOnlyWhenItExistsAndItOrItsFolderCannotBeWritten() throws Exception {
        Path file = SqliteStorage.file(dataDir);
        assertThat(SqliteDatabase.Access.of(file)).as("a file to create").isEqualTo(SqliteDatabase.Access.READ_WRITE);
        try (Storage storage = SqliteStorage.open(dataDir)) {
            assertThat(storage.points().range(SeriesId.BTC_USD, DAY, DAY)).isEmpty();
        }
        assertThat(SqliteDatabase.Access.of(file)).isEqualTo(SqliteDatabase.Access.READ_WRITE);
    }

    @Test
    void theFolderIsCreatedPrivateAndTheFilesToo() throws Exception {
        assumeThat(dataDir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path folder = dataDir.resolve("home/.minerwatch");

        try (Storage storage = SqliteStorage.open(folder)) {
            storage.points().put(btcPrice(false, Map.of()));

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
                    .isEqualTo("rwx------");
            for (String name : List.of("minerwatch.db", "minerwatch.db-wal", "minerwatch.db-shm")) {
                assertThat(folder.resolve(name)).exists();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve(name))))
                        .as(name)
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void theDatabaseIsInWriteAheadLogMode() throws SQLException {
        SqliteStorage.open(dataDir).close();

        assertThat(query("PRAGMA journal_mode")).containsExactly("wal");
    }

    @Test
    @Timeout(120)
    void twoStoresOnOneFileAsTwoProcessesWouldBothWriteWithoutFailing() throws Exception {
        try (Storage first = SqliteStorage.open(dataDir);
                Storage second = SqliteStorage.open(dataDir)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            try {
                Future<?> a = pool.submit(recordFifty(first, SeriesId.BTC_USD, start));
                Future<?> b = pool.submit(recordFifty(second, SeriesId.ETH_USD, start));
                start.countDown();
                a.get();
                b.get();
            } finally {
                pool.shutdown();
            }

            for (Storage storage : List.of(first, second)) {
                for (SeriesId series : List.of(SeriesId.BTC_USD, SeriesId.ETH_USD)) {
                    assertThat(storage.points().range(series, DAY, DAY.plusDays(60)))
                            .as(series.id())
                            .hasSize(25);
                }
                DailyPoint shared =
                        storage.points().get(SeriesId.HASHRATE_EHS, DAY).orElseThrow();
                assertThat(shared.ohlc().low()).isEqualTo(0);
                assertThat(shared.ohlc().high()).isEqualTo(49);
                assertThat(shared.value()).as("the newest observation").isEqualTo(49);
                assertThat(storage.ledger().history(200))
                        .as("two decisions of two events each, 25 times, by each")
                        .hasSize(100);
            }
        }
    }

    /**
     * 50 observations through one store: 25 of its own series on 25 days, and 25 of one day of a series the other
     * store writes too (so their revisions collide), each pair followed by an alert decision of two events.
     */
    private static Callable<Void> recordFifty(Storage storage, SeriesId series, CountDownLatch start) {
        int offset = series == SeriesId.BTC_USD ? 0 : 1;
        return () -> {
            start.await();
            for (int i = 0; i < 25; i++) {
                Instant at = DAY.plusDays(i).atTime(12, 0).toInstant(ZoneOffset.UTC);
                storage.points().record(new Observation(series, 1_000 + i, at, List.of("test")), "run-" + series + i);
                int n = 2 * i + offset;
                Instant minute = DAY.atTime(0, n).toInstant(ZoneOffset.UTC);
                storage.points()
                        .record(
                                new Observation(SeriesId.HASHRATE_EHS, n, minute, List.of("test")),
                                "run-" + series + i);
                storage.ledger()
                        .record(
                                List.of(),
                                List.of(
                                        event(series.id() + "_rule_" + i, minute),
                                        event(series.id() + "_other_" + i, minute)),
                                Duration.ofMinutes(2));
            }
            return null;
        };
    }

    @Test
    void theProviderIsFoundOnTheClassPathAndOpensTheDataFolderItIsGiven() {
        LocalStorageProvider provider =
                ServiceLoader.load(LocalStorageProvider.class).findFirst().orElseThrow();

        assertThat(provider).isInstanceOf(SqliteStorageProvider.class);
        try (Storage storage = provider.open(dataDir)) {
            assertThat(storage.description()).isEqualTo("SQLite database " + SqliteStorage.file(dataDir));
        }
        assertThat(dataDir.resolve("minerwatch.db")).exists();
    }

    @Test
    void historyPastItsRetentionIsDeletedOnOpenUnlessItStillWaitsForDelivery() {
        Instant longAgo = Instant.parse("2024-06-01T12:00:00Z");
        AlertEvent oldSent = event("old_sent", longAgo);
        AlertEvent oldPending = event("old_pending", longAgo);
        AlertEvent recent = event("recent", Instant.parse("2026-11-30T12:00:00Z"));
        try (Storage storage = SqliteStorage.open(dataDir)) {
            storage.ledger().record(List.of(), List.of(oldSent, oldPending, recent), Duration.ofMinutes(2));
            storage.ledger()
                    .markSent(
                            List.of(
                                    new RuleLedger.Sent(oldSent.key(), "m-1"),
                                    new RuleLedger.Sent(recent.key(), "m-2")),
                            "run-a",
                            longAgo.plusSeconds(5));
        }

        Clock now = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        try (Storage storage = SqliteStorage.open(dataDir, now)) {
            assertThat(storage.ledger().history(10))
                    .extracting(entry -> entry.event().ruleId())
                    .containsExactlyInAnyOrder("old_pending", "recent");
            assertThat(storage.ledger().load().pending()).containsExactly(oldPending);
        }
    }

    @Test
    void channelReceiptsPastTheirRetentionAreDeletedOnOpen() {
        Instant received = Instant.parse("2026-11-28T12:00:00Z");
        try (Storage storage = SqliteStorage.open(dataDir)) {
            storage.receipts().channelTook("2026-11-28#price_below_production_cost#1", "slack", received);
            storage.receipts()
                    .channelTook(
                            "2026-11-30#price_below_production_cost#2", "slack", received.plus(Duration.ofDays(2)));
        }

        Clock now = Clock.fixed(received.plus(ChannelReceipts.RECEIPT_RETENTION).plusSeconds(1), ZoneOffset.UTC);
        try (Storage storage = SqliteStorage.open(dataDir, now)) {
            assertThat(storage.receipts().channelsThatTook("2026-11-28#price_below_production_cost#1"))
                    .isEmpty();
            assertThat(storage.receipts().channelsThatTook("2026-11-30#price_below_production_cost#2"))
                    .containsExactly("slack");
        }
    }

    @Test
    void aClosedStoreSaysSo() {
        Storage storage = SqliteStorage.open(dataDir);
        storage.close();
        storage.close();

        assertThatThrownBy(() -> storage.points().get(SeriesId.BTC_USD, DAY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("minerwatch.db is closed");
    }

    @Test
    void daysAndInstantsAreReadBackExactlyAsWrittenWhateverTheirPrecision() {
        for (String text : List.of(
                "2026-02-05T14:00:00Z",
                "2026-02-05T14:00:00.100Z",
                "2026-02-05T14:00:00.000001Z",
                "2026-02-05T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.5Z",
                "0001-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z",
                "2016-12-31T23:59:60Z",
                "2026-02-05T24:00:00Z",
                "2026-02-05T14:00:00.12Z")) {
            assertThat(Columns.instant(text)).as(text).isEqualTo(Instant.parse(text));
        }
        for (Instant instant : List.of(
                Instant.parse("2026-02-05T14:00:00.123456789Z"),
                Instant.ofEpochMilli(-1),
                Instant.ofEpochSecond(1_770_300_000L, 120_000),
                Instant.EPOCH)) {
            assertThat(Columns.instant(instant.toString())).isEqualTo(instant);
        }
        for (String text : List.of("2026-02-05", "2020-02-29", "0001-01-01", "+10000-01-01")) {
            assertThat(Columns.day(text)).isEqualTo(LocalDate.parse(text));
        }
        assertThatThrownBy(() -> Columns.day("2026-02-30")).isInstanceOf(java.time.DateTimeException.class);
        assertThatThrownBy(() -> Columns.instant("2026-02-30T12:00:00Z"))
                .isInstanceOf(java.time.DateTimeException.class);
    }

    /** BTC at $69,280 on {@link #DAY}, from CoinGecko. */
    private static DailyPoint btcPrice(boolean isFinal, Map<String, String> details) {
        return new DailyPoint(
                SeriesId.BTC_USD,
                DAY,
                69_280,
                null,
                List.of("coingecko"),
                Instant.parse("2026-02-05T14:00:00Z"),
                isFinal,
                details);
    }

    private static AlertEvent event(String rule, Instant recordedAt) {
        return AlertEvents.of(rule)
                .day(LocalDate.ofInstant(recordedAt, ZoneOffset.UTC))
                .recordedAt(recordedAt)
                .build();
    }

    /** The first column of every row of a query, through a connection of the test's own (as the sqlite3 shell). */
    private List<String> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(dataDir));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(dataDir));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
