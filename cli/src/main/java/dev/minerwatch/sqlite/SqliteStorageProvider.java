package dev.minerwatch.sqlite;

import dev.minerwatch.store.LocalStorageProvider;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;

/** The CLI's local store for {@link java.util.ServiceLoader}: the SQLite database in the data folder. */
public final class SqliteStorageProvider implements LocalStorageProvider {

    public SqliteStorageProvider() {}

    @Override
    public Storage open(Path dataDir) {
        return SqliteStorage.open(dataDir);
    }
}
