package dev.minerwatch.alerts.subscribers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Subscribers} adapter does: a subscriber is listed with what it gets, an endpoint subscribed again
 * has its filter replaced and is never subscribed twice, one unsubscribed is gone and the others stay, and the list is
 * by protocol then endpoint. A subclass per adapter supplies fresh, empty subscribers for each test.
 */
public abstract class SubscribersContract {

    /** Fresh subscribers, with nobody subscribed: a new topic, or a new store. */
    protected abstract Subscribers subscribers();

    static final Subscriber ALICE =
            Subscriber.email("alice@example.com", List.of("price_below_production_cost"), Severity.WARNING, null);
    static final Subscriber PHONE = Subscriber.sms("+41791234567", List.of(), null);
    static final Subscriber DIGEST_ONLY = Subscriber.email("bob@example.org", List.of("digest"), null, null);

    private static List<Subscriber> listed(Subscribers subscribers) {
        return subscribers.list().stream()
                .map(Subscribers.Subscription::subscriber)
                .toList();
    }

    @Test
    void aSubscriberIsListedWithWhatItGets() {
        Subscribers subscribers = subscribers();

        assertThat(subscribers.subscribe(ALICE)).isTrue();

        assertThat(subscribers.list()).singleElement().satisfies(subscription -> {
            assertThat(subscription.subscriber()).isEqualTo(ALICE);
            assertThat(subscription.state()).isNotBlank();
        });
    }

    @Test
    void anEndpointSubscribedAgainHasItsFilterReplacedAndIsNeverSubscribedTwice() {
        Subscribers subscribers = subscribers();
        subscribers.subscribe(ALICE);
        subscribers.subscribe(PHONE);
        subscribers.subscribe(DIGEST_ONLY);
        Subscriber otherRules = Subscriber.email(
                "alice@example.com", List.of("etf_daily_outflow", "hashprice_below_floor"), Severity.INFO, false);

        assertThat(subscribers.subscribe(otherRules)).isFalse();

        assertThat(listed(subscribers))
                .hasSize(3)
                .contains(otherRules, PHONE, DIGEST_ONLY)
                .doesNotContain(ALICE);
    }

    @Test
    void anUnsubscribedEndpointIsGoneAndAnUnknownOneChangesNothing() {
        Subscribers subscribers = subscribers();
        subscribers.subscribe(ALICE);
        subscribers.subscribe(PHONE);

        assertThat(subscribers.unsubscribe("+41791234567")).isTrue();
        assertThat(subscribers.unsubscribe("+41791234567")).isFalse();
        assertThat(subscribers.unsubscribe("nobody@example.com")).isFalse();

        assertThat(listed(subscribers)).containsExactly(ALICE);
    }

    @Test
    void theListIsByProtocolThenEndpoint() {
        Subscribers subscribers = subscribers();
        subscribers.subscribe(PHONE);
        subscribers.subscribe(DIGEST_ONLY);
        subscribers.subscribe(ALICE);

        assertThat(listed(subscribers)).containsExactly(ALICE, DIGEST_ONLY, PHONE);
    }
}
