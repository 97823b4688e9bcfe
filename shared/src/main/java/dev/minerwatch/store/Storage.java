package dev.minerwatch.store;

/**
 * One open store: the points and the alert state, in the ports the wings use (the {@linkplain RuleLedger rule
 * ledger}, the {@linkplain Silences silences}, the {@linkplain ChannelReceipts channel receipts}, the
 * {@linkplain SubscriberRecords subscriber records}), and what it is, in words a user can act on (which table, which
 * file). Closing it releases what the adapter holds (a database connection); the DynamoDB adapter holds nothing of
 * its own.
 */
public interface Storage extends AutoCloseable {

    PointStore points();

    /** The rule states, the alert history and the outbox, recorded together. */
    RuleLedger ledger();

    Silences silences();

    ChannelReceipts receipts();

    /** The email and SMS subscribers, where no alert topic keeps them (a local run): one record per endpoint. */
    SubscriberRecords subscribers();

    /** Which store this is, such as {@code SQLite database /home/me/.minerwatch/minerwatch.db}. */
    String description();

    @Override
    void close();
}
