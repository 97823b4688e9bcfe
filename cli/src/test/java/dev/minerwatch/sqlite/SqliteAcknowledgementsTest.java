package dev.minerwatch.sqlite;

import dev.minerwatch.store.AcknowledgementsContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The acknowledgements' contract on a new SQLite database file per test. */
class SqliteAcknowledgementsTest extends AcknowledgementsContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }
}
