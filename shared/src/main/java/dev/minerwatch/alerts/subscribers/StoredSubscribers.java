package dev.minerwatch.alerts.subscribers;

import dev.minerwatch.json.Json;
import dev.minerwatch.store.SubscriberRecords;
import dev.minerwatch.store.SubscriberRecords.SubscriberRecord;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * The subscribers a local run records in its store, where no topic keeps them: nothing is sent to them; the console
 * says, under each message, to whom it would go ({@link Subscribers#recipients}).
 */
final class StoredSubscribers implements Subscribers {

    /** What the list says of a subscriber the store records. */
    static final String RECORDED = "recorded locally (no topic: nothing is sent)";

    private final SubscriberRecords records;
    private final Clock clock;

    StoredSubscribers(SubscriberRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Override
    public boolean subscribe(Subscriber subscriber) {
        return records.put(new SubscriberRecord(
                subscriber.protocol().id(),
                subscriber.endpoint(),
                Json.write(subscriber.filterPolicy()),
                clock.instant()));
    }

    @Override
    public List<Subscription> list() {
        return records.all().stream()
                .map(record -> new Subscription(subscriber(record), RECORDED))
                .sorted(Comparator.comparing((Subscription s) -> s.subscriber().protocol())
                        .thenComparing(s -> s.subscriber().endpoint()))
                .toList();
    }

    @Override
    public boolean unsubscribe(String endpoint) {
        return records.remove(endpoint);
    }

    private static Subscriber subscriber(SubscriberRecord record) {
        Subscriber.Protocol protocol = Subscriber.Protocol.of(record.protocol())
                .orElseThrow(() -> new IllegalStateException(
                        "the store records a subscriber of protocol '" + record.protocol() + "'"));
        try {
            return Subscriber.fromPolicy(protocol, record.endpoint(), Json.parseObject(record.filterPolicy()));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the store's filter policy of a subscriber is no JSON: " + e.getMessage(), e);
        }
    }
}
