package dev.minerwatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alerts of one delivery as one message for a person's channel. */
class MessageGroupTest {

    private static AlertMessage alert(String rule, String title, Severity severity, EventKind kind) {
        return AlertMessage.of(AlertEvents.of(rule)
                .title(title)
                .severity(severity)
                .kind(kind)
                .value(41.5)
                .build());
    }

    private final AlertMessage info = alert("hashprice_low", "Hashprice under $45", Severity.INFO, EventKind.FIRED);
    private final AlertMessage warning = alert("etf_daily_outflow", "ETF outflow", Severity.WARNING, EventKind.FIRED);
    private final AlertMessage criticalResolved =
            alert("price_below_production_cost", "BTC under cost", Severity.CRITICAL, EventKind.RESOLVED);

    @Test
    void oneAlertIsItsOwnMessage() {
        assertThat(AlertMessage.grouped(List.of(warning))).isSameAs(warning);
    }

    @Test
    void theSubjectCountsTheAlertsAndNamesTheMostSevereThatHoldsAndTheBodyListsEachMostSevereFirst() {
        AlertMessage group = AlertMessage.grouped(List.of(info, criticalResolved, warning));

        assertThat(group.subject())
                .isEqualTo(("minerwatch: 3 alerts; most severe: " + warning.subject())
                        .substring(
                                0, Math.min(99, ("minerwatch: 3 alerts; most severe: " + warning.subject()).length())));
        assertThat(group.email())
                .startsWith(criticalResolved.subject() + "\n\n" + criticalResolved.email())
                .contains(warning.subject() + "\n\n" + warning.email(), info.subject() + "\n\n" + info.email());
        assertThat(group.email().indexOf(warning.subject()))
                .isLessThan(group.email().indexOf(info.subject()));
        assertThat(group.attributes())
                .containsEntry("severity", "warning")
                .containsEntry("event", "FIRED")
                .containsEntry("rule", "etf_daily_outflow")
                .containsEntry(
                        AlertMessage.EVENT_ID, "group:" + warning.attributes().get(AlertMessage.EVENT_ID) + "+2");
        assertThat(group.isAlert()).isTrue();
        assertThat(group.facts()).containsEntry("status", "firing").containsEntry("title", "3 alerts");
    }

    @Test
    void aGroupOfResolutionsIsNamedByTheMostSevereAndSaysResolved() {
        AlertMessage resolvedInfo = alert("hashprice_low", "Hashprice under $45", Severity.INFO, EventKind.RESOLVED);

        AlertMessage group = AlertMessage.grouped(List.of(resolvedInfo, criticalResolved));

        assertThat(group.attributes()).containsEntry("severity", "critical").containsEntry("event", "RESOLVED");
        assertThat(group.facts()).containsEntry("status", "resolved");
    }

    @Test
    void eachAlertKeepsItsLinksInTheBodyAndItsFactsAmongTheMembers() {
        URI dashboard = URI.create("https://d1.cloudfront.net/");
        AlertMessage linked = warning.linkedTo(dashboard)
                .ackLinked(URI.create("https://ack.example/"), "k".repeat(32), Instant.parse("2026-02-12T00:00:00Z"));

        AlertMessage group = AlertMessage.grouped(List.of(linked, info));

        assertThat(group.email())
                .contains(AlertMessage.LINK_LABEL + ": " + linked.link().orElseThrow())
                .contains(AlertMessage.ACK_LABEL + ": " + linked.ackLink().orElseThrow());
        assertThat(group.link()).isEmpty();
        assertThat(group.members())
                .extracting(m -> m.get(AlertMessage.EVENT_ID), m -> m.get("event"), m -> m.get("severity"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                warning.attributes().get(AlertMessage.EVENT_ID), "FIRED", "warning"),
                        org.assertj.core.groups.Tuple.tuple(
                                info.attributes().get(AlertMessage.EVENT_ID), "FIRED", "info"));
        assertThat(warning.members())
                .singleElement()
                .satisfies(m -> assertThat(m).containsEntry("event", "FIRED"));
    }

    @Test
    void onlyAlertsAreGroupedAndABatchForTheForwarderGivesItsAlertsBack() {
        AlertMessage test = AlertMessage.test(Instant.parse("2026-02-05T14:00:00Z"), "test-1");

        assertThatThrownBy(() -> AlertMessage.grouped(List.of(warning, test)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an alert");
        assertThatThrownBy(() -> AlertMessage.grouped(List.of())).isInstanceOf(IllegalArgumentException.class);
        AlertMessage batch = AlertMessage.batch(List.of(warning, info));
        assertThat(batch.isAlert()).isFalse();
        assertThat(batch.attributes()).isEqualTo(Map.of(AlertMessage.KIND, AlertMessage.BATCH));
        assertThat(batch.batched()).containsExactly(warning, info);
        assertThat(AlertMessage.fromJson(batch.toJson()).batched()).containsExactly(warning, info);
        assertThat(warning.batched()).isEmpty();
    }

    @Test
    void afterQuietHoursEachRuleStateIsNamedOnceAndWhatStillHoldsKeepsItsFigures() {
        AlertMessage etfFired = alert("etf_daily_outflow", "ETF outflow", Severity.WARNING, EventKind.FIRED);
        AlertMessage etfResolved = AlertMessage.of(AlertEvents.of("etf_daily_outflow")
                .title("ETF outflow")
                .severity(Severity.WARNING)
                .kind(EventKind.RESOLVED)
                .version(2)
                .build());
        AlertMessage price = alert("price_below_production_cost", "BTC under cost", Severity.CRITICAL, EventKind.FIRED);
        AlertMessage hashprice = alert("hashprice_low", "Hashprice under $45", Severity.INFO, EventKind.RESOLVED);

        AlertMessage morning = AlertMessage.afterQuietHours(
                List.of(etfFired, price, etfResolved, hashprice), "22:00-07:00 Europe/Berlin");

        assertThat(morning.subject())
                .isEqualTo("minerwatch: while quiet, 2 fired, 2 resolved (22:00-07:00 Europe/Berlin)");
        assertThat(morning.email())
                .startsWith("While this channel was quiet (22:00-07:00 Europe/Berlin):\n\n"
                        + "- Fired and resolved: ETF outflow [warning]\n"
                        + "- Fired: BTC under cost [critical]\n"
                        + "- Resolved: Hashprice under $45 [info]\n\n----\n\n"
                        + price.subject() + "\n\n" + price.email())
                .doesNotContain(etfFired.email());
        assertThat(morning.defaultBody())
                .isEqualTo(morning.subject() + ": - Fired and resolved: ETF outflow [warning]; - Fired: BTC under cost"
                        + " [critical]; - Resolved: Hashprice under $45 [info]");
        assertThat(morning.sms()).isEqualTo(morning.subject());
        assertThat(morning.attributes()).containsEntry("severity", "critical").containsEntry("event", "FIRED");
        assertThat(morning.members()).hasSize(4);
    }

    @Test
    void afterQuietHoursWithNothingStillHoldingOrOnlyReminders() {
        AlertMessage fired = alert("etf_daily_outflow", "ETF outflow", Severity.WARNING, EventKind.FIRED);
        AlertMessage resolved = AlertMessage.of(AlertEvents.of("etf_daily_outflow")
                .title("ETF outflow")
                .severity(Severity.WARNING)
                .kind(EventKind.RESOLVED)
                .version(2)
                .build());
        AlertMessage reminder =
                alert("price_below_production_cost", "BTC under cost", Severity.WARNING, EventKind.REMINDER);
        AlertMessage acknowledged =
                alert("hashprice_low", "Hashprice under $45", Severity.INFO, EventKind.ACKNOWLEDGED);

        AlertMessage pair = AlertMessage.afterQuietHours(List.of(resolved, fired), "22:00-07:00 UTC");
        AlertMessage others = AlertMessage.afterQuietHours(List.of(reminder, acknowledged), "22:00-07:00 UTC");

        assertThat(pair.subject()).isEqualTo("minerwatch: while quiet, 1 fired, 1 resolved (22:00-07:00 UTC)");
        assertThat(pair.email()).endsWith("- Fired and resolved: ETF outflow [warning]\n\nNothing of it still holds.");
        assertThat(others.subject()).isEqualTo("minerwatch: while quiet, 2 held (22:00-07:00 UTC)");
        assertThat(others.email())
                .contains("- Still holds: BTC under cost [warning]\n- Acknowledged: Hashprice under $45 [info]")
                .contains(reminder.email());
        AlertMessage alone = AlertMessage.afterQuietHours(List.of(fired), "22:00-07:00 UTC");
        assertThat(alone.subject()).isEqualTo("minerwatch: while quiet, 1 fired (22:00-07:00 UTC)");
        assertThat(alone.attributes()).isEqualTo(fired.attributes());
    }

    @Test
    void aLongSubjectIsCutAndAnUnknownSeverityCountsAsInfo() {
        AlertMessage longTitle = alert("etf_daily_outflow", "x".repeat(90), Severity.WARNING, EventKind.FIRED);
        AlertMessage odd = new AlertMessage(
                "odd",
                "odd",
                "odd",
                "odd",
                Map.of(AlertMessage.EVENT_ID, "2026-02-05#odd#1", "severity", "loud", "event", "FIRED"));

        AlertMessage group = AlertMessage.grouped(List.of(odd, longTitle));

        assertThat(group.subject()).hasSize(AlertMessage.MAX_SUBJECT_LENGTH).endsWith("…");
        assertThat(group.attributes()).containsEntry("severity", "warning");
        assertThat(group.email()).startsWith(longTitle.subject());
    }

    @Test
    void ofOneSeverityAnAlertThatHoldsComesBeforeOneThatResolved() {
        AlertMessage resolved = alert("etf_daily_outflow", "ETF outflow", Severity.WARNING, EventKind.RESOLVED);
        AlertMessage holds = alert("hashprice_low", "Hashprice under $45", Severity.WARNING, EventKind.FIRED);

        AlertMessage group = AlertMessage.grouped(List.of(resolved, holds));

        assertThat(group.email()).startsWith(holds.subject());
        assertThat(group.members()).extracting(m -> m.get("event")).containsExactly("FIRED", "RESOLVED");
    }

    @Test
    void afterQuietHoursACriticalAlertThatFiredAndResolvedIsNoLongerItsPriority() {
        AlertMessage fired = alert("price_below_production_cost", "BTC under cost", Severity.CRITICAL, EventKind.FIRED);
        AlertMessage resolved = AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title("BTC under cost")
                .severity(Severity.CRITICAL)
                .kind(EventKind.RESOLVED)
                .version(2)
                .build());
        AlertMessage warning = alert("etf_daily_outflow", "ETF outflow", Severity.WARNING, EventKind.FIRED);

        AlertMessage pairAndWarning = AlertMessage.afterQuietHours(List.of(fired, warning, resolved), "window");
        AlertMessage pairAlone = AlertMessage.afterQuietHours(List.of(fired, resolved), "window");

        assertThat(pairAndWarning.attributes())
                .containsEntry("severity", "warning")
                .containsEntry("event", "FIRED");
        assertThat(pairAlone.attributes()).containsEntry("severity", "critical").containsEntry("event", "RESOLVED");
        assertThat(pairAlone.facts()).containsEntry("status", "resolved");
    }
}
