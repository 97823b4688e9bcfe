package dev.minerwatch.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which chat and webhook channels took each event, so that a delivery posts to each channel once: a retried delivery
 * (the forwarder's retries in AWS) posts only to the channels that did not take it, and of two concurrent deliveries
 * of one message (SNS may deliver twice) only the one that claims a channel posts to it. A channel's post is claimed
 * before it is made: the claim is a conditional write, and a delivery that cannot write it does not post. A post that
 * a channel's quiet hours hold is kept as a {@link Deferred} post until they end. The contract suite
 * ({@code ChannelReceiptsContract}) specifies every adapter against this interface.
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

    /**
     * Gives up {@code owner}'s claim after a post that failed, so that a retry may post; a receipt stays. A claim
     * counted against a daily cap stays counted: its retry is not counted again.
     */
    void releaseClaim(String eventId, String channel, String owner);

    /** What a claim under a daily cap answers. */
    enum Claim {
        /** The delivery may post. */
        CLAIMED,
        /** The channel took the event, or another delivery's claim holds it: nothing written. */
        HELD_ELSEWHERE,
        /** The channel's cap for the day is reached: the event is recorded as held by it, and nothing else. */
        OVER_CAP
    }

    /**
     * A channel's daily cap ({@code <CHANNEL>_MAX_PER_DAY}) for one claim, and what the digest says of the event
     * when the cap holds it.
     *
     * @param day   the UTC day of the delivery
     * @param max   the most posts the channel takes that day
     * @param title the event's title, for the digest
     * @param kind  the event's kind, for the digest
     */
    record Cap(LocalDate day, int max, String title, String kind) {

        public Cap {
            if (max < 1) {
                throw new IllegalArgumentException("a daily cap is at least 1, not " + max);
            }
        }
    }

    /** An event a channel's daily cap held: it is listed in the digest. */
    record Held(String channel, LocalDate day, String eventId, String title, String kind) {}

    /**
     * {@link #claim(String, String, String, Instant, Duration)} under a daily cap, in one conditional write (one
     * transaction): the claim and the increment of the channel's count of the day, made only while the count is
     * below {@code cap.max()}. An event whose claim was counted that day (its post failed, or its delivery died) is
     * claimed again without being counted again. Over the cap, the event is recorded as held for the channel and day
     * ({@link #held}), once however often it is claimed.
     */
    default Claim claim(String eventId, String channel, String owner, Instant now, Duration lease, Cap cap) {
        throw new UnsupportedOperationException("this store keeps no daily caps");
    }

    /**
     * Takes the one summary of the day for the channel's cap: true for the first caller of the channel and day,
     * false for every other, whatever the concurrency.
     */
    default boolean takeCapSummary(String channel, LocalDate day) {
        throw new UnsupportedOperationException("this store keeps no daily caps");
    }

    /** The events the channels' caps held on {@code day}, by channel and then event id. */
    default List<Held> held(LocalDate day) {
        throw new UnsupportedOperationException("this store keeps no daily caps");
    }

    /**
     * A post a channel's quiet hours hold until {@code due}: the alert message, as JSON text, posted then.
     *
     * @param channel the channel's name (slack)
     * @param eventId the event's key (the message's event_id)
     * @param due     when the quiet hours end and the post may go out
     * @param message the message, as the JSON text the channel will be given back
     */
    record Deferred(String channel, String eventId, Instant due, String message) {

        public Deferred {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(message, "message");
            if (message.isBlank()) {
                throw new IllegalArgumentException(
                        "a deferred post of " + eventId + " to " + channel + " needs its message, not a blank one");
            }
        }
    }

    /**
     * Defers a post, once per channel and event: true when written; false, writing nothing, when that channel and
     * event already have a deferred post (a retried or duplicate delivery), whatever its due time. Kept until
     * {@link #undefer} or, should it never be released, {@link #RECEIPT_RETENTION} after its due time.
     */
    boolean defer(Deferred post);

    /** Every deferred post, strongly consistent, ordered by due time, then channel, then event id. */
    List<Deferred> deferred();

    /**
     * Removes the deferred post of {@code channel} and {@code eventId}, once it is posted or dropped; nothing when there
     * is none.
     */
    void undefer(String channel, String eventId);
}
