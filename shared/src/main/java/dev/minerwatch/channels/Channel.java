package dev.minerwatch.channels;

import dev.minerwatch.notify.AlertMessage;
import dev.minerwatch.notify.Notifier;
import java.util.List;

/** A chat or webhook channel beside SNS: it posts each message on its own, in the form the channel takes. */
public interface Channel extends Notifier {

    /** The channel's name in reports: {@code webhook}, {@code slack}, {@code discord}, {@code telegram}. */
    String name();

    /** Posts one message. */
    Publication publish(AlertMessage message);

    @Override
    default List<Publication> publish(List<AlertMessage> messages) {
        return messages.stream().map(this::publish).toList();
    }

    /** {@code text} cut to {@code max} characters, marked where it was cut. */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
