package dev.minerwatch.channels;

import dev.minerwatch.notify.AlertMessage;
import dev.minerwatch.notify.Notifier.Publication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code ChannelForwarderFunction} does with each message the alert topic delivers: posts it to every
 * configured channel that wants it. A channel that fails fails the forwarding (so Lambda retries the delivery, and
 * after the retries sends it to the dead-letter queue); the channels that took it get it again on a retry, with the
 * same {@code event_id}, by which a consumer drops the duplicate.
 */
public final class ChannelForwarder {

    /** One channel's answer to one message. */
    public record Outcome(String eventId, String channel, String result, boolean failed) {}

    private final List<Channel> channels;

    public ChannelForwarder(List<Channel> channels) {
        this.channels = List.copyOf(channels);
    }

    public List<Channel> channels() {
        return channels;
    }

    /** Posts {@code message} to every channel that wants it, in order; a failure does not stop the others. */
    public List<Outcome> forward(AlertMessage message) {
        String eventId = message.attributes().getOrDefault(AlertMessage.EVENT_ID, "(no event_id)");
        List<Outcome> outcomes = new ArrayList<>();
        for (Channel channel : channels) {
            if (!channel.wants(message)) {
                outcomes.add(new Outcome(eventId, channel.name(), "not wanted (its filter)", false));
                continue;
            }
            Publication posted = channel.publish(message);
            outcomes.add(
                    posted.isAccepted()
                            ? new Outcome(eventId, channel.name(), "ok (" + posted.messageId() + ")", false)
                            : new Outcome(eventId, channel.name(), "FAILED " + posted.error(), true));
        }
        return outcomes;
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
