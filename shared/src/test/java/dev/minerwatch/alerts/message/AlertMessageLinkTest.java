package dev.minerwatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The link every message about an event carries to its page on the dashboard, once DASHBOARD_URL is set. */
class AlertMessageLinkTest {

    private static final URI DASHBOARD = URI.create("https://d123.cloudfront.net/");
    private static final String PAGE =
            "https://d123.cloudfront.net/events/2026-02-05.price_below_production_cost.1.html";

    private static AlertEvent priceAlert(String title) {
        return AlertEvents.of("price_below_production_cost")
                .title(title)
                .severity(Severity.CRITICAL)
                .asOf(Instant.parse("2026-02-05T14:00:00Z"))
                .sources("coingecko", "kraken")
                .detail("btc_usd $69,280 against < $87,000")
                .build();
    }

    @Test
    void anEventsPageIsAtThePathThatTheSiteWritesItTo() {
        AlertEvent event = priceAlert("BTC price below production cost");

        assertThat(event.pagePath()).isEqualTo("events/2026-02-05.price_below_production_cost.1.html");
        assertThat(AlertEvent.pagePath("2026-02-05#breakeven_s19xp#12"))
                .isEqualTo("events/2026-02-05.breakeven_s19xp.12.html");
    }

    @Test
    void aLinkedMessageLinksToItsEventsPageInEveryBody() throws Exception {
        AlertMessage plain = AlertMessage.of(priceAlert("BTC price below production cost"));

        AlertMessage linked = plain.linkedTo(DASHBOARD);

        assertThat(linked.link()).contains(PAGE);
        assertThat(linked.facts()).containsEntry("url", PAGE);
        assertThat(linked.emailBody()).startsWith(plain.email()).endsWith("\n\nOn the dashboard: " + PAGE);
        Map<String, Object> sns = Json.parseObject(linked.snsMessageJson());
        assertThat(sns.get("email")).isEqualTo(linked.emailBody());
        assertThat((String) sns.get("default")).endsWith("; on the dashboard: " + PAGE);
        assertThat(AlertMessage.fromJson(Json.parseObject((String) sns.get("lambda")))
                        .link())
                .as("the forwarder's channels get the link too")
                .contains(PAGE);
    }

    @Test
    void theSmsCarriesTheLinkOnlyWhenBothFitOneSegment() {
        AlertMessage shortTitle = AlertMessage.of(priceAlert("BTC below cost")).linkedTo(DASHBOARD);
        AlertMessage longTitle = AlertMessage.of(priceAlert("BTC price below the production cost of an average miner"))
                .linkedTo(DASHBOARD);

        assertThat(shortTitle.smsBody()).isEqualTo(shortTitle.sms() + " " + PAGE);
        assertThat(Gsm7.fitsOneSegment(shortTitle.smsBody())).isTrue();
        assertThat(Gsm7.fitsOneSegment(longTitle.sms() + " " + PAGE)).isFalse();
        assertThat(longTitle.smsBody()).isEqualTo(longTitle.sms());
    }

    @Test
    void theDigestLinksToTheDashboardItself() {
        AlertEvent digest = AlertEvents.of("digest")
                .kind(EventKind.DIGEST)
                .title("minerwatch daily digest 2026-02-05")
                .detail("the day's summary")
                .build();

        assertThat(AlertMessage.of(digest).linkedTo(DASHBOARD).link()).contains("https://d123.cloudfront.net/");
    }

    @Test
    void aMessageAboutNoEventIsNotLinked() {
        AlertMessage test = AlertMessage.test(Instant.parse("2026-02-05T14:00:00Z"), "test-1");
        AlertMessage text = AlertMessage.plainText("hello", "by hand", Map.of());

        assertThat(test.linkedTo(DASHBOARD)).isEqualTo(test);
        assertThat(text.linkedTo(DASHBOARD)).isEqualTo(text);
    }

    @Test
    void withoutADashboardEveryBodyIsAsItWas() throws Exception {
        AlertMessage plain = AlertMessage.of(priceAlert("BTC below cost"));

        assertThat(plain.link()).isEmpty();
        assertThat(plain.facts()).doesNotContainKey("url");
        assertThat(plain.emailBody()).isEqualTo(plain.email());
        assertThat(plain.smsBody()).isEqualTo(plain.sms());
        Map<String, Object> sns = Json.parseObject(plain.snsMessageJson());
        assertThat(sns)
                .containsEntry("default", plain.defaultBody())
                .containsEntry("email", plain.email())
                .containsEntry("sms", plain.sms());
    }
}
