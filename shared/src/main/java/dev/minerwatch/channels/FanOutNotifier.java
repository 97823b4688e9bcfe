package dev.minerwatch.channels;

import dev.minerwatch.notify.AlertMessage;
import dev.minerwatch.notify.Notifier;
import java.util.List;
import java.util.function.Consumer;

/**
 * The primary notifier (SNS, or the console) and the configured channels beside it. The primary's answer is the
 * message's: what the outbox marks sent, retries or parks. A channel that fails is reported and not retried, so a
 * channel never holds back the alert or makes SNS send it twice; a retried message reaches the channels again, with
 * the same {@code event_id}, by which a consumer drops the duplicate.
 */
public final class FanOutNotifier implements Notifier {

    private final Notifier primary;
    private final List<Channel> channels;
    private final Consumer<String> warnings;

    public FanOutNotifier(Notifier primary, List<Channel> channels, Consumer<String> warnings) {
        this.primary = primary;
        this.channels = List.copyOf(channels);
        this.warnings = warnings;
    }

    @Override
    public List<Publication> publish(List<AlertMessage> messages) {
        List<Publication> publications = primary.publish(messages);
        for (Channel channel : channels) {
            for (AlertMessage message : messages) {
                if (!channel.wants(message)) {
                    continue;
                }
                Publication posted = channel.publish(message);
                if (!posted.isAccepted()) {
                    warnings.accept("channel " + channel.name() + " did not take "
                            + message.attributes().get(AlertMessage.EVENT_ID) + ": " + posted.error());
                }
            }
        }
        return publications;
    }
}
