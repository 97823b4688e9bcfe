package dev.minerwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Which chat and webhook channels took each event, so that a delivery posts to each channel once: a retried delivery
 * (the forwarder's retries in AWS) posts only to the channels that did not take it, and of two concurrent deliveries
 * of one message (SNS may deliver twice) only the one that claims a channel posts to it. A channel's post is claimed
 * before it is made: the claim is a conditional write, and a delivery that cannot write it does not post. The
 * contract suite ({@code ChannelReceiptsContract}) specifies every adapter against this interface.
 */
public interface ChannelReceipts {

    /** A receipt is kept this long: far past the forwarder's retries (an hour at most) and a local retry's. */
    Duration RECEIPT_RETENTION = Duration.ofDays(2);

    /**
     * How long a claim holds a channel for the delivery that made it: longer than a post may take, shorter than
     * Lambda's first retry (one minute, then two), so that a delivery that crashed between its claim and its receipt
     * is posted by the retry after next at the latest.
     */
    Duration CLAIM = Duration.ofSeconds(90);

    /** The channels that took the event of {@code eventId}, read strongly consistently: a retry right after sees them. */
    Set<String> channelsThatTook(String eventId);

    /**
     * Claims the post of the event of {@code eventId} to {@code channel} for {@code owner} until {@code now + lease}:
     * true when nothing is recorded for the pair, or only a claim whose lease has passed (its delivery crashed);
     * false, writing nothing, when the channel took the event or another delivery's claim holds.
     */
    boolean claim(String eventId, String channel, String owner, Instant now, Duration lease);

    /** Remembers that {@code channel} took the event of {@code eventId} at {@code at}: the claim becomes a receipt. */
    void channelTook(String eventId, String channel, Instant at);

    /** Gives up {@code owner}'s claim after a post that failed, so that a retry may post; a receipt stays. */
    void releaseClaim(String eventId, String channel, String owner);
}
