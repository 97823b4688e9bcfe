package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A series against a threshold, with a separate re-arm level so a value hovering at the threshold does not
 * flap: {@code btc_usd} below {@code production_cost_usd}, resolving above cost × 1.03. The threshold is a fixed
 * number or another series. An each-day rule fires once for every qualifying day and never resolves.
 *
 * @param rearmLevel  the level the value must pass to resolve; null to use threshold × {@code rearmFactor}
 * @param rearmFactor the multiple of the threshold that re-arms the rule when no level is given
 */
record ThresholdRule(
        RuleInfo info,
        SeriesId series,
        Timing timing,
        Condition condition,
        Level threshold,
        Double rearmLevel,
        double rearmFactor,
        boolean eachDay)
        implements Rule {

    /** A fixed number, or the newest value of a series. */
    public record Level(double fixed, SeriesId series) {
        public static Level fixed(double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("threshold " + value + " is not a finite number");
            }
            return new Level(value, null);
        }

        public static Level of(SeriesId series) {
            return new Level(Double.NaN, Objects.requireNonNull(series, "series"));
        }
    }

    public ThresholdRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(threshold, "threshold");
        if (!(rearmFactor > 0) || !Double.isFinite(rearmFactor)) {
            throw new IllegalArgumentException(info.id() + ": rearm factor " + rearmFactor + " must be positive");
        }
    }

    @Override
    public String kind() {
        return "threshold";
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        Map<SeriesId, Integer> days = new LinkedHashMap<>();
        days.put(series, 1);
        if (threshold.series() != null) {
            days.put(threshold.series(), 1);
        }
        return days;
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        Optional<DailyPoint> subject = timing.point(history, series, day);
        if (subject.isEmpty()) {
            return Reading.noData(() -> timing.missing(series, day));
        }
        double level;
        String basis;
        if (threshold.series() == null) {
            level = threshold.fixed();
            basis = "fixed threshold of rule " + id();
        } else {
            Optional<DailyPoint> reference = history.of(threshold.series()).latest(day, 1);
            if (reference.isEmpty()) {
                return Reading.noData(() -> "no " + threshold.series() + " point on or the day before " + day);
            }
            level = reference.get().value();
            basis = describe(reference.get());
        }
        double rearm = eachDay ? Double.NaN : rearmLevel != null ? rearmLevel : level * rearmFactor;
        double value = subject.get().value();
        Signal signal = condition.fires(value, level)
                ? Signal.FIRE
                : condition.resolves(value, rearm) ? Signal.RESOLVE : Signal.HOLD;
        String unit = series.unit();
        Supplier<String> detail = () -> series + " " + Amounts.format(value, unit) + " on "
                + subject.get().day() + " against "
                + condition.symbol() + " " + Amounts.format(level, unit)
                + (eachDay
                        ? ""
                        : "; resolves " + (condition.belowFamily() ? "above " : "below ")
                                + Amounts.format(rearm, unit));
        return new Reading(signal, subject.get().day(), value, level, rearm, unit, subject.get(), basis, detail);
    }

    /** A reference point and how it was made: its day, and a model's id, version and parameters when it has one. */
    static String describe(DailyPoint point) {
        Map<String, String> details = new LinkedHashMap<>(point.details());
        String model = details.remove("model");
        String version = details.remove("version");
        String parameters = details.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return point.series() + " of " + point.day()
                + (model == null ? "" : ", model " + model + (version == null ? "" : " v" + version))
                + (parameters.isEmpty() ? "" : " (" + parameters + ")");
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS =
            Set.of("series", "evaluate", "condition", "threshold", "rearm", "rearm_factor", "each_day");

    static ThresholdRule fromFile(RuleEntry entry, RuleInfo info) {
        Level threshold;
        if (entry.raw("threshold") instanceof Map<?, ?> level && level.containsKey("series")) {
            threshold = Level.of(entry.seriesId(RuleEntry.shownText(level.get("series")), "threshold.series"));
        } else {
            threshold = Level.fixed(entry.number("threshold"));
        }
        boolean eachDay = entry.bool("each_day", false);
        if (eachDay && (entry.has("rearm") || entry.has("rearm_factor"))) {
            throw entry.error("rearm", "an each_day rule fires once per day and never re-arms");
        }
        return new ThresholdRule(
                info,
                entry.series("series"),
                entry.timing(Timing.LATEST),
                entry.condition(),
                threshold,
                entry.has("rearm") ? entry.number("rearm") : null,
                entry.number("rearm_factor", 1.0),
                eachDay);
    }
}
