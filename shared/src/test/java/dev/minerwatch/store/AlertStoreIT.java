package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.config.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.LocalAws;
import dev.minerwatch.localaws.LocalAwsExtension;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox's leases: recorded with the deciding run, taken over after they expire, honoured when marking sent. */
@ExtendWith(LocalAwsExtension.class)
class AlertStoreIT {

    private static final Instant RECORDED = Instant.parse("2026-02-05T14:10:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);

    private AlertStore alerts;

    @BeforeEach
    void freshTable(LocalAws aws) {
        Settings settings = TestTables.freshTable(aws, Map.of());
        alerts = new AlertStore(AwsClients.dynamoDb(settings), settings.tableName());
    }

    private static AlertEvent event(String rule) {
        return event(rule, 89_610);
    }

    private static AlertEvent event(String rule, double rearmLevel) {
        return new AlertEvent("2026-02-05#" + rule + "#1", rule, rule, Severity.WARNING, EventKind.FIRED,
                SeriesId.BTC_USD, LocalDate.parse("2026-02-05"), 69_280, 87_000, rearmLevel, "USD", RECORDED,
                List.of("coingecko"), false, "fixed", "detail", "meaning", "run-a", RECORDED);
    }

    @Test
    void anEventIsStoredWithEveryFigureAndAnEventThatNeverResolvesKeepsSaying() {
        AlertEvent resolving = event("price_below_production_cost");
        AlertEvent eachDay = event("etf_daily_outflow", Double.NaN);
        alerts.record(List.of(), List.of(resolving, eachDay), LEASE);

        assertThat(alerts.load().pending()).containsExactlyInAnyOrder(resolving, eachDay);
    }

    @Test
    void aRecordedEventIsLeasedToTheRunThatDecidedItUntilTheLeaseExpires() {
        AlertEvent event = event("price_below_production_cost");
        alerts.record(List.of(), List.of(event), LEASE);

        assertThat(alerts.claim(event.key(), "run-b", RECORDED.plusSeconds(60), LEASE)).isFalse();
        assertThat(alerts.claim(event.key(), "run-b", RECORDED.plus(LEASE).plusSeconds(1), LEASE)).isTrue();
    }

    @Test
    void markingSentTogetherLeavesOnlyTheEventWhoseLeasePassedToAnotherRun() {
        AlertEvent kept = event("price_below_production_cost");
        AlertEvent lost = event("hash_ribbon_capitulation");
        alerts.record(List.of(), List.of(kept, lost), LEASE);
        alerts.claim(lost.key(), "run-b", RECORDED.plus(LEASE).plusSeconds(1), LEASE);

        List<String> leaseLost = alerts.markSent(List.of(new AlertStore.Sent(kept.key(), "m-1"),
                new AlertStore.Sent(lost.key(), "m-2")), "run-a", RECORDED.plusSeconds(200));

        assertThat(leaseLost).containsExactly(lost.key());
        assertThat(alerts.load().pending()).extracting(AlertEvent::key).containsExactly(lost.key());
        assertThat(alerts.history(10)).filteredOn(entry -> entry.event().key().equals(kept.key()))
                .singleElement().satisfies(entry -> {
                    assertThat(entry.status()).isEqualTo("SENT");
                    assertThat(entry.messageId()).isEqualTo("m-1");
                });
    }
}
