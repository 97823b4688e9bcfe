package dev.minerwatch.rules;

import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One notification-worthy transition of a rule, with everything a subscriber needs to judge it.
 *
 * @param key            unique and stable: {@code <day>#<rule state key>#<state version>}; the idempotency key of delivery
 * @param series         the series the rule watches
 * @param day            the day the event is about
 * @param value          the figure that caused the event, in {@code unit}
 * @param threshold      the threshold it was compared with
 * @param rearmLevel     the level at which the rule resolves; NaN for a rule that never resolves (one event per day)
 * @param unit           the unit of value, threshold and re-arm level
 * @param asOf           when the value was observed
 * @param sources        where the value came from
 * @param dayFinal       whether the value's day was over (a non-final day may still change)
 * @param thresholdBasis where the threshold came from, such as a cost model and its version
 * @param detail         one sentence that explains the figures
 * @param meaning        what the rule means, for subscribers
 * @param executionId    the scheduler execution (or replay) that recorded the event
 */
public record AlertEvent(
        String key,
        String ruleId,
        String title,
        Severity severity,
        EventKind kind,
        SeriesId series,
        LocalDate day,
        double value,
        double threshold,
        double rearmLevel,
        String unit,
        Instant asOf,
        List<String> sources,
        boolean dayFinal,
        String thresholdBasis,
        String detail,
        String meaning,
        String executionId,
        Instant recordedAt) {

    public AlertEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(asOf, "asOf");
        sources = List.copyOf(sources);
    }

    public static String key(LocalDate day, String stateKey, long version) {
        return day + "#" + stateKey + "#" + version;
    }

    /** The state key of the rule that made the event: the middle part of its key. */
    public String stateKey() {
        return key.substring(key.indexOf('#') + 1, key.lastIndexOf('#'));
    }

    /** The version of the rule state that made the event: the last part of its key. */
    public long stateVersion() {
        return Long.parseLong(key.substring(key.lastIndexOf('#') + 1));
    }

    /** Whether the rule that made the event resolves; a rule that fires each day never does. */
    public boolean resolves() {
        return !Double.isNaN(rearmLevel);
    }

    /** Signed distance of the value from the threshold, as a fraction of the threshold (−0.2 = 20% below). */
    public double distance() {
        return threshold == 0 ? Double.NaN : (value - threshold) / Math.abs(threshold);
    }
}
