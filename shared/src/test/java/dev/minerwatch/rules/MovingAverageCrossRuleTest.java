package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.SeriesId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The moving-average cross: a fast mean under a slow one on every confirming day fires, on none resolves. */
class MovingAverageCrossRuleTest {

    private static final SeriesId HASHRATE = SeriesId.HASHRATE_EHS;
    /** SMA2 under SMA4 on 2 consecutive days. */
    private static final MovingAverageCrossRule RIBBON =
            new MovingAverageCrossRule(info("ribbon"), HASHRATE, 2, 4, 2, Condition.BELOW);

    /**
     * SMA2 against SMA4 from the 4th: 10/10 (equal), 9/9.5, 8/9 (under twice: fires), 10/9.5 (over once: holds),
     * 12/10 (over twice: resolves).
     */
    private static EngineRun ribbonHistory() {
        return EngineRun.of(RIBBON).daily(HASHRATE, "2026-01-01", 10, 10, 10, 10, 8, 8, 12, 12);
    }

    @Test
    void itFiresWhenTheFastMeanIsUnderTheSlowOnEveryConfirmingDayAndResolvesWhenItIsUnderOnNone() {
        EngineRun run = ribbonHistory();

        assertThat(List.of("2026-01-05", "2026-01-06", "2026-01-07", "2026-01-08"))
                .map(day -> run.read(RIBBON, day).signal())
                .containsExactly(Signal.HOLD, Signal.FIRE, Signal.HOLD, Signal.RESOLVE);
        assertThat(run.replay("2026-01-01", "2026-01-09")).containsExactly("FIRED 2026-01-06", "RESOLVED 2026-01-08");
    }

    @Test
    void theReadingCarriesTheDaysOwnMeansAndSaysOnHowManyConfirmingDaysTheConditionHeld() {
        Reading fired = ribbonHistory().read(RIBBON, "2026-01-06");
        Reading holding = ribbonHistory().read(RIBBON, "2026-01-07");

        assertThat(fired.value()).isEqualTo(8);
        assertThat(fired.threshold()).isEqualTo(9);
        assertThat(fired.detail())
                .isEqualTo("SMA2 8 EH/s against SMA4 9 EH/s on 2026-01-06; SMA2 < SMA4 on 2 of the last 2 days");
        assertThat(fired.basis()).isEqualTo("SMA4 of hashrate_ehs");
        assertThat(holding.detail()).endsWith("SMA2 < SMA4 on 1 of the last 2 days");
    }

    @Test
    void equalMeansAreNotUnderSoAFlatSeriesResolves() {
        EngineRun run = EngineRun.of(RIBBON).daily(HASHRATE, "2026-01-01", 10, 10, 10, 10, 10);

        assertThat(run.read(RIBBON, "2026-01-05").signal()).isEqualTo(Signal.RESOLVE);
    }

    @Test
    void aMeanNeedsFourDaysInFiveOfItsSpanAndAHistoryThatReachesItsFirstDay() {
        MovingAverageCrossRule rule = new MovingAverageCrossRule(info("slow"), HASHRATE, 5, 10, 1, Condition.BELOW);
        EngineRun run =
                EngineRun.of(rule).daily(HASHRATE, "2026-01-01", 100, 100, 100, 100, 100, 100, 100, 100, 100, 100);

        run.points.removeIf(
                p -> List.of("2026-01-02", "2026-01-03").contains(p.day().toString()));
        assertThat(run.read(rule, "2026-01-10").signal()).as("8 of 10 days").isEqualTo(Signal.RESOLVE);
        run.points.removeIf(p -> p.day().toString().equals("2026-01-04"));
        assertThat(run.read(rule, "2026-01-10").signal()).as("7 of 10 days").isEqualTo(Signal.NO_DATA);
        assertThat(run.read(rule, "2026-01-10").detail())
                .isEqualTo("not enough hashrate_ehs points for SMA5 and SMA10 on 2026-01-10");

        EngineRun late = EngineRun.of(rule).daily(HASHRATE, "2026-01-02", 100, 100, 100, 100, 100, 100, 100, 100, 100);
        assertThat(late.read(rule, "2026-01-10").signal())
                .as("9 points, but none on the span's first day")
                .isEqualTo(Signal.NO_DATA);
        EngineRun gap = EngineRun.of(rule).daily(HASHRATE, "2026-01-01", 100, 100, 100, 100, 100, 100, 100, 100);
        assertThat(gap.read(rule, "2026-01-10").signal())
                .as("8 of the slow mean's days, 3 of the fast mean's 5")
                .isEqualTo(Signal.NO_DATA);
    }

    @Test
    void aDayWithoutItsOwnPointIsReadWhenItsMeansHaveTheirDays() {
        MovingAverageCrossRule rule = new MovingAverageCrossRule(info("slow"), HASHRATE, 5, 10, 1, Condition.BELOW);
        EngineRun run = EngineRun.of(rule).daily(HASHRATE, "2026-01-01", 100, 100, 100, 100, 100, 100, 100, 100, 100);

        Reading reading = run.read(rule, "2026-01-10");

        assertThat(reading.signal()).isEqualTo(Signal.RESOLVE);
        assertThat(reading.subject()).isNull();
    }

    @Test
    void theFastSpanIsShorterThanTheSlowAndBothAndTheConfirmationAreOneDayAtLeast() {
        assertThat(new MovingAverageCrossRule(info("least"), HASHRATE, 1, 2, 1, Condition.BELOW).slowDays())
                .isEqualTo(2);
        for (int[] bad : new int[][] {{0, 2, 1}, {2, 2, 1}, {1, 2, 0}}) {
            assertThatThrownBy(() ->
                            new MovingAverageCrossRule(info("bad"), HASHRATE, bad[0], bad[1], bad[2], Condition.BELOW))
                    .hasMessage("bad: needs 1 <= fast_days < slow_days and confirm_days >= 1, not " + bad[0] + "/"
                            + bad[1] + "/" + bad[2]);
        }
    }

    @Test
    void itReadsClosedDaysAndLooksBackItsSlowSpanAndConfirmingDays() {
        assertThat(RIBBON.timing()).isEqualTo(Timing.CLOSED_DAYS);
        assertThat(RIBBON.kind()).isEqualTo("moving_average_cross");
        assertThat(RIBBON.lookbackDays()).isEqualTo(Map.of(HASHRATE, 6));
    }
}
