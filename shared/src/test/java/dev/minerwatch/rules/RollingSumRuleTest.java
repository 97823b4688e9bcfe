package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.SeriesId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rolling sum rule: the last N consecutive sessions summed against a threshold, with a re-arm level. */
class RollingSumRuleTest {

    private static final SeriesId FLOW = SeriesId.ETF_NET_FLOW_USD;
    /** Two sessions summing to $1B out or more fire; back above -$600M re-arms. */
    private static final RollingSumRule TWO_DAY =
            new RollingSumRule(info("two_day"), FLOW, 2, Condition.AT_OR_BELOW, -1e9, -6e8);

    @Test
    void theSumFiresAtTheThresholdHoldsInTheBandAndResolvesOnlyAboveTheReArmLevel() {
        // Sums of the two newest sessions: -1B, -0.7B, -0.6B, -0.599B, -1.1B.
        EngineRun run = EngineRun.of(TWO_DAY).sessions(FLOW, "2026-02-02", -5e8, -5e8, -2e8, -4e8, -1.99e8, -9.01e8);

        assertThat(List.of("2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06", "2026-02-09"))
                .map(day -> run.read(TWO_DAY, day).signal())
                .containsExactly(Signal.FIRE, Signal.HOLD, Signal.HOLD, Signal.RESOLVE, Signal.FIRE);
        assertThat(run.replay("2026-02-02", "2026-02-10"))
                .containsExactly("FIRED 2026-02-03", "RESOLVED 2026-02-06", "FIRED 2026-02-09");
    }

    @Test
    void theAboveFamilyMirrorsIt() {
        RollingSumRule inflows = new RollingSumRule(info("inflows"), FLOW, 2, Condition.ABOVE, 1e9, 8e8);
        EngineRun run = EngineRun.of(inflows).sessions(FLOW, "2026-02-02", 5e8, 5e8, 5.01e8, 3e8, 4.99e8);

        assertThat(List.of("2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06"))
                .map(day -> run.read(inflows, day).signal())
                .containsExactly(Signal.HOLD, Signal.FIRE, Signal.HOLD, Signal.RESOLVE);
    }

    @Test
    void theWindowIsTheLastSessionsAcrossAHolidayAndAMissingSessionLeavesTheDayUnread() {
        RollingSumRule week = new RollingSumRule(info("week"), FLOW, 5, Condition.AT_OR_BELOW, -1e9, -1e9);
        EngineRun run = EngineRun.of(week).sessions(FLOW, "2026-02-10", -2e8, -2e8, -2e8, -2e8, -2e8);

        Reading reading = run.read(week, "2026-02-17");

        assertThat(reading.signal()).isEqualTo(Signal.FIRE);
        assertThat(reading.value()).isEqualTo(-1e9);
        assertThat(reading.day()).isEqualTo("2026-02-17");
        assertThat(reading.detail())
                .isEqualTo(
                        "etf_net_flow_usd summed over the 5 sessions 2026-02-10 to 2026-02-17: -$1.00B against ≤ -$1.00B");
        assertThat(reading.basis()).isEqualTo("fixed threshold of rule week on the 5-session sum");
        assertThat(run.read(week, "2026-02-16").signal())
                .as("four sessions by the holiday")
                .isEqualTo(Signal.NO_DATA);
        assertThat(run.read(week, "2026-02-16").detail())
                .isEqualTo("no 5 consecutive etf_net_flow_usd sessions on or before 2026-02-16");
        run.points.removeIf(p -> p.day().toString().equals("2026-02-12"));
        assertThat(run.read(week, "2026-02-17").signal()).isEqualTo(Signal.NO_DATA);
    }

    @Test
    void aRevisionThatUndoesTheSumThatFiredResolvesItThoughTheNewestSumIsInTheBand() {
        RollingSumRule week = new RollingSumRule(info("week"), FLOW, 5, Condition.AT_OR_BELOW, -1e9, -5e8);
        EngineRun run = EngineRun.of(week).sessions(FLOW, "2026-02-02", -2.5e8, -2.5e8, -2.5e8, -2.5e8, -2.5e8);

        List<String> fired = run.live("2026-02-07T14:00:00Z");
        run.sessions(FLOW, "2026-02-09", -2.5e8);
        List<String> next = run.live("2026-02-10T14:00:00Z");
        run.revise(FLOW, "2026-02-03", 1e8, "2026-02-10T15:00:00Z"); // the sums through the 6th and the 9th: -900M
        List<String> afterRevision = run.live("2026-02-10T16:00:00Z");

        assertThat(fired).containsExactly("FIRED 2026-02-06");
        assertThat(next).isEmpty();
        assertThat(afterRevision).containsExactly("RESOLVED 2026-02-09");
        assertThat(run.read(week, "2026-02-09").signal()).isEqualTo(Signal.HOLD);
    }

    @Test
    void oneSessionIsTheLeastAndTheReArmLevelMayNotSitOnTheFiringSide() {
        assertThat(new RollingSumRule(info("one"), FLOW, 1, Condition.BELOW, -1e9, -1e9).sessions())
                .isEqualTo(1);
        assertThat(new RollingSumRule(info("up"), FLOW, 1, Condition.ABOVE, 1e9, 1e9).rearm())
                .isEqualTo(1e9);
        assertThatThrownBy(() -> new RollingSumRule(info("none"), FLOW, 0, Condition.BELOW, -1e9, -1e9))
                .hasMessage("none: a rolling sum needs at least 1 session, not 0");
        assertThatThrownBy(() -> new RollingSumRule(info("low"), FLOW, 5, Condition.AT_OR_BELOW, -1e9, -1.5e9))
                .hasMessage("low: re-arm level -1.5E9 is on the firing side of -1.0E9");
        assertThatThrownBy(() -> new RollingSumRule(info("high"), FLOW, 5, Condition.AT_OR_ABOVE, 1e9, 1.5e9))
                .hasMessage("high: re-arm level 1.5E9 is on the firing side of 1.0E9");
    }

    @Test
    void itReadsClosedDaysAndLooksBackTheCalendarDaysOfItsSessions() {
        assertThat(TWO_DAY.timing()).isEqualTo(Timing.CLOSED_DAYS);
        assertThat(TWO_DAY.kind()).isEqualTo("rolling_sum");
        assertThat(TWO_DAY.lookbackDays()).isEqualTo(Map.of(FLOW, StreakRule.sessionSpanDays(2)));
    }
}
