package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A run of consecutive sessions on one side of a level: net ETF outflow ({@code < 0}) on 4 consecutive US
 * trading days. It fires on the session that completes the run and resolves on the first session on the other
 * side ({@code > 0}). Sessions are counted on the trading calendar, so holidays and special closures neither
 * extend nor break a run; a session missing from the data leaves the run unconfirmed.
 */
record StreakRule(RuleInfo info, SeriesId series, Condition condition, double level, int sessions) implements Rule {

    public StreakRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(condition, "condition");
        if (sessions < 2) {
            throw new IllegalArgumentException(info.id() + ": a streak needs at least 2 sessions, not " + sessions);
        }
    }

    @Override
    public String kind() {
        return "streak";
    }

    @Override
    public Timing timing() {
        return Timing.CLOSED_DAYS;
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        return Map.of(series, sessionSpanDays(sessions));
    }

    /**
     * Calendar days that surely hold {@code sessions} trading sessions, whatever their number: the weekends (7 days for
     * 5 sessions), the year's holidays (about one session in 25; a day for every 12 sessions leaves room) and a few
     * unscheduled closures more (10 days).
     */
    static int sessionSpanDays(int sessions) {
        return sessions * 7 / 5 + sessions / 12 + 10;
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        SeriesHistory data = history.of(series);
        Optional<DailyPoint> newest = data.latest(day);
        if (newest.isEmpty()) {
            return Reading.noData(() -> "no " + series + " point on or before " + day);
        }
        DailyPoint anchor = newest.get();
        String unit = series.unit();
        String basis = "run of " + sessions + " sessions " + condition.symbol() + " " + Amounts.format(level, unit);
        if (condition.resolves(anchor.value(), level)) {
            return new Reading(
                    Signal.RESOLVE,
                    anchor.day(),
                    anchor.value(),
                    level,
                    level,
                    unit,
                    anchor,
                    basis,
                    () -> series + " " + Amounts.format(anchor.value(), unit) + " on " + anchor.day()
                            + " ends the run");
        }
        Optional<List<DailyPoint>> run = data.lastConsecutive(day, sessions);
        boolean holds = run.isPresent() && run.get().stream().allMatch(p -> condition.fires(p.value(), level));
        if (!holds) {
            return new Reading(
                    Signal.HOLD,
                    anchor.day(),
                    anchor.value(),
                    level,
                    level,
                    unit,
                    anchor,
                    basis,
                    () -> "no run of " + sessions + " consecutive sessions " + condition.symbol() + " "
                            + Amounts.format(level, unit));
        }
        List<DailyPoint> points = run.get();
        double total = points.stream().mapToDouble(DailyPoint::value).sum();
        Supplier<String> detail = () ->
                sessions + " consecutive " + (series.tradingSessions() ? "US trading sessions" : "days") + " with "
                        + series + " " + condition.symbol() + " " + Amounts.format(level, unit) + ", "
                        + points.get(0).day() + " to "
                        + anchor.day() + ", " + Amounts.format(total, unit) + " in total";
        return new Reading(Signal.FIRE, anchor.day(), anchor.value(), level, level, unit, anchor, basis, detail);
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS = Set.of("series", "condition", "level", "sessions");

    static StreakRule fromFile(RuleEntry entry, RuleInfo info) {
        return new StreakRule(
                info, entry.series("series"), entry.condition(), entry.number("level"), entry.integer("sessions"));
    }
}
