package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import java.util.List;

/** A chat or webhook channel beside SNS: it posts each message on its own, in the form the channel takes. */
public interface Channel extends Notifier {

    /** The channel's name in reports: {@code webhook}, {@code slack}, {@code discord}, {@code telegram}. */
    String name();

    /** Posts one message. */
    Publication publish(AlertMessage message);

    /** Whether the channel wants {@code message} at all (its {@link ChannelFilter}); all, unless filtered. */
    default boolean wants(AlertMessage message) {
        return true;
    }

    /** This channel, wanting only what {@code filter} passes. */
    default Channel filtered(ChannelFilter filter) {
        Channel channel = this;
        return filter.equals(ChannelFilter.ALL)
                ? this
                : new Channel() {
                    @Override
                    public String name() {
                        return channel.name();
                    }

                    @Override
                    public Publication publish(AlertMessage message) {
                        return channel.publish(message);
                    }

                    @Override
                    public boolean wants(AlertMessage message) {
                        return filter.wants(message);
                    }

                    @Override
                    public String toString() {
                        return channel.name() + " (" + filter + ")";
                    }
                };
    }

    @Override
    default List<Publication> publish(List<AlertMessage> messages) {
        return messages.stream().map(this::publish).toList();
    }

    /** {@code text} cut to {@code max} characters, marked where it was cut. */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
