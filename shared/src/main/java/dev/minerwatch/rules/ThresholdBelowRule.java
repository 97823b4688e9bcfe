package dev.minerwatch.rules;

import dev.minerwatch.series.SeriesId;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires when a series falls under a threshold and resolves only once it is back above the threshold times a
 * re-arm factor, so a value hovering at the threshold does not flap.
 *
 * @param rearmFactor the multiple of the threshold the value must exceed to resolve (1.03: 3% above)
 * @param meaning     one sentence a subscriber reads to understand why the alert matters
 */
public record ThresholdBelowRule(String id, String title, Severity severity, SeriesId series, double rearmFactor,
                                 String meaning) {

    public ThresholdBelowRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(series, "series");
        if (!(rearmFactor >= 1.0) || !Double.isFinite(rearmFactor)) {
            throw new IllegalArgumentException(id + ": re-arm factor " + rearmFactor + " must be at least 1");
        }
    }

    /** The default rule of PRODUCT.md: the BTC price under the production cost. */
    public static final ThresholdBelowRule PRICE_BELOW_PRODUCTION_COST = new ThresholdBelowRule(
            "price_below_production_cost", "BTC price below production cost", Severity.CRITICAL, SeriesId.BTC_USD,
            1.03,
            "The price is under the estimated cost of mining one bitcoin: average miners produce at a loss, which has "
                    + "historically come with forced selling, switched-off machines and a falling hashrate.");

    /** The level the value must rise above for the rule to resolve. */
    public double rearmLevel(double threshold) {
        return threshold * rearmFactor;
    }

    /** The event this value causes given the threshold and whether the rule currently holds, if any. */
    public Optional<EventKind> evaluate(double value, double threshold, boolean active) {
        if (!active && value < threshold) {
            return Optional.of(EventKind.FIRED);
        }
        if (active && value > rearmLevel(threshold)) {
            return Optional.of(EventKind.RESOLVED);
        }
        return Optional.empty();
    }
}
