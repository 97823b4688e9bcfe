package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.ChannelReceipts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The topic's email and SMS subscriptions with quiet hours of their own ({@code EMAIL_QUIET_HOURS}, {@code
 * SMS_QUIET_HOURS}, each with {@code _CRITICAL}). SNS delivers to every subscription at once, so an alert one of them
 * holds is published with {@code skip_<subscription>}, which that subscription's filter policy refuses, and kept as a
 * deferred post of that subscription. When its quiet hours end, the release publishes each alert it held again, for
 * that subscription's subscribers alone, each judging it by its own filter ({@link Subscription}): claimed and
 * receipted as a channel's post, so it goes out once.
 */
final class QuietSubscriptions implements Notifier {

    /**
     * A subscription as a channel for the release of what its quiet hours held: each held alert goes out again on its
     * own, with its own attributes, so each subscriber of that protocol judges it by its own filter (its severities,
     * its rules), and marked {@link AlertMessage#QUIET_RELEASE} and kept from the other subscriptions.
     */
    private record Subscription(String name, Notifier topic, QuietHours hours) implements Channel {

        @Override
        public Publication publish(AlertMessage message, Deadline deadline) {
            AlertMessage release = message.withAttribute(AlertMessage.KIND, AlertMessage.QUIET_RELEASE)
                    .keptFromAllBut(name);
            return topic.publish(List.of(release)).get(0);
        }

        /** One message per alert: a subscriber's filter judges an alert, not a group of several rules. */
        @Override
        public boolean groups() {
            return false;
        }

        @Override
        public Optional<QuietHours> quietHours() {
            return Optional.of(hours);
        }
    }

    private final Notifier topic;
    private final List<Subscription> subscriptions;
    private final ChannelReceipts receipts;
    private final Clock clock;
    private final ChannelForwarder release;

    QuietSubscriptions(Notifier topic, List<Subscription> subscriptions, ChannelReceipts receipts, Clock clock) {
        this.topic = topic;
        this.subscriptions = List.copyOf(subscriptions);
        this.receipts = receipts;
        this.clock = clock;
        this.release = new ChannelForwarder(List.copyOf(subscriptions), receipts, clock);
    }

    /** {@code topic} with the quiet hours each of {@code hours} gives its subscription ({@code email}, {@code sms}). */
    static Notifier of(Notifier topic, List<Named> hours, ChannelReceipts receipts, Clock clock) {
        if (hours.isEmpty()) {
            return topic;
        }
        return new QuietSubscriptions(
                topic,
                hours.stream()
                        .map(h -> new Subscription(h.name(), topic, h.hours()))
                        .toList(),
                receipts,
                clock);
    }

    /** A subscription's name and its quiet hours. */
    record Named(String name, QuietHours hours) {}

    /**
     * Publishes each message; an alert a subscription's quiet hours hold now is marked for it ({@link
     * AlertMessage#notFor}) and kept for its release. So is one a retry publishes after the window ended, when it was
     * kept already: its release brings it, once. A deferral that cannot be written publishes the alert unmarked: the
     * subscription hears it now rather than never.
     */
    @Override
    public List<Publication> publish(List<AlertMessage> messages) {
        Instant now = clock.instant();
        Set<String> keptAlready = null;
        List<AlertMessage> marked = new ArrayList<>(messages.size());
        for (AlertMessage message : messages) {
            AlertMessage published = message;
            if (message.isAlert()) {
                for (Subscription subscription : subscriptions) {
                    Optional<Instant> until = subscription.hours().holds(message, now);
                    if (until.isEmpty()) {
                        if (keptAlready == null) {
                            keptAlready = keptAlready();
                        }
                        if (!keptAlready.contains(subscription.name() + " " + eventId(message))) {
                            continue;
                        }
                    } else if (!deferred(subscription, message, until.get())) {
                        continue;
                    }
                    published = published.withAttribute(AlertMessage.notFor(subscription.name()), "quiet hours");
                }
            }
            marked.add(published);
        }
        return topic.publish(marked);
    }

    private static String eventId(AlertMessage message) {
        return message.attributes().get(AlertMessage.EVENT_ID);
    }

    /** The subscriptions' deferred alerts, as {@code <subscription> <event id>}; none when they cannot be read. */
    private Set<String> keptAlready() {
        try {
            Set<String> kept = new HashSet<>();
            receipts.deferred().forEach(post -> kept.add(post.channel() + " " + post.eventId()));
            return kept;
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private boolean deferred(Subscription subscription, AlertMessage message, Instant until) {
        try {
            // Written or there already (a retry): either way its release brings it.
            receipts.defer(new ChannelReceipts.Deferred(
                    subscription.name(), eventId(message), until, Json.write(message.toJson())));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void recordedSent(List<AlertMessage> messages) {
        topic.recordedSent(messages);
    }

    @Override
    public List<String> releaseQuietHours() {
        List<String> released = new ArrayList<>(topic.releaseQuietHours());
        for (ChannelForwarder.Outcome outcome : release.release(Deadline.in(Channel.BUDGET))) {
            released.add(outcome.eventId() + " to " + outcome.channel() + ": " + outcome.result());
        }
        return released;
    }
}
