package dev.minerwatch.sqlite;

import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.alerts.subscribers.SubscribersContract;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The subscribers contract on the local store's record of them: a new SQLite database file per test. */
class StoredSubscribersTest extends SubscribersContract {

    @TempDir
    Path dataDir;

    private Storage storage;

    @BeforeEach
    void open() {
        storage = SqliteStorage.open(dataDir);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    @Override
    protected Subscribers subscribers() {
        return Subscribers.inStore(storage.subscribers(), Clock.systemUTC());
    }
}
