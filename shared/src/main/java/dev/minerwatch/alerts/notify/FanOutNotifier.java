package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.sources.http.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The primary notifier (SNS, or the console) and the configured channels beside it, posted to by the {@link
 * ChannelForwarder} as the forwarder function does. The primary's answer is the message's: what the outbox marks
 * sent, retries or parks. The channels get a message once the outbox has recorded it sent, as in AWS they get what
 * SNS took: a channel that hangs costs the outbox nothing, and one that fails is reported and not retried.
 */
final class FanOutNotifier implements Notifier {

    private final Notifier primary;
    private final ChannelForwarder channels;
    private final Consumer<String> warnings;

    FanOutNotifier(Notifier primary, ChannelForwarder channels, Consumer<String> warnings) {
        this.primary = primary;
        this.channels = channels;
        this.warnings = warnings;
    }

    @Override
    public List<Publication> publish(List<AlertMessage> messages) {
        return primary.publish(messages);
    }

    @Override
    public void recordedSent(List<AlertMessage> messages) {
        // One budget for all the messages of a delivery: a hanging channel costs one post's time, not one per message.
        // The alerts go together, so a person's channel gets them as one message.
        for (ChannelForwarder.Outcome outcome : channels.forward(messages, Deadline.in(Channel.BUDGET))) {
            if (outcome.failed()) {
                warnings.accept(
                        "channel " + outcome.channel() + " did not take " + outcome.eventId() + ": " + outcome.error());
            }
        }
    }

    @Override
    public List<String> releaseQuietHours() {
        List<String> released = new ArrayList<>(primary.releaseQuietHours());
        for (ChannelForwarder.Outcome outcome : channels.release(Deadline.in(Channel.BUDGET))) {
            if (outcome.failed()) {
                warnings.accept("channel " + outcome.channel() + " did not take " + outcome.eventId()
                        + " after its quiet hours: " + outcome.error());
            }
            released.add(outcome.eventId() + " to " + outcome.channel() + ": " + outcome.result());
        }
        return released;
    }
}
