package dev.minerwatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.RuleLedger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertMessageFormatterTest {

    /** The event of 5 February 2026: BTC at $69,280 against a production cost of about $87,000. */
    private static AlertEvent february5(EventKind kind, String title) {
        return AlertEvents.of("price_below_production_cost")
                .title(title)
                .severity(Severity.CRITICAL)
                .kind(kind)
                .asOf(Instant.parse("2026-02-05T14:00:00Z"))
                .sources("coingecko", "kraken")
                .thresholdBasis("model drm v1 (A=ln 0.0122698, B=1)")
                .detail("btc_usd $69,280 against < $87,000")
                .meaning("Miners with average costs produce at a loss.")
                .executionId("exec-1")
                .build();
    }

    @Test
    void theSubjectIsOneLineWhateverTheTitleHolds() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "Outflow\r\n\tBcc: everyone@example.com"));

        assertThat(message.subject())
                .isEqualTo("minerwatch ALERT [critical]: Outflow Bcc: everyone@example.com (2026-02-05)")
                .doesNotContainPattern("\\p{Cntrl}");
    }

    @Test
    void theEmailTellsEverythingASubscriberNeedsToJudgeTheAlert() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"));

        assertThat(message.email())
                .contains("$69,280") // value
                .contains("$87,000") // threshold
                .contains("-$17,720")
                .contains("-20.4%") // distance
                .contains("2026-02-05 14:00:00 UTC") // as-of time in UTC
                .contains("coingecko, kraken") // sources
                .contains("model drm v1") // cost model and version
                .contains("Day final")
                .contains("no") // finality
                .contains("Miners with average costs produce at a loss"); // what the rule means
    }

    @Test
    void theEmailsValueNamesItsSeriesOrTheSeriesAMarginIsComputedFrom() {
        AlertEvent price = february5(EventKind.FIRED, "BTC price below production cost");
        AlertEvent margin = AlertEvents.of("s19xp_under_water")
                .title("S19 XP fleet under water")
                .series(SeriesId.HASHPRICE_USD_PH_DAY)
                .value(-0.85)
                .threshold(0)
                .rearmLevel(0.63)
                .unit("USD margin per PH/s per day") // a breakeven rule's unit
                .asOf(price.figures().asOf())
                .sources("mempool")
                .thresholdBasis("fleet 21.5 J/TH at $0.06/kWh")
                .detail("margin -$0.85 per PH/s per day")
                .meaning("The fleet loses money on every PH/s it runs.")
                .executionId("exec-1")
                .recordedAt(price.recordedAt())
                .build();

        assertThat(AlertMessageFormatter.format(price).email())
                .contains("Value:             $69,280 (btc_usd, 2026-02-05)");
        assertThat(AlertMessageFormatter.format(margin).email())
                .contains("Value:             -$0.85 margin per PH/s per day (from hashprice_usd_ph_day, 2026-02-05)");
    }

    @Test
    void aReminderIsMarkedOneInEveryBodyAndFiresForAWebhookConsumer() {
        AlertEvent fired = february5(EventKind.REMINDER, "BTC price below production cost");
        AlertEvent reminder = AlertEvents.like(fired)
                .detail("still holding, active for 12 h (since 2026-02-05 02:05 UTC, reminder 1 every 12 h): "
                        + fired.explanation().detail())
                .build();

        AlertMessage message = AlertMessageFormatter.format(reminder);

        assertThat(message.subject())
                .isEqualTo("minerwatch REMINDER [critical]: BTC price below production cost (2026-02-05)");
        assertThat(message.email())
                .startsWith("BTC price below production cost: still holding, active for 12 h (since 2026-02-05 02:05"
                        + " UTC, reminder 1 every 12 h): btc_usd $69,280")
                .contains("Resolves past:     $89,610");
        assertThat(message.sms()).startsWith("minerwatch REMINDER CRITICAL: btc price below production cost");
        assertThat(Gsm7.fitsOneSegment(message.sms())).isTrue();
        assertThat(message.attributes()).containsEntry("event", "REMINDER").containsEntry("severity", "critical");
        assertThat(message.facts())
                .containsEntry("status", "firing")
                .containsEntry("reminder", true)
                .containsEntry("event_id", "2026-02-05#price_below_production_cost#1");
        assertThat(AlertMessageFormatter.format(february5(EventKind.FIRED, "t")).facts())
                .doesNotContainKey("reminder");
    }

    @Test
    void anAcknowledgementSaysWhoIsOnItInEveryBodyWithTheAlertsAttributes() {
        AlertEvent fired = february5(EventKind.FIRED, "BTC price below production cost");
        AlertEvent notice = new RuleLedger.Acknowledgement(
                        fired.key(),
                        fired.stateKey(),
                        1,
                        Instant.parse("2026-02-05T14:00:00Z"),
                        "alice",
                        Instant.parse("2026-02-05T15:30:00Z"),
                        "curtailing the old S19s")
                .notice(fired);

        AlertMessage message = AlertMessageFormatter.format(notice);

        String said = "BTC price below production cost acknowledged by alice: curtailing the old S19s";
        assertThat(message.subject())
                .isEqualTo("minerwatch ACKNOWLEDGED [critical]: BTC price below production cost (2026-02-05)");
        assertThat(message.defaultBody()).startsWith(said).contains(notice.key());
        assertThat(message.email()).startsWith(said + ".").contains("No reminder");
        assertThat(message.sms()).isEqualTo("minerwatch ACKNOWLEDGED: " + said);
        assertThat(message.attributes())
                .containsEntry("rule", "price_below_production_cost")
                .containsEntry("severity", "critical")
                .containsEntry("event", "ACKNOWLEDGED")
                .containsEntry(AlertMessage.EVENT_ID, "2026-02-05#price_below_production_cost:ack#1")
                .doesNotContainKey(AlertMessage.KIND);
        assertThat(message.facts())
                .containsEntry("status", "acknowledged")
                .containsEntry("acknowledgement", said)
                .containsEntry("title", "BTC price below production cost");
    }

    @Test
    void theSmsIsOneGsm7SegmentWithTheEssentials() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"));

        assertThat(Gsm7.septets(message.sms())).isBetween(1, 160);
        assertThat(message.sms())
                .contains("CRITICAL")
                .contains("$69,280")
                .contains("$87,000")
                .contains("20.4%");
    }

    @Test
    void aVeryLongTitleStillGivesOneSegmentAndAShortSubject() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "ü≥ price " + "very ".repeat(60)));

        assertThat(Gsm7.fitsOneSegment(message.sms())).isTrue();
        assertThat(message.subject().length()).isLessThan(100);
    }

    @Test
    void attributesLetSubscriptionsFilterByRuleAndSeverity() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"));

        assertThat(message.attributes())
                .containsEntry("rule", "price_below_production_cost")
                .containsEntry("severity", "critical")
                .containsEntry("event", "FIRED");
    }

    @Test
    void everyMessageCarriesItsEventsKeyAsEventIdSoAConsumerCanDropADuplicate() {
        AlertMessage fired =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"));

        assertThat(fired.attributes()).containsEntry("event_id", "2026-02-05#price_below_production_cost#1");
    }

    @Test
    void theConsolePrintsTheEventIdWithTheOtherAttributesInOneOrder() {
        java.io.StringWriter printed = new java.io.StringWriter();

        Notifier.console(new java.io.PrintWriter(printed))
                .publish(List.of(
                        AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"))));

        assertThat(printed.toString())
                .contains("└─ attributes {event=FIRED, event_id=2026-02-05#price_below_production_cost#1, "
                        + "rule=price_below_production_cost, severity=critical}");
    }

    @Test
    void theSnsMessageHasADefaultAnEmailAnSmsBodyAndTheWholeMessageForLambda() throws Exception {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"));

        Map<String, Object> json = Json.parseObject(message.snsMessageJson());
        assertThat(json).containsOnlyKeys("default", "email", "sms", "lambda");
        assertThat((String) json.get("default"))
                .contains("FIRED price_below_production_cost")
                .contains("69,280");
        assertThat(AlertMessage.fromJson(Json.parseObject((String) json.get("lambda"))))
                .as("the forwarder reads back the message minerwatch posts directly")
                .isEqualTo(AlertMessage.fromJson(Json.parseObject(Json.write(message.toJson()))))
                .satisfies(read -> {
                    assertThat(read.subject()).isEqualTo(message.subject());
                    assertThat(read.email()).isEqualTo(message.email());
                    assertThat(read.attributes()).isEqualTo(message.attributes());
                    assertThat(read.facts()).containsEntry("event_id", "2026-02-05#price_below_production_cost#1");
                    assertThat(read.facts().keySet())
                            .containsExactlyElementsOf(message.facts().keySet());
                });
    }

    @Test
    void aMessageOfAnotherFormatIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AlertMessage.fromJson(Map.of("subject", "hi")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a minerwatch message");
        assertThatThrownBy(() -> AlertMessage.fromJson(
                        Map.of("minerwatch_message", 1, "attributes", Map.of(), "facts", Map.of(), "subject", 7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'subject' is not a String: 7");
    }

    @Test
    void valuesAreWrittenInTheirSeriesUnit() {
        AlertEvent hashprice = AlertEvents.of("hashprice_below_floor")
                .title("Hashprice below floor")
                .series(SeriesId.HASHPRICE_USD_PH_DAY)
                .value(31.56)
                .threshold(40)
                .rearmLevel(42)
                .unit("USD per PH/s per day")
                .asOf(Instant.parse("2026-02-05T14:00:00Z"))
                .sources("derived")
                .thresholdBasis("configured floor")
                .detail("hashprice under $40")
                .meaning("Miners earn less than the break-even rule of thumb.")
                .executionId("exec-1")
                .build();

        AlertMessage message = AlertMessageFormatter.format(hashprice);

        assertThat(message.email()).contains("$31.56 per PH/s per day").contains("$40 per PH/s per day");
        assertThat(Gsm7.fitsOneSegment(message.sms())).isTrue();
    }

    @Test
    void etfFlowsReadInMillionsAndTheSubjectNamesTheDay() {
        AlertEvent outflow = AlertEvents.of("etf_daily_outflow")
                .version(3)
                .day("2026-02-04")
                .title("US spot BTC ETF daily outflow")
                .series(SeriesId.ETF_NET_FLOW_USD)
                .value(-544_940_000)
                .threshold(-500_000_000)
                .rearmLevel(Double.NaN)
                .asOf(Instant.parse("2026-02-05T02:00:00Z"))
                .sources("sosovalue")
                .dayFinal(true)
                .thresholdBasis("fixed threshold")
                .detail("etf_net_flow_usd -$544.9M on 2026-02-04")
                .meaning("Large holders are leaving.")
                .executionId("exec-1")
                .recordedAt(Instant.parse("2026-02-05T02:05:00Z"))
                .build();

        AlertMessage message = AlertMessageFormatter.format(outflow);

        assertThat(message.email()).contains("-$544.9M").contains("-$500.0M").contains("-$44.9M");
        assertThat(message.sms()).contains("-$544.9M vs -$500.0M");
        assertThat(message.subject()).contains("2026-02-04");
        assertThat(message.email())
                .contains("Resolves past:     never: each day past the threshold is an alert of its own")
                .doesNotContain("NaN");
    }

    @Test
    void aRuleThatResolvesSaysWhereItResolves() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.FIRED, "BTC price below production cost"));

        assertThat(message.email()).contains("Resolves past:     $89,610");
    }

    @Test
    void aResolutionSaysSo() {
        AlertMessage message =
                AlertMessageFormatter.format(february5(EventKind.RESOLVED, "BTC price below production cost"));

        assertThat(message.subject()).contains("RESOLVED");
        assertThat(message.sms()).startsWith("minerwatch RESOLVED");
        assertThat(message.attributes()).containsEntry("event", "RESOLVED");
    }
}
