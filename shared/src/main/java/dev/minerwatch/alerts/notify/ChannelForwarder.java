package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier.Publication;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.ChannelReceipts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the {@code ChannelForwarderFunction} does with each message the alert topic delivers: posts it to every
 * configured channel that wants it, once. A channel that fails fails the forwarding, so Lambda retries the delivery
 * (and after the retries sends it to the dead-letter queue); the store keeps which channels took each event, so the
 * retry posts only to those that did not. A crash between a channel's answer and its receipt means one duplicate on
 * that channel, with the same {@code event_id}.
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
     * forwarding ends by the deadline whatever the channels do. A failure does not stop the others. When the receipts
     * cannot be read, it posts to every channel: a duplicate rather than a loss.
     *
     * @return one outcome per channel, in the channels' order
     */
    public List<Outcome> forward(AlertMessage message, Deadline deadline) {
        String eventId = message.attributes().getOrDefault(AlertMessage.EVENT_ID, NO_EVENT_ID);
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> took = Set.of();
        // Receipts are read only for a message some channel wants: the others cost no store request.
        if (!eventId.equals(NO_EVENT_ID) && channels.stream().anyMatch(c -> c.wants(message))) {
            try {
                took = receipts.channelsThatTook(eventId);
            } catch (RuntimeException e) {
                outcomes.add(new Outcome(
                        eventId, "receipts", "not read (" + e.getMessage() + "): posting to every channel", false));
            }
        }
        List<Channel> posting = new ArrayList<>();
        for (Channel channel : channels) {
            if (!channel.wants(message)) {
                outcomes.add(new Outcome(eventId, channel.name(), "not wanted (its filter)", false));
            } else if (took.contains(channel.name())) {
                outcomes.add(new Outcome(eventId, channel.name(), "took it already (a retried delivery)", false));
            } else {
                posting.add(channel);
            }
        }
        List<Future<Publication>> posts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Channel channel : posting) {
                posts.add(threads.submit(() -> publish(channel, message, deadline)));
            }
        }
        // The receipts are written here, one after another, once every post has ended.
        for (int i = 0; i < posting.size(); i++) {
            Channel channel = posting.get(i);
            Publication posted = posts.get(i).resultNow();
            outcomes.add(
                    posted.isAccepted()
                            ? new Outcome(eventId, channel.name(), accepted(eventId, channel, posted), false)
                            : Outcome.failed(eventId, channel.name(), posted.error()));
        }
        outcomes.sort(Comparator.comparingInt(
                o -> channels.stream().map(Channel::name).toList().indexOf(o.channel())));
        return outcomes;
    }

    /** One channel's post; a channel whose code throws has failed, not the forwarding. */
    private static Publication publish(Channel channel, AlertMessage message, Deadline deadline) {
        try {
            return channel.publish(message, deadline);
        } catch (RuntimeException e) {
            return Publication.rejected(channel.name() + ": " + e.getClass().getSimpleName());
        }
    }

    /** The channel took it: its receipt is kept, so a retry skips it; a receipt not kept risks one duplicate. */
    private String accepted(String eventId, Channel channel, Publication posted) {
        String ok = "ok (" + posted.messageId() + ")";
        if (eventId.equals(NO_EVENT_ID)) {
            return ok;
        }
        try {
            receipts.channelTook(eventId, channel.name(), clock.instant());
            return ok;
        } catch (RuntimeException e) {
            return ok + ", receipt not kept (" + e.getMessage() + "): a retry would post it again";
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
