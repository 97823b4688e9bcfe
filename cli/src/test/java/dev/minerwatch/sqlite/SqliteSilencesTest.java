package dev.minerwatch.sqlite;

import dev.minerwatch.store.SilencesContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The silences' contract on a new SQLite database file per test. */
class SqliteSilencesTest extends SilencesContract {

    @TempDir
    Path dataDir;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.open(dataDir);
    }
}
