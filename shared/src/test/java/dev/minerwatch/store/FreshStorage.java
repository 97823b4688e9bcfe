package dev.minerwatch.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every port's contract suite starts from: a fresh, empty store for each test, from the adapter's test
 * ({@link #newStorage()}), closed after it.
 */
public abstract class FreshStorage {

    /** The store under test, fresh and empty for each test. */
    protected Storage storage;

    /** A new, empty store; {@link Storage#close()} is called after each test. */
    protected abstract Storage newStorage();

    @BeforeEach
    void openAFreshStore() {
        storage = newStorage();
    }

    @AfterEach
    void closeTheStore() {
        if (storage != null) {
            storage.close();
        }
    }
}
