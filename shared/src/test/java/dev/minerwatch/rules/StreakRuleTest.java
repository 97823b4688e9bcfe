package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streak rule: a run of consecutive sessions (or days) on one side of a level. */
class StreakRuleTest {

    private static final SeriesId FLOW = SeriesId.ETF_NET_FLOW_USD;
    private static final StreakRule OUTFLOWS = new StreakRule(info("outflows"), FLOW, Condition.BELOW, 0, 4);

    @Test
    void aRunFiresOnTheSessionThatCompletesItCountingSessionsAcrossAHolidayAndAWeekend() {
        // Wed 11, Thu 12, Fri 13 February 2026, then Presidents' Day (Mon 16) closed, then Tue 17.
        EngineRun run = EngineRun.of(OUTFLOWS).sessions(FLOW, "2026-02-11", -1e8, -1e8, -1e8, -1e8, 2e8);

        assertThat(run.read(OUTFLOWS, "2026-02-16").signal())
                .as("three sessions on the holiday")
                .isEqualTo(Signal.HOLD);
        assertThat(run.read(OUTFLOWS, "2026-02-17").signal()).isEqualTo(Signal.FIRE);
        assertThat(run.replay("2026-02-11", "2026-02-19")).containsExactly("FIRED 2026-02-17", "RESOLVED 2026-02-18");
    }

    @Test
    void aSessionExactlyAtTheLevelNeitherExtendsTheRunNorEndsIt() {
        EngineRun run = EngineRun.of(OUTFLOWS).sessions(FLOW, "2026-02-02", -1e8, -1e8, -1e8, -1e8, 0, -1e8, -1e8, 1e8);

        assertThat(run.read(OUTFLOWS, "2026-02-06").signal())
                .as("the session at $0 ends nothing")
                .isEqualTo(Signal.HOLD);
        assertThat(run.read(OUTFLOWS, "2026-02-10").signal())
                .as("nor counts towards a run")
                .isEqualTo(Signal.HOLD);
        assertThat(run.replay("2026-02-02", "2026-02-11")).containsExactly("FIRED 2026-02-05", "RESOLVED 2026-02-11");
    }

    @Test
    void aRunOfADailySeriesCountsCalendarDaysAndTheAboveFamilyResolvesUnderTheLevel() {
        StreakRule highs = new StreakRule(info("highs"), SeriesId.HASHRATE_EHS, Condition.ABOVE, 100, 3);
        EngineRun run = EngineRun.of(highs).daily(SeriesId.HASHRATE_EHS, "2026-02-01", 101, 102, 103, 100, 99);

        assertThat(run.read(highs, "2026-02-03").detail())
                .isEqualTo(
                        "3 consecutive days with hashrate_ehs > 100 EH/s, 2026-02-01 to 2026-02-03, 306 EH/s in total");
        assertThat(run.read(highs, "2026-02-04").signal()).as("at the level").isEqualTo(Signal.HOLD);
        assertThat(run.replay("2026-02-01", "2026-02-06")).containsExactly("FIRED 2026-02-03", "RESOLVED 2026-02-05");
    }

    @Test
    void aMissingDayOfADailySeriesBreaksTheRun() {
        StreakRule highs = new StreakRule(info("highs"), SeriesId.HASHRATE_EHS, Condition.ABOVE, 100, 3);
        EngineRun run = EngineRun.of(highs)
                .daily(SeriesId.HASHRATE_EHS, "2026-02-01", 101, 102)
                .point(SeriesId.HASHRATE_EHS, "2026-02-04", 103);

        assertThat(run.read(highs, "2026-02-04").signal()).isEqualTo(Signal.HOLD);
    }

    @Test
    void itsSentencesNameTheRunTheSessionThatEndsItOrWhatIsMissing() {
        EngineRun run = EngineRun.of(OUTFLOWS)
                .sessions(FLOW, "2025-01-07", 52.4e6, -568.8e6, -149.4e6, -284.1e6, -209.4e6, 626e6);

        Reading fired = run.read(OUTFLOWS, "2025-01-14");
        Reading ended = run.read(OUTFLOWS, "2025-01-15");
        Reading short_ = run.read(OUTFLOWS, "2025-01-13");

        assertThat(fired.detail())
                .isEqualTo("4 consecutive US trading sessions with etf_net_flow_usd < $0,"
                        + " 2025-01-08 to 2025-01-14, -$1.21B in total");
        assertThat(fired.basis()).isEqualTo("run of 4 sessions < $0");
        assertThat(fired.value()).isEqualTo(-209.4e6);
        assertThat(ended.signal()).isEqualTo(Signal.RESOLVE);
        assertThat(ended.detail()).isEqualTo("etf_net_flow_usd $626.0M on 2025-01-15 ends the run");
        assertThat(short_.signal()).isEqualTo(Signal.HOLD);
        assertThat(short_.detail()).isEqualTo("no run of 4 consecutive sessions < $0");
        assertThat(run.read(OUTFLOWS, "2025-01-06").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(OUTFLOWS, "2025-01-06").detail())
                .isEqualTo("no etf_net_flow_usd point on or before 2025-01-06");
    }

    @Test
    void aStreakNeedsTwoSessionsAtLeast() {
        assertThat(new StreakRule(info("pair"), FLOW, Condition.BELOW, 0, 2).sessions())
                .isEqualTo(2);
        assertThatThrownBy(() -> new StreakRule(info("one"), FLOW, Condition.BELOW, 0, 1))
                .hasMessage("one: a streak needs at least 2 sessions, not 1");
    }

    @Test
    void itReadsClosedDaysAndLooksBackTheCalendarDaysOfItsSessions() {
        assertThat(OUTFLOWS.timing()).isEqualTo(Timing.CLOSED_DAYS);
        assertThat(OUTFLOWS.kind()).isEqualTo("streak");
        assertThat(OUTFLOWS.lookbackDays()).isEqualTo(Map.of(FLOW, StreakRule.sessionSpanDays(4)));
    }

    /**
     * A live evaluation reads this many days before its oldest closed day: they must hold the run whatever its length,
     * with room for closures nobody scheduled (two sessions for Hurricane Sandy, one for a state funeral), and not much
     * more, which every run would read for nothing. (Before, a run of a year's sessions lost six of them: a live run missed what a replay saw.)
     */
    @Test
    void theLookBackOfARunOfAnyLengthHoldsItsSessionsAndThreeUnscheduledClosuresMore() {
        LocalDate start = LocalDate.parse("1990-01-01");
        int[] sessionsBefore = new int[366 * 41];
        for (int i = 1; i < sessionsBefore.length; i++) {
            sessionsBefore[i] = sessionsBefore[i - 1] + (UsTradingCalendar.isTradingDay(start.plusDays(i - 1)) ? 1 : 0);
        }
        for (int sessions = 2; sessions <= 800; sessions++) {
            int span = StreakRule.sessionSpanDays(sessions);
            int fewest = Integer.MAX_VALUE;
            for (int day = span + 1; day < sessionsBefore.length - 1; day++) {
                fewest = Math.min(fewest, sessionsBefore[day + 1] - sessionsBefore[day - span]);
            }
            assertThat(fewest)
                    .as("sessions in the %d days before a day of a %d-session run", span, sessions)
                    .isGreaterThanOrEqualTo(sessions + 3);
            assertThat(span).as("days read for a %d-session run", sessions).isLessThanOrEqualTo(sessions * 3 / 2 + 10);
        }
    }
}
