package dev.minerwatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.alerts.message.AlertMessage.AckVerdict;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed link that acknowledges an alert: what verifies and what does not. */
class AckLinkTest {

    private static final String KEY = "k3y-of-the-operator-32-bytes-long!!";
    private static final URI ACK = URI.create("https://abc.lambda-url.us-east-1.on.aws/");
    private static final String EVENT = "2026-02-05#price_below_production_cost#1";
    private static final Instant NOW = Instant.parse("2026-02-05T14:00:00Z");
    private static final Instant EXPIRY = NOW.plus(Duration.ofDays(7));

    /** The link's parameters, decoded. */
    private static Map<String, String> query(String url) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            String[] nameValue = pair.split("=", 2);
            query.put(nameValue[0], URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
        }
        return query;
    }

    private static AckVerdict verify(String key, Map<String, String> q, Instant now) {
        return AckLink.verify(key, q.get("e"), q.get("x"), q.get("s"), now);
    }

    @Test
    void aLinkVerifiesUntilItExpires() {
        String url = AckLink.url(ACK, KEY, EVENT, EXPIRY);
        Map<String, String> q = query(url);

        assertThat(url)
                .startsWith(
                        ACK + "?e=2026-02-05%23price_below_production_cost%231&x=" + EXPIRY.getEpochSecond() + "&s=");
        assertThat(q.get("e")).isEqualTo(EVENT);
        assertThat(q.get("s")).hasSize(43).doesNotContain("=", "+", "/");
        assertThat(verify(KEY, q, NOW)).isEqualTo(AckVerdict.VALID);
        assertThat(verify(KEY, q, EXPIRY.minusSeconds(1))).isEqualTo(AckVerdict.VALID);
        assertThat(verify(KEY, q, EXPIRY)).isEqualTo(AckVerdict.EXPIRED);
        assertThat(verify(KEY, q, NOW.plus(Duration.ofDays(8)))).isEqualTo(AckVerdict.EXPIRED);
    }

    @Test
    void aTamperedEventIdExpiryOrSignatureIsForged() {
        Map<String, String> q = query(AckLink.url(ACK, KEY, EVENT, EXPIRY));

        Map<String, String> otherEvent = new LinkedHashMap<>(q);
        otherEvent.put("e", "2026-02-05#price_below_production_cost#2");
        Map<String, String> laterExpiry = new LinkedHashMap<>(q);
        laterExpiry.put("x", String.valueOf(EXPIRY.getEpochSecond() + 86_400));
        Map<String, String> otherSignature = new LinkedHashMap<>(q);
        char first = q.get("s").charAt(0);
        otherSignature.put("s", (first == 'A' ? 'B' : 'A') + q.get("s").substring(1));

        assertThat(verify(KEY, otherEvent, NOW)).isEqualTo(AckVerdict.FORGED);
        assertThat(verify(KEY, laterExpiry, NOW)).isEqualTo(AckVerdict.FORGED);
        assertThat(verify(KEY, otherSignature, NOW)).isEqualTo(AckVerdict.FORGED);
        assertThat(verify("another key", q, NOW)).as("a link of another key").isEqualTo(AckVerdict.FORGED);
        assertThat(verify(KEY, q, EXPIRY.plusSeconds(60)))
                .as("an expired link with a valid signature")
                .isEqualTo(AckVerdict.EXPIRED);
        assertThat(verify(KEY, laterExpiry, EXPIRY.plusSeconds(60)))
                .as("a forged expiry is forged, whenever")
                .isEqualTo(AckVerdict.FORGED);
    }

    @Test
    void theSignatureIsBoundToItsPurpose() throws Exception {
        // A plain HMAC of "<event>\n<expiry>" under the same key (another use of the key) signs nothing here.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String plain = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(mac.doFinal((EVENT + "\n" + EXPIRY.getEpochSecond()).getBytes(StandardCharsets.UTF_8)));

        assertThat(AckLink.verify(KEY, EVENT, String.valueOf(EXPIRY.getEpochSecond()), plain, NOW))
                .isEqualTo(AckVerdict.FORGED);
    }

    @Test
    void aMalformedLinkIsMalformed() {
        Map<String, String> q = query(AckLink.url(ACK, KEY, EVENT, EXPIRY));
        String x = q.get("x");
        String s = q.get("s");

        assertThat(AckLink.verify(KEY, null, x, s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, null, s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, x, null, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, "", x, s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT + "\n", x, s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, "-1", s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, "1e9", s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, "9999999999999", s, NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, x, s + "=", NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, x, s.substring(1), NOW)).isEqualTo(AckVerdict.MALFORMED);
        assertThat(AckLink.verify(KEY, EVENT, x, s.replace(s.charAt(0), '+'), NOW))
                .isEqualTo(AckVerdict.MALFORMED);
    }

    private static AlertEvent alert(EventKind kind) {
        return AlertEvents.of("price_below_production_cost")
                .kind(kind)
                .title("BTC below cost")
                .severity(Severity.CRITICAL)
                .asOf(NOW)
                .detail("btc_usd $69,280 against < $87,000")
                .build();
    }

    @Test
    void anAlertThatFiresOrRemindsCarriesTheLinkInEveryBody() throws Exception {
        for (EventKind kind : new EventKind[] {EventKind.FIRED, EventKind.REMINDER}) {
            AlertMessage plain = AlertMessage.of(alert(kind));
            AlertMessage linked = plain.ackLinked(ACK, KEY, EXPIRY);

            String url = linked.ackLink().orElseThrow();
            assertThat(verify(KEY, query(url), NOW)).isEqualTo(AckVerdict.VALID);
            assertThat(linked.facts()).containsEntry("ackUrl", url);
            assertThat(linked.text()).startsWith(plain.email()).endsWith("\n\nAcknowledge: " + url);
            assertThat(linked.emailBody()).isEqualTo(linked.text());
            Map<String, Object> sns = Json.parseObject(linked.snsMessageJson());
            assertThat((String) sns.get("default")).endsWith("; acknowledge: " + url);
            assertThat(AlertMessage.fromJson(Json.parseObject((String) sns.get("lambda")))
                            .ackLink())
                    .as("the forwarder's channels get the link too")
                    .contains(url);
            assertThat(Gsm7.fitsOneSegment(linked.smsBody())).isTrue();
            assertThat(plain.ackLink()).isEmpty();
            assertThat(plain.text()).isEqualTo(plain.email());
        }
    }

    @Test
    void noOtherMessageCarriesTheLink() {
        for (EventKind kind : new EventKind[] {EventKind.RESOLVED, EventKind.ACKNOWLEDGED}) {
            AlertMessage message = AlertMessage.of(alert(kind));
            assertThat(message.ackLinked(ACK, KEY, EXPIRY)).as(kind.name()).isEqualTo(message);
        }
        AlertMessage test = AlertMessage.test(NOW, "test-1");
        assertThat(test.ackLinked(ACK, KEY, EXPIRY)).isEqualTo(test);
    }
}
