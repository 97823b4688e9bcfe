package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier.Publication;
import dev.minerwatch.store.ChannelReceipts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Posts {@code message} to every channel that wants it and has not taken it yet, in order; a failure does not
     * stop the others. When the receipts cannot be read, it posts to every channel: a duplicate rather than a loss.
     */
    public List<Outcome> forward(AlertMessage message) {
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
        for (Channel channel : channels) {
            if (!channel.wants(message)) {
                outcomes.add(new Outcome(eventId, channel.name(), "not wanted (its filter)", false));
                continue;
            }
            if (took.contains(channel.name())) {
                outcomes.add(new Outcome(eventId, channel.name(), "took it already (a retried delivery)", false));
                continue;
            }
            Publication posted = channel.publish(message);
            outcomes.add(
                    posted.isAccepted()
                            ? new Outcome(eventId, channel.name(), accepted(eventId, channel, posted), false)
                            : Outcome.failed(eventId, channel.name(), posted.error()));
        }
        return outcomes;
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
