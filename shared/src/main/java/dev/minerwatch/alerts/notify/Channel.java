package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.sources.http.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * A chat or webhook channel beside SNS: it posts each message on its own, in the form the channel takes. Each
 * channel lives in a package of its own, declared by a {@link ChannelType} that the registry lists.
 */
public interface Channel extends Notifier {

    /** The channel's name in reports and receipts: its {@link ChannelType#name()}, such as {@code slack}. */
    String name();

    /**
     * The most a post may take when no deadline is given: three attempts at their timeouts and the waits between
     * them.
     */
    Duration BUDGET = ChannelPost.BUDGET;

    /** Posts one message, done by {@code deadline}. */
    Publication publish(AlertMessage message, Deadline deadline);

    /** Posts one message within {@link #BUDGET}. */
    default Publication publish(AlertMessage message) {
        return publish(message, Deadline.in(BUDGET));
    }

    /**
     * Whether the alerts of one delivery reach this channel as one message ({@link AlertMessage#grouped}): a person's
     * channel, so a day of five alerts is one notification, not five. A machine's channel (the webhook) takes one post
     * per alert.
     */
    default boolean groups() {
        return true;
    }

    /** Whether the channel wants {@code message} at all (its {@link ChannelFilter}); all, unless filtered. */
    default boolean wants(AlertMessage message) {
        return true;
    }

    /** This channel, wanting only what {@code filter} passes. */
    default Channel filtered(ChannelFilter filter) {
        return filter.equals(ChannelFilter.ALL)
                ? this
                : new ShapedChannel(this, filter, OptionalInt.empty(), Optional.empty());
    }

    /** The most alerts the channel takes a UTC day ({@code <NAME>_MAX_PER_DAY}); empty: no cap. */
    default OptionalInt maxPerDay() {
        return OptionalInt.empty();
    }

    /** This channel, taking at most {@code max} alerts a UTC day (the {@link ChannelForwarder} counts them). */
    default Channel capped(int max) {
        return new ShapedChannel(this, ChannelFilter.ALL, OptionalInt.of(max), Optional.empty());
    }

    /** When the channel is quiet ({@code <NAME>_QUIET_HOURS}); empty: never. */
    default Optional<QuietHours> quietHours() {
        return Optional.empty();
    }

    /** This channel, quiet in {@code hours}: the {@link ChannelForwarder} holds its alerts until they end. */
    default Channel quiet(QuietHours hours) {
        return new ShapedChannel(this, ChannelFilter.ALL, OptionalInt.empty(), Optional.of(hours));
    }

    @Override
    default List<Publication> publish(List<AlertMessage> messages) {
        return messages.stream().map(this::publish).toList();
    }

    /**
     * What a chat service shows: the subject in bold ({@code bold}, such as {@code *%s*}) over the email's text, cut
     * to the service's {@code max} characters, and under it the acknowledgement's link when the message has one
     * ({@link #text(AlertMessage, int)}).
     */
    static String chatText(AlertMessage message, String bold, int max) {
        return withAckLink(message, bold.formatted(message.subject()) + "\n" + message.email(), max);
    }

    /**
     * The email's text cut to {@code max} characters, with "Acknowledge: link" under it when the message has the
     * acknowledgement's link ({@link AlertMessage#text()}): the text is cut so that the link never is.
     */
    static String text(AlertMessage message, int max) {
        return withAckLink(message, message.email(), max);
    }

    private static String withAckLink(AlertMessage message, String text, int max) {
        String line = message.ackLink()
                .map(url -> "\n\n" + AlertMessage.ACK_LABEL + ": " + url)
                .orElse("");
        return fit(text, max - line.length()) + line;
    }

    /**
     * {@link #chatText(AlertMessage, String, int)} with the dashboard's link under it, when the message has one, as
     * {@code link} writes it from the URL in the service's markup: the text is cut so that the link never is.
     */
    static String chatText(AlertMessage message, String bold, int max, UnaryOperator<String> link) {
        String line = message.link().map(url -> "\n" + link.apply(url)).orElse("");
        return chatText(message, bold, max - line.length()) + line;
    }

    /** {@code text} cut to {@code max} characters, marked where it was cut. */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
