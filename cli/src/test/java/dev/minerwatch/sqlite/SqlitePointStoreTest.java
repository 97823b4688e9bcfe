package dev.minerwatch.sqlite;

import dev.minerwatch.store.PointStoreContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The point store contract on a new SQLite database file per test. */
class SqlitePointStoreTest extends PointStoreContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }
}
