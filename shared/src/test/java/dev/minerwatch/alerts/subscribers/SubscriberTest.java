package dev.minerwatch.alerts.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.testkit.SubscriptionPolicies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A subscriber: what it gets, as a filter policy and locally, and how it is written and shown. */
class SubscriberTest {

    private static final Subscriber ALICE =
            Subscriber.email("alice@example.com", List.of("price_below_production_cost"), Severity.WARNING, null);
    private static final Subscriber PHONE = Subscriber.sms("+41791234567", List.of(), null);
    private static final Subscriber DIGEST_ONLY = Subscriber.email("bob@example.org", List.of("digest"), null, null);

    @Test
    void theDefaultsAreTheTemplatesSubscriptions() throws Exception {
        assertThat(Subscriber.email("ops@example.com", List.of(), null, null).filterPolicy())
                .isEqualTo(Json.parseObject(SubscriptionPolicies.EMAIL));
        assertThat(PHONE.filterPolicy()).isEqualTo(Json.parseObject(SubscriptionPolicies.SMS));
    }

    @Test
    void thePolicyNamesTheSeveritiesAndRulesChosenAndTheDigest() {
        assertThat(ALICE.filterPolicy())
                .isEqualTo(Map.of(
                        "$or",
                        List.of(
                                Map.of(
                                        "severity", List.of("critical", "warning"),
                                        "rule", List.of("price_below_production_cost"),
                                        "skip_email", List.of(Map.of("exists", false))),
                                Map.of("kind", List.of("digest")))));
        assertThat(DIGEST_ONLY.filterPolicy()).isEqualTo(Map.of("kind", List.of("digest")));
        assertThat(Subscriber.email("c@example.com", List.of(), null, false).filterPolicy())
                .isEqualTo(Map.of(
                        "severity", List.of("critical", "warning", "info"),
                        "skip_email", List.of(Map.of("exists", false))));
    }

    private static AlertMessage alert(String rule, Severity severity) {
        return AlertMessage.of(AlertEvents.of(rule).severity(severity).build());
    }

    @Test
    void itWantsWhatItsPolicyLetsThrough() {
        AlertMessage price = alert("price_below_production_cost", Severity.WARNING);
        AlertMessage etf = alert("etf_daily_outflow", Severity.CRITICAL);
        AlertMessage info = alert("price_below_production_cost", Severity.INFO);
        AlertMessage digest = AlertMessage.plainText("digest", "d", Map.of("kind", "digest", "event_id", "d1"));
        AlertMessage quietForEmail = price.withAttribute(AlertMessage.notFor("email"), "quiet hours");
        AlertMessage escalationToSms = etf.onlyFor("sms");
        AlertMessage batch = AlertMessage.batch(List.of(price));

        assertThat(List.of(price, etf, info, digest, quietForEmail, escalationToSms, batch))
                .extracting(ALICE::wants)
                .containsExactly(true, false, false, true, false, false, false);
        assertThat(List.of(price, etf, info, digest, quietForEmail, escalationToSms, batch))
                .extracting(PHONE::wants)
                .containsExactly(false, true, false, false, false, true, false);
        assertThat(List.of(price, etf, digest, batch))
                .extracting(DIGEST_ONLY::wants)
                .containsExactly(false, false, true, false);
    }

    @Test
    void itIsListedHalfHiddenAndInWordsAndReadBackFromItsPolicy() {
        assertThat(ALICE.masked()).isEqualTo("a***@example.com");
        assertThat(PHONE.masked()).isEqualTo("+417***67");
        assertThat(ALICE.describe())
                .isEqualTo("warning and critical alerts of price_below_production_cost; the digest");
        assertThat(PHONE.describe()).isEqualTo("critical alerts of every rule; escalations to SMS; no digest");
        assertThat(DIGEST_ONLY.describe()).isEqualTo("the digest");
        assertThat(Subscriber.email("c@example.com", List.of(), null, false).describe())
                .isEqualTo("alerts of every severity of every rule; no digest");
        for (Subscriber subscriber : List.of(ALICE, PHONE, DIGEST_ONLY)) {
            assertThat(Subscriber.fromPolicy(subscriber.protocol(), subscriber.endpoint(), subscriber.filterPolicy()))
                    .isEqualTo(subscriber);
        }
        assertThatThrownBy(() -> Subscriber.fromPolicy(
                        Subscriber.Protocol.EMAIL, "x@example.com", Map.of("source", List.of("console"))))
                .hasMessageStartingWith("not a minerwatch filter policy");
    }

    @Test
    void badInputNamesTheOption() {
        assertThatThrownBy(() -> Subscriber.email("alice.example.com", List.of(), null, null))
                .hasMessage("--email: 'alice.example.com' is not an email address");
        assertThatThrownBy(() -> Subscriber.sms("0791234567", List.of(), null))
                .hasMessageStartingWith("--sms: '0791234567' is not an E.164 number");
        assertThatThrownBy(() -> Subscriber.sms("+41791234567", List.of("digest"), null))
                .hasMessageContaining("SMS never gets the digest");
        assertThatThrownBy(() -> Subscriber.email("a@example.com", List.of("digest"), null, false))
                .hasMessageContaining("--no-digest");
    }
}
