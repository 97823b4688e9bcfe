package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.minerwatch.store.SubscriberRecords.SubscriberRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SubscriberRecords} adapter does: a record is read back with every field; recording an endpoint
 * again replaces its protocol and policy and keeps its first {@code since}, one record per endpoint; the records are
 * listed by protocol, then endpoint; removing takes one endpoint alone, and removing none changes nothing; of two
 * concurrent first records of one endpoint exactly one is new; and subscribers are no alerts, no receipts and no
 * deferred posts. A subclass per adapter supplies a fresh, empty store for each test ({@link #newStorage()}).
 */
public abstract class SubscriberRecordsContract extends FreshStorage {

    private static final Instant SUBSCRIBED = Instant.parse("2026-02-05T14:10:00Z");

    /** An email policy: the critical and warning alerts of one rule unless held from email, and the digests. */
    private static final String EMAIL_POLICY = "{\"$or\":[{\"severity\":[\"critical\",\"warning\"],"
            + "\"rule\":[\"price_below_production_cost\"],\"skip_email\":[{\"exists\":false}]},"
            + "{\"kind\":[\"digest\"]}]}";

    /** An SMS policy in the template's shape: the critical alerts unless held from SMS, and what is for SMS alone. */
    private static final String SMS_POLICY =
            "{\"$or\":[{\"severity\":[\"critical\"],\"skip_sms\":[{\"exists\":false}]},"
                    + "{\"deliver_to\":[\"sms\"]}]}";

    /** The subscriber records under test, of a fresh, empty store for each test. */
    protected SubscriberRecords subscribers;

    @BeforeEach
    void takeTheSubscribers() {
        subscribers = storage.subscribers();
    }

    @Test
    void aRecordIsReadBackWithEveryField() {
        SubscriberRecord alice = new SubscriberRecord("email", "alice@example.com", EMAIL_POLICY, SUBSCRIBED);

        assertThat(subscribers.put(alice)).as("new").isTrue();

        assertThat(subscribers.all()).containsExactly(alice);
    }

    @Test
    void recordingAnEndpointAgainReplacesItsPolicyAndKeepsItsFirstSince() {
        assertThat(subscribers.put(new SubscriberRecord("email", "alice@example.com", EMAIL_POLICY, SUBSCRIBED)))
                .isTrue();

        String digestsOnly = "{\"kind\":[\"digest\"]}";
        assertThat(subscribers.put(
                        new SubscriberRecord("email", "alice@example.com", digestsOnly, SUBSCRIBED.plusSeconds(3_600))))
                .as("the endpoint has a record: replaced, not new")
                .isFalse();

        assertThat(subscribers.all())
                .containsExactly(new SubscriberRecord("email", "alice@example.com", digestsOnly, SUBSCRIBED));
    }

    @Test
    void recordsAreListedByProtocolThenEndpoint() {
        subscribers.put(new SubscriberRecord("sms", "+41791234567", SMS_POLICY, SUBSCRIBED));
        subscribers.put(new SubscriberRecord("email", "carol@example.com", EMAIL_POLICY, SUBSCRIBED.plusSeconds(1)));
        subscribers.put(new SubscriberRecord("sms", "+14155550123", SMS_POLICY, SUBSCRIBED.plusSeconds(2)));
        subscribers.put(new SubscriberRecord("email", "alice@example.com", EMAIL_POLICY, SUBSCRIBED.plusSeconds(3)));

        assertThat(subscribers.all())
                .extracting(SubscriberRecord::protocol, SubscriberRecord::endpoint)
                .containsExactly(
                        tuple("email", "alice@example.com"),
                        tuple("email", "carol@example.com"),
                        tuple("sms", "+14155550123"),
                        tuple("sms", "+41791234567"));
    }

    @Test
    void removingTakesOneEndpointOnlyAndRemovingNoneChangesNothing() {
        SubscriberRecord alice = new SubscriberRecord("email", "alice@example.com", EMAIL_POLICY, SUBSCRIBED);
        SubscriberRecord phone = new SubscriberRecord("sms", "+41791234567", SMS_POLICY, SUBSCRIBED);
        subscribers.put(alice);
        subscribers.put(phone);

        assertThat(subscribers.remove("alice@example.com")).isTrue();
        assertThat(subscribers.all()).containsExactly(phone);

        assertThat(subscribers.remove("alice@example.com"))
                .as("removed already")
                .isFalse();
        assertThat(subscribers.remove("bob@example.com")).as("never recorded").isFalse();
        assertThat(subscribers.all()).containsExactly(phone);

        assertThat(subscribers.put(alice)).as("once removed, recorded anew").isTrue();
    }

    @Test
    void subscribersAreNoAlertsNoReceiptsNoDeferredPosts() {
        subscribers.put(new SubscriberRecord("email", "alice@example.com", EMAIL_POLICY, SUBSCRIBED));
        subscribers.put(new SubscriberRecord("sms", "+41791234567", SMS_POLICY, SUBSCRIBED));

        assertThat(storage.ledger().history(10)).as("subscribers are no alerts").isEmpty();
        assertThat(storage.ledger().load().pending()).isEmpty();
        assertThat(storage.receipts().deferred())
                .as("subscribers are no deferred posts")
                .isEmpty();
        assertThat(storage.silences().all()).isEmpty();
    }

    @Test
    void ofTwoConcurrentFirstRecordsOfOneEndpointExactlyOneIsNew() throws Exception {
        List<SubscriberRecord> records = List.of(
                new SubscriberRecord("email", "alice@example.com", EMAIL_POLICY, SUBSCRIBED),
                new SubscriberRecord(
                        "email", "alice@example.com", "{\"kind\":[\"digest\"]}", SUBSCRIBED.plusSeconds(1)));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> puts = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (SubscriberRecord record : records) {
                puts.add(threads.submit(() -> {
                    start.await();
                    return subscribers.put(record);
                }));
            }
            start.countDown();
        }
        List<Boolean> answers = puts.stream().map(Future::resultNow).toList();

        assertThat(answers).containsExactlyInAnyOrder(true, false);
        assertThat(subscribers.all())
                .singleElement()
                .satisfies(kept -> assertThat(kept.since())
                        .as("the new one's since")
                        .isEqualTo(records.get(answers.indexOf(true)).since()));
    }

    @Test
    void aRecordNeedsEveryField() {
        assertThatThrownBy(() -> new SubscriberRecord("email", "alice@example.com", " ", SUBSCRIBED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriberRecord("", "alice@example.com", EMAIL_POLICY, SUBSCRIBED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SubscriberRecord("sms", null, SMS_POLICY, SUBSCRIBED))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SubscriberRecord("sms", "+41791234567", SMS_POLICY, null))
                .isInstanceOf(NullPointerException.class);
    }
}
