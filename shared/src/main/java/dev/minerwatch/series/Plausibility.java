package dev.minerwatch.series;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * What values a series can plausibly take: the one definition that the providers' readers, the collectors and the
 * CSV import share. Two kinds of bound, both far from any real figure and close enough to catch a slip of units
 * (a price in cents, a hashrate in TH/s or H/s, a flow in millions: factors of 100 to 1e18):
 *
 * <ul>
 *   <li>a magnitude: the largest value a series can have whenever in Bitcoin's history it was observed (and, for
 *       ETF flows, the smallest non-zero one);</li>
 *   <li>a step: the largest factor between a value and the series' previous stored value. Difficulty changes only at
 *       retargets, by at most ×4 or ÷4 by protocol (in practice by less than a third); daily hashrate averages swing
 *       by tens of percent; fees per block rose about thirtyfold on the 2024 halving day; a price has never halved or
 *       doubled in a day.</li>
 * </ul>
 */
public final class Plausibility {

    private static final Map<SeriesId, Double> MAX_MAGNITUDE = Map.of(
            SeriesId.BTC_USD,
            5_000_000.0,
            SeriesId.ETH_USD,
            500_000.0,
            SeriesId.BTC_ATH_USD,
            5_000_000.0,
            SeriesId.HASHRATE_EHS,
            1_000_000.0,
            SeriesId.DIFFICULTY,
            1e17,
            SeriesId.FEES_BTC_PER_BLOCK,
            100.0,
            SeriesId.HASHPRICE_USD_PH_DAY,
            10_000_000.0,
            SeriesId.PRODUCTION_COST_USD,
            10_000_000.0,
            // The largest session so far netted about $2.5B.
            SeriesId.ETF_NET_FLOW_USD,
            20e9,
            // The protocol bounds a retarget to a factor of 4 either way: -75% to +300%.
            SeriesId.RETARGET_CHANGE_PCT,
            300.0);

    /**
     * No session has netted less than about $1M either way: a smaller non-zero flow is one in thousands or millions
     * by mistake. (An exact 0.0 is "not yet published" or a quiet day, not a slip.)
     */
    public static final double MIN_NONZERO_ETF_FLOW_USD = 100_000;

    private static final Map<SeriesId, Double> MAX_STEP_FACTOR = Map.of(
            SeriesId.BTC_USD,
            2.0,
            SeriesId.ETH_USD,
            2.0,
            SeriesId.HASHRATE_EHS,
            4.0,
            SeriesId.DIFFICULTY,
            4.0,
            SeriesId.FEES_BTC_PER_BLOCK,
            100.0);

    private Plausibility() {}

    /** The largest magnitude a value of the series can have. */
    public static double maxMagnitude(SeriesId series) {
        return MAX_MAGNITUDE.get(series);
    }

    /**
     * How far apart two points may be for the step bound to hold between them: the bound is a day-over-day one, and
     * after a week's gap (an outage, a sparse history) a series may have moved further. Long enough to span a
     * weekend, a holiday and a provider's day off.
     */
    public static final int STEP_WINDOW_DAYS = 7;

    /**
     * Why {@code value} cannot follow {@code previous} (the series' newest stored point before the value's day), or
     * empty when it can, when the series has no step bound (derived series, ETF flows, the all-time high), or when
     * {@code previous} is more than {@link #STEP_WINDOW_DAYS} before {@code day}.
     */
    public static Optional<String> stepProblem(SeriesId series, LocalDate day, double value, DailyPoint previous) {
        if (canFollow(series, day, value, previous)) {
            return Optional.empty();
        }
        return Optional.of("value " + Amounts.plain(value) + " is " + ratio(value, previous.value()) + " the stored "
                + previous.day() + " value " + Amounts.plain(previous.value()) + ", " + bound(series));
    }

    /** Whether {@code value} of {@code day} can follow {@code previous} within the series' step bound. */
    public static boolean canFollow(SeriesId series, LocalDate day, double value, DailyPoint previous) {
        Double factor = MAX_STEP_FACTOR.get(series);
        if (factor == null
                || previous.value() <= 0
                || value <= 0
                || Math.abs(ChronoUnit.DAYS.between(previous.day(), day)) > STEP_WINDOW_DAYS) {
            return true;
        }
        double ratio = value / previous.value();
        return ratio <= factor && ratio >= 1 / factor;
    }

    /** {@code value} as a factor of {@code of}, to four significant digits, such as {@code ×1000} or {@code ×0.001}. */
    public static String ratio(double value, double of) {
        return "×"
                + new BigDecimal(value / of)
                        .round(new MathContext(4))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    /** The series' step bound, in words: {@code outside the bound ×4 / ÷4}. */
    public static String bound(SeriesId series) {
        String factor = Amounts.plain(MAX_STEP_FACTOR.get(series));
        return "outside the bound ×" + factor + " / ÷" + factor;
    }
}
