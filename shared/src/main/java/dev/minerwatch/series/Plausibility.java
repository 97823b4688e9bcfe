package dev.minerwatch.series;

import java.util.Locale;
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
            20e9);

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
     * Why {@code value} cannot follow {@code previous} (the series' newest stored point before the value's day), or
     * empty when it can, or when the series has no step bound (derived series, ETF flows, the all-time high).
     */
    public static Optional<String> stepProblem(SeriesId series, double value, DailyPoint previous) {
        Double factor = MAX_STEP_FACTOR.get(series);
        if (factor == null || previous.value() <= 0 || value <= 0) {
            return Optional.empty();
        }
        double ratio = value / previous.value();
        if (ratio <= factor && ratio >= 1 / factor) {
            return Optional.empty();
        }
        return Optional.of("value " + Amounts.plain(value) + " is ×" + String.format(Locale.ROOT, "%.4g", ratio)
                + " the stored " + previous.day() + " value " + Amounts.plain(previous.value())
                + ", outside the bound ×"
                + Amounts.plain(factor) + " / ÷" + Amounts.plain(factor));
    }
}
