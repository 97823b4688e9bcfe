package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sum of the last N consecutive sessions against a threshold: the last 5 trading days of ETF flows summing
 * to −$1B or less fires; the sum rising above the re-arm level resolves.
 */
record RollingSumRule(RuleInfo info, SeriesId series, int sessions, Condition condition, double threshold, double rearm)
        implements Rule {

    public RollingSumRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(condition, "condition");
        if (sessions < 1) {
            throw new IllegalArgumentException(info.id() + ": a rolling sum needs at least 1 session, not " + sessions);
        }
        if (condition.belowFamily() ? rearm < threshold : rearm > threshold) {
            throw new IllegalArgumentException(
                    info.id() + ": re-arm level " + rearm + " is on the firing side of " + threshold);
        }
    }

    @Override
    public String kind() {
        return "rolling_sum";
    }

    @Override
    public Timing timing() {
        return Timing.CLOSED_DAYS;
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        return Map.of(series, StreakRule.sessionSpanDays(sessions));
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        Optional<List<DailyPoint>> window = history.of(series).lastConsecutive(day, sessions);
        if (window.isEmpty()) {
            return Reading.noData(() -> "no " + sessions + " consecutive " + series + " sessions on or before " + day);
        }
        List<DailyPoint> points = window.get();
        DailyPoint newest = points.get(points.size() - 1);
        double sum = points.stream().mapToDouble(DailyPoint::value).sum();
        Signal signal = condition.fires(sum, threshold)
                ? Signal.FIRE
                : condition.resolves(sum, rearm) ? Signal.RESOLVE : Signal.HOLD;
        String unit = series.unit();
        Supplier<String> detail = () -> series + " summed over the " + sessions + " sessions "
                + points.get(0).day() + " to "
                + newest.day() + ": " + Amounts.format(sum, unit) + " against " + condition.symbol() + " "
                + Amounts.format(threshold, unit);
        return new Reading(
                signal,
                newest.day(),
                sum,
                threshold,
                rearm,
                unit,
                newest,
                "fixed threshold of rule " + id() + " on the " + sessions + "-session sum",
                detail);
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS = Set.of("series", "sessions", "condition", "threshold", "rearm");

    static RollingSumRule fromFile(RuleEntry entry, RuleInfo info) {
        return new RollingSumRule(
                info,
                entry.series("series"),
                entry.integer("sessions"),
                entry.condition(),
                entry.number("threshold"),
                entry.has("rearm") ? entry.number("rearm") : entry.number("threshold"));
    }
}
