package dev.minerwatch.sqlite;

import dev.minerwatch.store.ChannelReceiptsContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The channel receipts' contract on a new SQLite database file per test. */
class SqliteChannelReceiptsTest extends ChannelReceiptsContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }
}
