package dev.minerwatch.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The email and SMS subscribers recorded in the store, where no alert topic keeps them (a local run): each as its
 * protocol, its endpoint and its SNS filter policy as JSON text, which the alert wing reads and writes. One record per
 * endpoint. The contract suite ({@code SubscriberRecordsContract}) specifies every adapter against this interface.
 */
public interface SubscriberRecords {

    /**
     * The order of {@link #all()}: by protocol, then endpoint, compared as Java strings, so that both stores list in
     * the same order whatever their own collation (SQLite compares UTF-8 bytes, DynamoDB sorts by the sort key alone).
     */
    Comparator<SubscriberRecord> ORDER =
            Comparator.comparing(SubscriberRecord::protocol).thenComparing(SubscriberRecord::endpoint);

    /**
     * One subscriber, as the alert topic would keep its subscription.
     *
     * @param protocol     "email" or "sms"
     * @param endpoint     the address or the E.164 number
     * @param filterPolicy the subscription's filter policy, JSON text
     * @param since        when it was first recorded (kept when the record is replaced)
     */
    record SubscriberRecord(String protocol, String endpoint, String filterPolicy, Instant since) {

        public SubscriberRecord {
            required(protocol, "protocol", endpoint);
            required(endpoint, "endpoint", endpoint);
            // A blank policy would be read by SNS as no policy at all: every alert to the subscriber, the opposite of
            // what a subscriber who chose some alerts asked for.
            required(filterPolicy, "filterPolicy", endpoint);
            Objects.requireNonNull(since, "since");
        }

        private static void required(String value, String name, String endpoint) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException("a subscriber record needs its " + name + ", not a blank one");
            }
        }
    }

    /**
     * Records it, or replaces the record of its endpoint (keeping the first {@code since}): true when it is new. Of
     * two concurrent first records of one endpoint, exactly one is new, whatever the concurrency: the other replaces
     * it.
     */
    boolean put(SubscriberRecord record);

    /** Every record, by protocol, then endpoint ({@link #ORDER}), read strongly consistently. */
    List<SubscriberRecord> all();

    /** Removes the record of {@code endpoint}: false, changing nothing, when there is none. */
    boolean remove(String endpoint);
}
