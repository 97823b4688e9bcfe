package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.SeriesId;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drawdown rule: a value's fall from its peak, the peak a series or the rolling high of the value's mean. */
class DrawdownRuleTest {

    private static final SeriesId HASHRATE = SeriesId.HASHRATE_EHS;
    /** BTC 40% or more under its all-time high fires; less than 30% under resolves. */
    private static final DrawdownRule FROM_ATH =
            new DrawdownRule(info("from_ath"), SeriesId.BTC_USD, Timing.LATEST, 1, 0, SeriesId.BTC_ATH_USD, 0.40, 0.30);

    /** The 3-day mean of hashrate 15% under the high of its 3-day means over 10 days fires; under 10% resolves. */
    private static DrawdownRule hashrate(Timing timing) {
        return new DrawdownRule(info("hashrate_fall"), HASHRATE, timing, 3, 10, null, 0.15, 0.10);
    }

    @ParameterizedTest(name = "BTC {0} under an ATH of 100,000: {1}")
    @CsvSource({"59999, FIRE", "60000, FIRE", "60001, HOLD", "70000, HOLD", "70001, RESOLVE", "100000, RESOLVE"})
    void aFallOfExactlyFireAtFiresAndOnlyAFallSmallerThanResolveUnderResolves(double price, Signal signal) {
        EngineRun run = EngineRun.history()
                .point(SeriesId.BTC_ATH_USD, "2025-10-06", 100_000)
                .point(SeriesId.BTC_USD, "2026-02-05", price);

        Reading reading = run.read(FROM_ATH, "2026-02-05");

        assertThat(reading.signal()).isEqualTo(signal);
        assertThat(reading.threshold()).isEqualTo(60_000);
        assertThat(reading.rearm()).isEqualTo(70_000);
    }

    @Test
    void aValueOverAStalePeakIsItsOwnPeakAndTheSentenceSaysHowFarUnderTheTopItIs() {
        EngineRun run = EngineRun.history()
                .point(SeriesId.BTC_ATH_USD, "2025-10-06", 100_000)
                .daily(SeriesId.BTC_USD, "2026-02-04", 110_000, 66_000);

        Reading over = run.read(FROM_ATH, "2026-02-04");
        Reading under = run.read(FROM_ATH, "2026-02-05");

        assertThat(over.signal()).isEqualTo(Signal.RESOLVE);
        assertThat(over.threshold()).isEqualTo(66_000);
        assertThat(under.signal())
                .as("40% under the day before, 34% under the ATH series")
                .isEqualTo(Signal.HOLD);
        assertThat(under.detail())
                .isEqualTo(
                        "btc_usd $66,000 is 34.0% under its btc_ath_usd of $100,000; fires 40% under, resolves under 30%");
        assertThat(under.basis()).isEqualTo("40% under the btc_ath_usd of $100,000");
    }

    @Test
    void aLatestDrawdownReadsYesterdaysValueAndAClosedDayOneOnlyTheDaysOwn() {
        DrawdownRule closed = new DrawdownRule(
                info("closed"), SeriesId.BTC_USD, Timing.CLOSED_DAYS, 1, 0, SeriesId.BTC_ATH_USD, 0.40, 0.30);
        EngineRun run = EngineRun.history()
                .point(SeriesId.BTC_ATH_USD, "2025-10-06", 100_000)
                .point(SeriesId.BTC_USD, "2026-02-04", 50_000);

        assertThat(run.read(FROM_ATH, "2026-02-05").signal()).isEqualTo(Signal.FIRE);
        assertThat(run.read(FROM_ATH, "2026-02-05").day()).isEqualTo("2026-02-04");
        assertThat(run.read(closed, "2026-02-05").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(closed, "2026-02-05").detail()).isEqualTo("no btc_usd point on 2026-02-05");
        assertThat(run.read(FROM_ATH, "2026-02-06").signal()).as("two days old").isEqualTo(Signal.NO_DATA);
    }

    @Test
    void withoutItsPeakSeriesTheRuleReadsNothing() {
        EngineRun run = EngineRun.history().point(SeriesId.BTC_USD, "2026-02-05", 50_000);

        assertThat(run.read(FROM_ATH, "2026-02-05").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(FROM_ATH, "2026-02-05").detail())
                .isEqualTo("no peak for btc_usd (btc_ath_usd) on 2026-02-05");
    }

    @Test
    void theRollingPeakIsTheHighestMeanOfThePeakDaysAndTheValueTheMeanOfTheAverageDays() {
        double[] values = new double[14];
        Arrays.fill(values, 100);
        values[5] = 130; // the 3-day means through days 5 to 7 are 110: the high
        values[11] = values[12] = values[13] = 93.5; // the mean of the last three is 85% of it
        EngineRun run = EngineRun.history().daily(HASHRATE, "2026-01-01", values);

        Reading reading = run.read(hashrate(Timing.CLOSED_DAYS), "2026-01-14");

        assertThat(reading.signal()).isEqualTo(Signal.FIRE);
        assertThat(reading.value()).isEqualTo(93.5);
        assertThat(reading.threshold()).isEqualTo(93.5);
        assertThat(reading.rearm()).isEqualTo(99);
        assertThat(reading.detail())
                .isEqualTo("3-day average hashrate_ehs 93.50 EH/s is 15.0% under its 10-day high of"
                        + " 110 EH/s; fires 15% under, resolves under 10%");
        assertThat(reading.basis()).isEqualTo("15% under the 10-day high of 110 EH/s");
    }

    @Test
    void theMeanNeedsEveryDayOfAThreeDaySpanAndThePeakFourInFiveOfItsMeans() {
        double[] values = new double[12];
        Arrays.fill(values, 100);
        EngineRun run = EngineRun.history().daily(HASHRATE, "2026-01-01", values);
        DrawdownRule rule = hashrate(Timing.CLOSED_DAYS);

        // The 3-day means exist from 3 January: through the 10th, 8 of the 10 days have one; through the 9th, 7.
        assertThat(run.read(rule, "2026-01-10").signal()).isEqualTo(Signal.RESOLVE);
        assertThat(run.read(rule, "2026-01-09").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(rule, "2026-01-09").detail())
                .isEqualTo("no peak for hashrate_ehs (10-day high) on 2026-01-09");
        run.points.removeIf(p -> p.day().toString().equals("2026-01-11"));
        assertThat(run.read(rule, "2026-01-12").signal()).isEqualTo(Signal.NO_DATA);
        assertThat(run.read(rule, "2026-01-12").detail())
                .isEqualTo("not enough hashrate_ehs points for a 3-day average on 2026-01-12");
    }

    @Test
    void theFallMustLieBetweenNoneAndAllOfThePeakAndResolveUnderMayNotExceedFireAt() {
        assertThat(new DrawdownRule(info("even"), HASHRATE, Timing.CLOSED_DAYS, 1, 10, null, 0.15, 0.15).resolveUnder())
                .isEqualTo(0.15);
        assertThat(new DrawdownRule(info("zero"), HASHRATE, Timing.CLOSED_DAYS, 1, 10, null, 0.15, 0).resolveUnder())
                .isZero();
        for (double[] bad : new double[][] {{0, 0}, {1, 0.1}, {0.15, -0.01}, {0.15, 0.16}}) {
            assertThatThrownBy(() ->
                            new DrawdownRule(info("bad"), HASHRATE, Timing.CLOSED_DAYS, 1, 10, null, bad[0], bad[1]))
                    .hasMessage("bad: needs 0 <= resolve_under <= fire_at < 1, not " + bad[1] + " and " + bad[0]);
        }
        assertThatThrownBy(() -> new DrawdownRule(info("flat"), HASHRATE, Timing.CLOSED_DAYS, 0, 10, null, 0.15, 0.1))
                .hasMessage("flat: average_days must be at least 1, not 0");
        assertThatThrownBy(
                        () -> new DrawdownRule(info("both"), HASHRATE, Timing.CLOSED_DAYS, 1, 10, HASHRATE, 0.15, 0.1))
                .hasMessage("both: give the peak as either days or a series");
        assertThatThrownBy(() -> new DrawdownRule(info("none"), HASHRATE, Timing.CLOSED_DAYS, 1, 0, null, 0.15, 0.1))
                .hasMessage("none: give the peak as either days or a series");
    }

    @Test
    void itLooksBackItsPeakAndAverageDaysAndOneDayOfAPeakSeries() {
        assertThat(hashrate(Timing.CLOSED_DAYS).lookbackDays()).isEqualTo(Map.of(HASHRATE, 13));
        assertThat(FROM_ATH.lookbackDays())
                .containsExactly(Map.entry(SeriesId.BTC_USD, 1), Map.entry(SeriesId.BTC_ATH_USD, 1));
        assertThat(FROM_ATH.kind()).isEqualTo("drawdown");
    }
}
