package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A value's fall from its peak: the 7-day average hashrate 15% or more under its 180-day high, or the BTC price
 * 40% or more under its all-time high. It resolves once the fall is smaller than {@code resolveUnder}. The peak
 * is the highest {@code averageDays} mean of the last {@code peakDays} days, or the newest value of a peak series
 * (such as {@code btc_ath_usd}), whichever is given; the value itself is never above its peak.
 *
 * @param averageDays 1 to read the day's value, more to read the mean of that many days
 * @param peakDays    the span of the rolling maximum; 0 when {@code peakSeries} gives the peak
 * @param fireAt      the fall, as a fraction of the peak, that fires (0.15)
 * @param resolveUnder the fall under which the rule resolves (0.10)
 */
record DrawdownRule(
        RuleInfo info,
        SeriesId series,
        Timing timing,
        int averageDays,
        int peakDays,
        SeriesId peakSeries,
        double fireAt,
        double resolveUnder)
        implements Rule {

    public DrawdownRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(timing, "timing");
        if (averageDays < 1) {
            throw new IllegalArgumentException(info.id() + ": average_days must be at least 1, not " + averageDays);
        }
        if ((peakDays > 0) == (peakSeries != null)) {
            throw new IllegalArgumentException(info.id() + ": give the peak as either days or a series");
        }
        if (!(fireAt > 0 && fireAt < 1 && resolveUnder >= 0 && resolveUnder <= fireAt)) {
            throw new IllegalArgumentException(
                    info.id() + ": needs 0 <= resolve_under <= fire_at < 1, not " + resolveUnder + " and " + fireAt);
        }
    }

    @Override
    public String kind() {
        return "drawdown";
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        Map<SeriesId, Integer> days = new LinkedHashMap<>();
        days.put(series, peakDays + averageDays);
        if (peakSeries != null) {
            days.put(peakSeries, 1);
        }
        return days;
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        SeriesHistory data = history.of(series);
        Optional<DailyPoint> subject = timing == Timing.LATEST ? data.latest(day, 1) : data.on(day);
        if (subject.isEmpty()) {
            return Reading.noData(() -> "no " + series + " point on " + day);
        }
        LocalDate valueDay = subject.get().day();
        OptionalDouble value = averageDays == 1
                ? OptionalDouble.of(subject.get().value())
                : data.mean(valueDay, averageDays, Rule.coverage(averageDays));
        if (value.isEmpty()) {
            return Reading.noData(
                    () -> "not enough " + series + " points for a " + averageDays + "-day average on " + valueDay);
        }
        OptionalDouble peak;
        String peakName;
        if (peakSeries != null) {
            peak = history.of(peakSeries).latest(day).stream()
                    .mapToDouble(DailyPoint::value)
                    .findFirst();
            peakName = peakSeries.id();
        } else {
            peak = rollingPeak(data, valueDay);
            peakName = peakDays + "-day high";
        }
        if (peak.isEmpty()) {
            return Reading.noData(() -> "no peak for " + series + " (" + peakName + ") on " + valueDay);
        }
        double top = Math.max(peak.getAsDouble(), value.getAsDouble());
        double threshold = top * (1 - fireAt);
        double rearm = top * (1 - resolveUnder);
        double v = value.getAsDouble();
        Signal signal = v <= threshold ? Signal.FIRE : v > rearm ? Signal.RESOLVE : Signal.HOLD;
        String unit = series.unit();
        String what = averageDays == 1 ? series.id() : averageDays + "-day average " + series;
        Supplier<String> detail = () -> what + " " + Amounts.format(v, unit) + " is "
                + String.format(Locale.ROOT, "%.1f%%", (1 - v / top) * 100) + " under its " + peakName
                + " of " + Amounts.format(top, unit) + "; fires "
                + String.format(Locale.ROOT, "%.0f%%", fireAt * 100) + " under, resolves under "
                + String.format(Locale.ROOT, "%.0f%%", resolveUnder * 100);
        return new Reading(
                signal,
                valueDay,
                v,
                threshold,
                rearm,
                unit,
                subject.get(),
                String.format(
                        Locale.ROOT, "%.0f%% under the %s of %s", fireAt * 100, peakName, Amounts.format(top, unit)),
                detail);
    }

    /** The highest mean of the last {@code peakDays} days, when four in five of them have one. */
    private OptionalDouble rollingPeak(SeriesHistory data, LocalDate day) {
        return data.maxMean(day, averageDays, Rule.coverage(averageDays), peakDays, Rule.coverage(peakDays));
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS =
            Set.of("series", "evaluate", "average_days", "peak_days", "peak_series", "fire_at", "resolve_under");

    static DrawdownRule fromFile(RuleEntry entry, RuleInfo info) {
        return new DrawdownRule(
                info,
                entry.series("series"),
                entry.timing(Timing.CLOSED_DAYS),
                entry.integer("average_days", 1),
                entry.integer("peak_days", 0),
                entry.has("peak_series") ? entry.series("peak_series") : null,
                entry.number("fire_at"),
                entry.number("resolve_under"));
    }
}
