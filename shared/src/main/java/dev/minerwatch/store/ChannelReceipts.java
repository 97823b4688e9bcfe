package dev.minerwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which chat and webhook channels took each event, so that a retried delivery posts only to the channels that did
 * not: the forwarder's retries in AWS, the outbox's locally. Kept in the store beside the alerts; the contract suite
 * ({@code ChannelReceiptsContract}) specifies every adapter against this interface.
 */
public interface ChannelReceipts {

    /** A receipt is kept this long: far past the forwarder's retries (an hour at most) and a local retry's. */
    Duration RECEIPT_RETENTION = Duration.ofDays(2);

    /** The channels that took the event of {@code eventId}, read strongly consistently: a retry right after sees them. */
    Set<String> channelsThatTook(String eventId);

    /** Remembers that {@code channel} took the event of {@code eventId} at {@code at}; once is enough. */
    void channelTook(String eventId, String channel, Instant at);
}
