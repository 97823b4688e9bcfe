package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.series.SeriesId;
import org.junit.jupiter.api.Test;

/** What an event tells about itself: the state that made it, whether it can resolve, how far past its threshold. */
class AlertEventTest {

    private static AlertEvent firstEventOf(EngineRun run, String from, String to) {
        run.replay(from, to);
        return run.outcome().events().isEmpty() ? null : run.outcome().events().get(0);
    }

    @Test
    void itsKeyNamesTheDayTheRulesStateAndTheStatesVersion() {
        assertThat(AlertEvent.key(java.time.LocalDate.parse("2026-02-02"), "data_stale/btc_usd", 12))
                .isEqualTo("2026-02-02#data_stale/btc_usd#12");
        EngineRun run = EngineRun.of("etf_daily_outflow").point(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", -600e6);

        AlertEvent event = firstEventOf(run, "2026-02-04", "2026-02-04");

        assertThat(event.key()).isEqualTo("2026-02-04#etf_daily_outflow#1");
        assertThat(event.stateKey()).isEqualTo("etf_daily_outflow");
        assertThat(event.stateVersion()).isEqualTo(1);
    }

    @Test
    void anEachDayEventNeverResolvesAndAThresholdEventSaysHowFarPastItsThresholdTheValueIs() {
        EngineRun outflow = EngineRun.of("etf_daily_outflow").point(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", -600e6);
        EngineRun price = EngineRun.of("price_below_production_cost")
                .point(SeriesId.PRODUCTION_COST_USD, "2026-02-04", 87_500)
                .point(SeriesId.BTC_USD, "2026-02-04", 70_000);

        AlertEvent each = firstEventOf(outflow, "2026-02-04", "2026-02-04");
        AlertEvent under = firstEventOf(price, "2026-02-04", "2026-02-04");

        assertThat(each.resolves()).isFalse();
        assertThat(each.distance()).isEqualTo(-0.2);
        assertThat(under.resolves()).isTrue();
        assertThat(under.distance()).isEqualTo(-0.2);
    }

    @Test
    void aThresholdOfZeroHasNoDistance() {
        EngineRun run = EngineRun.of("etf_outflow_streak")
                .sessions(SeriesId.ETF_NET_FLOW_USD, "2026-02-02", -1e8, -1e8, -1e8, -1e8);

        AlertEvent streak = firstEventOf(run, "2026-02-02", "2026-02-05");

        assertThat(streak.figures().threshold()).isZero();
        assertThat(streak.distance()).isNaN();
    }

    @Test
    void anEventsPageIsItsKeyWithDotsForItsHashesAndDashesForSlashesAndColonsDirectlyUnderEvents() {
        AlertEvent event = AlertEvents.of("breakeven_s19xp").version(12).build();

        assertThat(event.pagePath()).isEqualTo("events/2026-02-05.breakeven_s19xp.12.html");
        assertThat(AlertEvent.pagePath("2026-02-05#data_stale/btc_usd#3"))
                .as("the path the site writes the page to, and every message links to")
                .isEqualTo("events/2026-02-05.data_stale-btc_usd.3.html");
        assertThat(AlertEvent.pagePath("2026-02-06#digest:daily#1")).isEqualTo("events/2026-02-06.digest-daily.1.html");
    }
}
