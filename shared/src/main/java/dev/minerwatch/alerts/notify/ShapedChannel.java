package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.sources.http.Deadline;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A channel with what the registry reads for every channel: its filter ({@code <NAME>_RULES}, {@code
 * <NAME>_MIN_SEVERITY}), its daily cap ({@code <NAME>_MAX_PER_DAY}) and its quiet hours ({@code <NAME>_QUIET_HOURS}).
 *
 * @param channel    the channel as its type builds it
 * @param filter     the messages it wants
 * @param maxPerDay  the most alerts it takes a UTC day; empty: no cap
 * @param quietHours when it holds alerts back; empty: never
 */
record ShapedChannel(Channel channel, ChannelFilter filter, OptionalInt maxPerDay, Optional<QuietHours> quietHours)
        implements Channel {

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        return channel.publish(message, deadline);
    }

    @Override
    public boolean groups() {
        return channel.groups();
    }

    @Override
    public boolean wants(AlertMessage message) {
        return filter.wants(message);
    }

    @Override
    public Channel filtered(ChannelFilter other) {
        return other.equals(ChannelFilter.ALL) ? this : new ShapedChannel(channel, other, maxPerDay, quietHours);
    }

    @Override
    public Channel capped(int max) {
        return new ShapedChannel(channel, filter, OptionalInt.of(max), quietHours);
    }

    @Override
    public Channel quiet(QuietHours hours) {
        return new ShapedChannel(channel, filter, maxPerDay, Optional.of(hours));
    }

    @Override
    public String toString() {
        return channel.name()
                + (filter.equals(ChannelFilter.ALL) ? "" : " (" + filter + ")")
                + (maxPerDay.isPresent() ? ", at most " + maxPerDay.getAsInt() + " a day" : "")
                + quietHours.map(q -> ", " + q).orElse("");
    }
}
