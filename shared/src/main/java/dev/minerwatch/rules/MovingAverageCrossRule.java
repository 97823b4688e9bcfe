package dev.minerwatch.rules;

import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A fast moving average against a slow one, confirmed: the Hash Ribbon fires when SMA30 of hashrate has been
 * under SMA60 on {@code confirmDays} consecutive days and resolves when it has been back at or over it as long.
 * Daily data flip-flops around a cross; the confirmation keeps one-day flips out.
 *
 * <p>A mean needs four days in five of its span to have a point; otherwise the day is not read.
 */
record MovingAverageCrossRule(
        RuleInfo info, SeriesId series, int fastDays, int slowDays, int confirmDays, Condition condition)
        implements Rule {

    public MovingAverageCrossRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(condition, "condition");
        if (fastDays < 1 || slowDays <= fastDays || confirmDays < 1) {
            throw new IllegalArgumentException(
                    info.id() + ": needs 1 <= fast_days < slow_days and confirm_days >= 1, not " + fastDays + "/"
                            + slowDays + "/" + confirmDays);
        }
    }

    @Override
    public String kind() {
        return "moving_average_cross";
    }

    @Override
    public Timing timing() {
        return Timing.CLOSED_DAYS;
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        return Map.of(series, slowDays + confirmDays);
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        SeriesHistory data = history.of(series);
        int holding = 0;
        double fastToday = Double.NaN;
        double slowToday = Double.NaN;
        for (int back = 0; back < confirmDays; back++) {
            LocalDate d = day.minusDays(back);
            OptionalDouble fast = data.mean(d, fastDays, Rule.coverage(fastDays));
            OptionalDouble slow = data.mean(d, slowDays, Rule.coverage(slowDays));
            if (fast.isEmpty() || slow.isEmpty()) {
                return Reading.noData(() ->
                        "not enough " + series + " points for SMA" + fastDays + " and SMA" + slowDays + " on " + d);
            }
            if (back == 0) {
                fastToday = fast.getAsDouble();
                slowToday = slow.getAsDouble();
            }
            if (condition.fires(fast.getAsDouble(), slow.getAsDouble())) {
                holding++;
            }
        }
        double fast = fastToday;
        double slow = slowToday;
        int held = holding;
        Signal signal = holding == confirmDays ? Signal.FIRE : holding == 0 ? Signal.RESOLVE : Signal.HOLD;
        String unit = series.unit();
        Supplier<String> detail = () -> "SMA" + fastDays + " " + Amounts.format(fast, unit) + " against SMA" + slowDays
                + " "
                + Amounts.format(slow, unit) + " on " + day + "; SMA" + fastDays + " " + condition.symbol() + " SMA"
                + slowDays + " on " + held + " of the last " + confirmDays + " days";
        return new Reading(
                signal,
                day,
                fast,
                slow,
                slow,
                unit,
                data.on(day).orElse(null),
                "SMA" + slowDays + " of " + series,
                detail);
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS = Set.of("series", "fast_days", "slow_days", "confirm_days", "condition");

    static MovingAverageCrossRule fromFile(RuleEntry entry, RuleInfo info) {
        return new MovingAverageCrossRule(
                info,
                entry.series("series"),
                entry.integer("fast_days"),
                entry.integer("slow_days"),
                entry.integer("confirm_days"),
                entry.condition());
    }
}
