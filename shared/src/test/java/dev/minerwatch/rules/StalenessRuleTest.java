package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The staleness rule: a series whose newest observation is too old, or too many sessions behind. */
class StalenessRuleTest {

    private static final StalenessRule PRICE =
            new StalenessRule(info("stale"), SeriesId.BTC_USD, Duration.ofHours(1), 0);
    private static final StalenessRule FLOWS = new StalenessRule(info("stale"), SeriesId.ETF_NET_FLOW_USD, null, 2);

    private static History priceObservedAt(String asOf) {
        Instant at = Instant.parse(asOf);
        return History.window(List.of(new DailyPoint(
                SeriesId.BTC_USD,
                LocalDate.parse(asOf.substring(0, 10)),
                70_000,
                null,
                List.of("coinbase"),
                at,
                false,
                Map.of())));
    }

    private static Reading flowsAt(String now, String... sessions) {
        EngineRun run = EngineRun.history();
        for (String day : sessions) {
            run.point(SeriesId.ETF_NET_FLOW_USD, day, -1e8);
        }
        Instant at = Instant.parse(now);
        return FLOWS.read(History.window(run.points), LocalDate.parse(now.substring(0, 10)), at);
    }

    @Test
    void theStalenessRulesAloneWatchFreshness() {
        assertThat(PRICE.watchesFreshness()).isTrue();
        assertThat(RuleSet.defaults().rules())
                .filteredOn(Rule::watchesFreshness)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r).isInstanceOf(StalenessRule.class));
        assertThat(RuleSet.defaults().rules())
                .filteredOn(r -> !r.watchesFreshness())
                .isNotEmpty()
                .noneMatch(StalenessRule.class::isInstance);
    }

    @Test
    void aRuleIsTitledAndRankedByItsInfo() {
        assertThat(PRICE.title()).isEqualTo("the stale rule");
        assertThat(PRICE.severity()).isEqualTo(Severity.WARNING);
    }

    @Test
    void anObservationExactlyItsMaximumAgeOldIsNotStaleAMomentLaterItIs() {
        History history = priceObservedAt("2026-02-05T13:00:00Z");
        LocalDate day = LocalDate.parse("2026-02-05");

        assertThat(PRICE.read(history, day, Instant.parse("2026-02-05T14:00:00Z"))
                        .signal())
                .isEqualTo(Signal.RESOLVE);
        assertThat(PRICE.read(history, day, Instant.parse("2026-02-05T14:00:00.001Z"))
                        .signal())
                .isEqualTo(Signal.FIRE);
    }

    @Test
    void theReadingIsTheAgeInHoursAgainstTheIntervalExpected() {
        Reading reading = PRICE.read(
                priceObservedAt("2026-02-05T13:00:00Z"),
                LocalDate.parse("2026-02-05"),
                Instant.parse("2026-02-05T14:30:00Z"));

        assertThat(reading.value()).isEqualTo(1.5);
        assertThat(reading.threshold()).isEqualTo(1.0);
        assertThat(reading.unit()).isEqualTo("hours");
        assertThat(reading.day()).isEqualTo("2026-02-05");
        assertThat(reading.basis()).isEqualTo("expected interval of btc_usd");
        assertThat(reading.detail())
                .isEqualTo("newest btc_usd observation at 2026-02-05T13:00:00Z, 1.5 hours before"
                        + " 2026-02-05T14:30:00Z; expected every 1.0 hours");
    }

    @Test
    void aSeriesNeverObservedInACompleteHistoryIsNotStaleButInALiveWindowItWentQuiet() {
        LocalDate day = LocalDate.parse("2026-02-05");
        Instant now = Instant.parse("2026-02-05T14:30:00Z");

        Reading never = PRICE.read(History.complete(List.of()), day, now);
        Reading quiet = PRICE.read(History.window(List.of()), day, now);

        assertThat(never.signal()).isEqualTo(Signal.NO_DATA);
        assertThat(never.detail()).isEqualTo("no btc_usd observed yet");
        assertThat(quiet.signal()).isEqualTo(Signal.FIRE);
        assertThat(quiet.value()).as("hours since the window's first day began").isEqualTo(38.5);
        assertThat(quiet.detail())
                .isEqualTo("no btc_usd observation since at least 2026-02-04T00:00:00Z; expected every 1.0 hours");
    }

    @Test
    void sessionsBehindCountOnlyTradingSessionsClosedBeforeTodayAndExactlyTheMaximumIsNotStale() {
        // Thursday 12 February 2026; Friday the 13th is a session, Monday the 16th (Presidents' Day) is not.
        assertThat(flowsAt("2026-02-17T14:00:00Z", "2026-02-12").value()).isEqualTo(1);
        assertThat(flowsAt("2026-02-18T14:00:00Z", "2026-02-12").signal()).isEqualTo(Signal.RESOLVE);
        assertThat(flowsAt("2026-02-18T14:00:00Z", "2026-02-12").value()).isEqualTo(2);
        Reading behind = flowsAt("2026-02-19T14:00:00Z", "2026-02-12");
        assertThat(behind.signal()).isEqualTo(Signal.FIRE);
        assertThat(behind.unit()).isEqualTo("sessions");
        assertThat(behind.threshold()).isEqualTo(2);
        assertThat(behind.detail())
                .isEqualTo(
                        "3 US trading sessions closed after 2026-02-12 without a etf_net_flow_usd point; expected at most 2");
        assertThat(flowsAt("2026-02-19T14:00:00Z", "2026-02-18").value())
                .as("yesterday's session")
                .isZero();
        assertThat(flowsAt("2026-02-19T14:00:00Z", "2026-02-17").value()).isEqualTo(1);
        assertThat(flowsAt("2026-02-19T14:00:00Z").detail())
                .as("nothing in the window")
                .isEqualTo(
                        "7 US trading sessions closed after 2026-02-07 without a etf_net_flow_usd point; expected at most 2");
    }

    @Test
    void inALiveRunItReadsTodayAndReportsEachSeriesFreshness() {
        EngineRun run = EngineRun.of(PRICE)
                .add(new DailyPoint(
                        SeriesId.BTC_USD,
                        LocalDate.parse("2026-02-05"),
                        70_000,
                        null,
                        List.of("coinbase"),
                        Instant.parse("2026-02-05T12:00:00Z"),
                        false,
                        Map.of()));

        assertThat(run.live("2026-02-05T14:00:00Z")).containsExactly("FIRED 2026-02-05");
        assertThat(run.outcome().freshness()).singleElement().satisfies(f -> {
            assertThat(f.series()).isEqualTo(SeriesId.BTC_USD);
            assertThat(f.age()).isEqualTo(2.0);
            assertThat(f.limit()).isEqualTo(1.0);
            assertThat(f.unit()).isEqualTo("hours");
            assertThat(f.stale()).isTrue();
        });
        assertThat(new RuleEngine.Freshness(SeriesId.BTC_USD, 1.0, 1.0, "hours").stale())
                .isFalse();
        assertThat(run.state("stale/btc_usd").active()).isTrue();
    }

    @Test
    void itNeedsAMaximumAgeOrANumberOfSessionsNotBothAndAnAgeOverZero() {
        assertThatThrownBy(() -> new StalenessRule(info("x"), SeriesId.BTC_USD, null, 0))
                .hasMessage("x btc_usd: give either a maximum age or a number of sessions");
        assertThatThrownBy(() -> new StalenessRule(info("x"), SeriesId.BTC_USD, Duration.ofHours(1), 2))
                .hasMessage("x btc_usd: give either a maximum age or a number of sessions");
        assertThatThrownBy(() -> new StalenessRule(info("x"), SeriesId.BTC_USD, Duration.ZERO, 0))
                .hasMessage("x btc_usd: maximum age PT0S must be positive");
        assertThatThrownBy(() -> new StalenessRule(info("x"), SeriesId.BTC_USD, Duration.ofHours(-1), 0))
                .hasMessage("x btc_usd: maximum age PT-1H must be positive");
    }

    @Test
    void itReadsTheLatestObservationKeepsAStatePerSeriesAndLooksBackADayOrTheSessionsItAllows() {
        assertThat(PRICE.timing()).isEqualTo(Timing.LATEST);
        assertThat(PRICE.kind()).isEqualTo("staleness");
        assertThat(PRICE.stateKey()).isEqualTo("stale/btc_usd");
        assertThat(PRICE.lookbackDays()).isEqualTo(Map.of(SeriesId.BTC_USD, 1));
        assertThat(FLOWS.lookbackDays()).isEqualTo(Map.of(SeriesId.ETF_NET_FLOW_USD, StreakRule.sessionSpanDays(2)));
    }
}
