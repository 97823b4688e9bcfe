package dev.minerwatch.store;

import java.nio.file.Path;

/**
 * A store that runs on the user's machine rather than in AWS, found through {@link java.util.ServiceLoader}. Only the
 * CLI's class path carries one (the SQLite store); the Lambda artifact carries none, so a function always uses
 * DynamoDB.
 */
public interface LocalStorageProvider {

    /** Opens the local store in {@code dataDir}, creating it if missing. */
    Storage open(Path dataDir);
}
