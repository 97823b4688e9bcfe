package dev.minerwatch.alerts.subscribers;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.store.SubscriberRecords;
import java.time.Clock;
import java.util.List;

/**
 * The email and SMS subscribers of the alerts: in AWS the alert topic's subscriptions, each with its filter policy;
 * locally, without a topic, the store's record of them, which the console reads to say to whom each message would go.
 * The contract suite ({@code SubscribersContract}) specifies every adapter against this interface.
 */
public interface Subscribers {

    /**
     * A subscriber as the list shows it.
     *
     * @param state {@code confirmed}, {@code pending confirmation} (SNS waits for the email's link), or {@code
     *              recorded} (the local store: no one is sent anything)
     */
    record Subscription(Subscriber subscriber, String state) {}

    /**
     * Subscribes {@code subscriber}, or, when its endpoint is subscribed already, replaces what it gets: never a second
     * subscription of one endpoint.
     *
     * @return true when it was new, false when its filter was updated
     */
    boolean subscribe(Subscriber subscriber);

    /** Every email and SMS subscriber, by protocol and endpoint. */
    List<Subscription> list();

    /** The subscribers a local run records in {@code records}, its store, where no topic keeps them. */
    static Subscribers inStore(SubscriberRecords records, Clock clock) {
        return new StoredSubscribers(records, clock);
    }

    /**
     * Of {@code subscriptions}, those that would get {@code message}: each one's half-hidden endpoint and protocol, what
     * the console says under a message.
     */
    static List<String> recipients(List<Subscription> subscriptions, AlertMessage message) {
        return subscriptions.stream()
                .map(Subscription::subscriber)
                .filter(subscriber -> subscriber.wants(message))
                .map(subscriber ->
                        subscriber.masked() + " (" + subscriber.protocol().id() + ")")
                .toList();
    }

    /**
     * Removes the subscriber of {@code endpoint} (an address or an E.164 number).
     *
     * @return false, changing nothing, when no subscriber has it
     */
    boolean unsubscribe(String endpoint);
}
