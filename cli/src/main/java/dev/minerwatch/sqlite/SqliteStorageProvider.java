package dev.minerwatch.sqlite;

import dev.minerwatch.config.Settings;
import dev.minerwatch.store.LocalStorageProvider;
import dev.minerwatch.store.Storage;

/** The CLI's local store for {@link java.util.ServiceLoader}: the SQLite database in {@link Settings#dataDir()}. */
public final class SqliteStorageProvider implements LocalStorageProvider {

    public SqliteStorageProvider() {}

    @Override
    public Storage open(Settings settings) {
        return SqliteStorage.open(settings.dataDir());
    }
}
