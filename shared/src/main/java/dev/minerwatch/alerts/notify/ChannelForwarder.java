package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier.Publication;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.ChannelReceipts;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What the {@code ChannelForwarderFunction} does with each message the alert topic delivers: posts it to every
 * configured channel that wants it, once. A channel that fails fails the forwarding, so Lambda retries the delivery
 * (and after the retries sends it to the dead-letter queue). Each post is claimed in the store before it is made (a
 * conditional write): a retry posts only to the channels that did not take the event, of two concurrent deliveries
 * only the claiming one posts, and a delivery that cannot write its claim does not post at all (it fails, and Lambda
 * retries it). What a crash can still duplicate: a delivery that dies after a channel took the event and before its
 * receipt is written leaves a claim that lapses after {@link ChannelReceipts#CLAIM}; the retry after that posts
 * again, so that channel gets one duplicate, with the same {@code event_id}.
 *
 * <p>A channel with a daily cap ({@code <NAME>_MAX_PER_DAY}) counts its alerts per UTC day of the delivery in the same
 * conditional write as the claim: past the cap an alert is held (recorded for the digest, not posted), and the first
 * one held that day posts the day's one summary ({@link #capSummary}). The digest and test messages are not counted.
 */
public final class ChannelForwarder {

    /** One channel's answer to one message. */
    public record Outcome(String eventId, String channel, String result, boolean failed) {

        private static final String FAILED = "FAILED ";

        static Outcome failed(String eventId, String channel, String error) {
            return new Outcome(eventId, channel, FAILED + error, true);
        }

        /** Why the channel did not take it; empty when it did. */
        public String error() {
            return failed ? result.substring(result.startsWith(FAILED) ? FAILED.length() : 0) : "";
        }
    }

    private static final String NO_EVENT_ID = "(no event_id)";

    /** Marks the answer of a post the channel's daily cap held. */
    private static final String HELD = "held by its daily cap";

    private final List<Channel> channels;
    private final ChannelReceipts receipts;
    private final Clock clock;

    public ChannelForwarder(List<Channel> channels, ChannelReceipts receipts, Clock clock) {
        this.channels = List.copyOf(channels);
        this.receipts = receipts;
        this.clock = clock;
    }

    public List<Channel> channels() {
        return channels;
    }

    /** {@link #forward(AlertMessage, Deadline)} within one channel's {@link Channel#BUDGET}. */
    public List<Outcome> forward(AlertMessage message) {
        return forward(message, Deadline.in(Channel.BUDGET));
    }

    /**
     * Posts {@code message} to every channel that wants it and has not taken it yet, all at once, each done by
     * {@code deadline}: a channel that hangs, trickles or asks to wait an hour costs the others nothing, and the
     * forwarding ends by the deadline whatever the channels do. A failure does not stop the others. Each post is
     * claimed first; when the receipts cannot be read or a claim cannot be written, that post is not made and
     * fails: a retry rather than a duplicate.
     *
     * @return one outcome per channel, in the channels' order
     */
    public List<Outcome> forward(AlertMessage message, Deadline deadline) {
        String eventId = message.attributes().get(AlertMessage.EVENT_ID);
        if (eventId == null) {
            // Nothing to keep a receipt under: each post is made once, as asked.
            return post(message, deadline, NO_EVENT_ID, channel -> publish(channel, message, deadline));
        }
        Set<String> took;
        // Receipts are read only for a message some channel wants: the others cost no store request.
        try {
            took = channels.stream().anyMatch(c -> c.wants(message)) ? receipts.channelsThatTook(eventId) : Set.of();
        } catch (RuntimeException e) {
            String error = "receipts not read (" + e.getMessage() + "): not posted, so that a retry posts it once";
            return post(message, deadline, eventId, channel -> Publication.rejected(error));
        }
        String owner = UUID.randomUUID().toString();
        return post(
                message,
                deadline,
                eventId,
                channel -> took.contains(channel.name()) ? null : claimed(channel, message, eventId, owner, deadline));
    }

    /**
     * Asks {@code posting} for each channel that wants the message, all at once; its null answer means the channel
     * took the message already.
     */
    private List<Outcome> post(
            AlertMessage message, Deadline deadline, String eventId, Function<Channel, Publication> posting) {
        List<Channel> wanting = channels.stream().filter(c -> c.wants(message)).toList();
        List<Future<Publication>> posts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Channel channel : wanting) {
                posts.add(threads.submit(() -> posting.apply(channel)));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Channel channel : channels) {
            int i = wanting.indexOf(channel);
            if (i < 0) {
                outcomes.add(new Outcome(eventId, channel.name(), "not wanted (its filter)", false));
                continue;
            }
            Publication posted = posts.get(i).resultNow();
            if (posted == null) {
                outcomes.add(new Outcome(eventId, channel.name(), "took it already (a retried delivery)", false));
            } else if (posted.isAccepted() && posted.messageId().startsWith(HELD)) {
                outcomes.add(new Outcome(eventId, channel.name(), posted.messageId(), false));
            } else if (posted.isAccepted()) {
                outcomes.add(new Outcome(eventId, channel.name(), "ok (" + posted.messageId() + ")", false));
            } else {
                outcomes.add(Outcome.failed(eventId, channel.name(), posted.error()));
            }
        }
        return outcomes;
    }

    /**
     * One channel's post under a claim: claimed, posted, and then its receipt written, or the claim given up when
     * the post failed. A channel another delivery holds is not posted: this one fails and its retry finds the
     * receipt (or, if that delivery died, a lapsed claim).
     */
    private Publication claimed(
            Channel channel, AlertMessage message, String eventId, String owner, Deadline deadline) {
        ChannelReceipts.Claim claim;
        OptionalInt max = counted(message) ? channel.maxPerDay() : OptionalInt.empty();
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try {
            if (max.isPresent()) {
                claim = receipts.claim(
                        eventId,
                        channel.name(),
                        owner,
                        now,
                        ChannelReceipts.CLAIM,
                        new ChannelReceipts.Cap(day, max.getAsInt(), title(message), kind(message)));
            } else {
                claim = receipts.claim(eventId, channel.name(), owner, now, ChannelReceipts.CLAIM)
                        ? ChannelReceipts.Claim.CLAIMED
                        : ChannelReceipts.Claim.HELD_ELSEWHERE;
            }
        } catch (RuntimeException e) {
            return Publication.rejected(channel.name() + ": claim not written (" + e.getMessage()
                    + "): not posted, so that a retry posts it once");
        }
        if (claim == ChannelReceipts.Claim.OVER_CAP) {
            return held(channel, day, max.getAsInt(), deadline);
        }
        if (claim == ChannelReceipts.Claim.HELD_ELSEWHERE) {
            return Publication.rejected(channel.name() + ": another delivery of this event holds the channel;"
                    + " a retry finds its receipt");
        }
        Publication posted = publish(channel, message, deadline);
        try {
            if (posted.isAccepted()) {
                receipts.channelTook(eventId, channel.name(), clock.instant());
            } else {
                receipts.releaseClaim(eventId, channel.name(), owner);
            }
            return posted;
        } catch (RuntimeException e) {
            return posted.isAccepted()
                    ? Publication.accepted(posted.messageId() + ", receipt not kept (" + e.getMessage()
                            + "): a retry after the claim lapses would post it again")
                    : posted; // the claim lapses by itself
        }
    }

    /** Whether a message counts against a daily cap: an alert does, the digest and a test message do not. */
    private static boolean counted(AlertMessage message) {
        String kind = message.attributes().get(AlertMessage.KIND);
        return !AlertMessage.DIGEST.equals(kind) && !"test".equals(kind);
    }

    private static String title(AlertMessage message) {
        return String.valueOf(message.facts().getOrDefault("title", message.subject()));
    }

    private static String kind(AlertMessage message) {
        return String.valueOf(message.facts().getOrDefault("status", "alert"));
    }

    /**
     * The answer for an alert the channel's cap held: not a failure (a retry would be held again). The first held
     * alert of the channel's day takes the day's summary flag and posts the one summary; a summary that fails is not
     * retried (the flag is taken: one summary at most). A summary whose flag or count cannot be read is not posted,
     * and the alert stays held.
     */
    private Publication held(Channel channel, LocalDate day, int max, Deadline deadline) {
        String result = HELD + " (" + max + " on " + day + ")";
        long heldSoFar;
        try {
            if (!receipts.takeCapSummary(channel.name(), day)) {
                return Publication.accepted(result);
            }
            heldSoFar = receipts.held(day).stream()
                    .filter(h -> h.channel().equals(channel.name()))
                    .count();
        } catch (RuntimeException e) {
            // The alert is recorded as held; the next one held that day takes the summary if this one did not.
            return Publication.accepted(result + "; its summary not posted (" + e.getMessage() + ")");
        }
        Publication summary = publish(channel, capSummary(heldSoFar, max, day), deadline);
        return Publication.accepted(result + "; "
                + (summary.isAccepted()
                        ? "its summary posted (" + summary.messageId() + ")"
                        : "its summary not posted: " + summary.error()));
    }

    /**
     * The day's one summary of a channel's cap: how many alerts it held so far (more may be held after it; no second
     * summary says so), and that the digest lists them.
     */
    static AlertMessage capSummary(long held, int max, LocalDate day) {
        String text = "minerwatch: " + held + " more alert" + (held == 1 ? "" : "s") + " held today for this channel"
                + " (cap " + max + "); they will be in the digest";
        return AlertMessage.plainText(
                "minerwatch: daily cap reached", text, Map.of(AlertMessage.KIND, "cap_summary", "day", day.toString()));
    }

    /** One channel's post; a channel whose code throws has failed, not the forwarding. */
    private static Publication publish(Channel channel, AlertMessage message, Deadline deadline) {
        try {
            return channel.publish(message, deadline);
        } catch (RuntimeException e) {
            return Publication.rejected(channel.name() + ": " + e.getClass().getSimpleName());
        }
    }

    /** The outcomes as JSON simple objects, for the function's log and answer. */
    public static List<Map<String, Object>> toJson(List<Outcome> outcomes) {
        return outcomes.stream()
                .map(o -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("event_id", o.eventId());
                    json.put("channel", o.channel());
                    json.put("result", o.result());
                    return json;
                })
                .toList();
    }
}
