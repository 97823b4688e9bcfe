package dev.minerwatch.series;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The one stored value of a series for one day, with its provenance.
 *
 * @param value   the day's value (for prices, the latest observation: the close so far)
 * @param ohlc    open/high/low/close of the day's observations, for series observed several times a day
 * @param sources where the value came from
 * @param asOf    when the value was observed
 * @param isFinal whether the day is over and the value will not change any more
 * @param details further provenance, such as a cost model's id and parameters or an ATH's date
 */
public record DailyPoint(
        SeriesId series,
        LocalDate day,
        double value,
        Ohlc ohlc,
        List<String> sources,
        Instant asOf,
        boolean isFinal,
        Map<String, String> details) {

    public DailyPoint {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(asOf, "asOf");
        sources = List.copyOf(sources);
        details = Collections.unmodifiableSortedMap(new TreeMap<>(details));
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(series + " " + day + ": value " + value + " is not a finite number");
        }
    }

    /** Open, high, low and close of the observations made during the day. */
    public record Ohlc(double open, double high, double low, double close) {
        public Ohlc {
            if (!(Double.isFinite(open) && Double.isFinite(high) && Double.isFinite(low) && Double.isFinite(close))) {
                throw new IllegalArgumentException(
                        "OHLC values must be finite: " + open + "/" + high + "/" + low + "/" + close);
            }
        }

        static Ohlc of(double value) {
            return new Ohlc(value, value, value, value);
        }
    }

    /** The point a day starts with: its first observation. */
    public static DailyPoint firstObservation(Observation observation) {
        return new DailyPoint(
                observation.series(),
                observation.day(),
                observation.value(),
                Ohlc.of(observation.value()),
                observation.sources(),
                observation.observedAt(),
                false,
                Map.of());
    }

    /**
     * This point with one more observation of the same day folded in. Merging is idempotent (the same
     * observation twice changes nothing) and order-independent for high and low; the value and close follow
     * the newest observation, so a late retry of an older reading never overwrites a newer one.
     */
    public DailyPoint withObservation(Observation observation) {
        if (observation.series() != series || !observation.day().equals(day)) {
            throw new IllegalArgumentException("observation of " + observation.series() + " " + observation.day()
                    + " does not belong to point " + series + " " + day);
        }
        Ohlc current = ohlc == null ? Ohlc.of(value) : ohlc;
        boolean newer = !observation.observedAt().isBefore(asOf);
        double v = observation.value();
        Ohlc merged = new Ohlc(
                current.open(), Math.max(current.high(), v), Math.min(current.low(), v), newer ? v : current.close());
        return newer
                ? new DailyPoint(
                        series, day, v, merged, observation.sources(), observation.observedAt(), isFinal, details)
                : new DailyPoint(series, day, value, merged, sources, asOf, isFinal, details);
    }

    /**
     * Whether storing this point over {@code stored} would change anything worth a write: there is no stored point,
     * or it differs. A final point changes only through a revision: a later final value of the same provider
     * (sources), such as SoSoValue settling a session again; a non-final reading, another provider's value, an older
     * settlement, or the same value read again leave it as it was. (An {@code import} replaces points outright: it is
     * the other, explicit, revision.)
     */
    public boolean addsTo(DailyPoint stored) {
        if (stored == null) {
            return true;
        }
        if (stored.isFinal()) {
            return revises(stored);
        }
        return !equals(stored);
    }

    /** Whether this point is a revision of the final point {@code stored}: see {@link #addsTo}. */
    public boolean revises(DailyPoint stored) {
        return isFinal && value != stored.value() && sources.equals(stored.sources()) && !asOf.isBefore(stored.asOf());
    }

    /** This point marked final: its day is over. */
    public DailyPoint asFinal() {
        return isFinal ? this : new DailyPoint(series, day, value, ohlc, sources, asOf, true, details);
    }
}
