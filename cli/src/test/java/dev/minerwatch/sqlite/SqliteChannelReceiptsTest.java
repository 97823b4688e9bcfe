package dev.minerwatch.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.ChannelReceiptsContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The channel receipts' contract on a new SQLite database file per test, and a file of before the claims. */
class SqliteChannelReceiptsTest extends ChannelReceiptsContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }

    @Test
    void aFileOfSchemaVersion6KeepsItsReceiptsWhichNoDeliveryCanClaim(@TempDir Path earlier) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + SqliteStorage.file(earlier));
                Statement statement = connection.createStatement()) {
            for (int version = 0; version < 6; version++) {
                for (String sql : Schema.MIGRATIONS.get(version)) {
                    statement.execute(sql);
                }
            }
            statement.execute("PRAGMA user_version = 6");
            statement.execute(
                    "INSERT INTO channel_receipts VALUES ('2026-02-05#price_below_production_cost#1', 'slack',"
                            + " '2026-02-05T14:10:00Z', '2099-01-01T00:00:00Z')"); // not yet expired
        }

        try (Storage storage = SqliteStorage.open(earlier)) {
            String event = "2026-02-05#price_below_production_cost#1";
            assertThat(storage.receipts().channelsThatTook(event)).containsExactly("slack");
            assertThat(storage.receipts()
                            .claim(
                                    event,
                                    "slack",
                                    "delivery",
                                    Instant.parse("2026-02-05T15:00:00Z"),
                                    ChannelReceipts.CLAIM))
                    .isFalse();
        }
    }
}
