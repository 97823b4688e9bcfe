package dev.minerwatch.store;

/**
 * One open store: the points and the alert state, and what it is, in words a user can act on (which table, which
 * file). Closing it releases what the adapter holds (a database connection); the DynamoDB adapter holds nothing of
 * its own.
 */
public interface Storage extends AutoCloseable {

    PointStore points();

    AlertStore alerts();

    /** Which store this is, such as {@code SQLite database /home/me/.minerwatch/minerwatch.db}. */
    String description();

    @Override
    void close();
}
