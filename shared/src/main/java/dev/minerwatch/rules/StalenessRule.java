package dev.minerwatch.rules;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import dev.minerwatch.series.history.History;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A series that stopped updating: its newest observation is older than {@code maxAge}, or, for a series dated by
 * trading session, more than {@code maxSessionsBehind} sessions have closed since its newest point. It resolves
 * when the series updates again. One rule file entry makes one of these per series, each with its own state.
 *
 * <p>A series never observed in a complete history (a replayed file without its column) is not stale; in a
 * window read for a live evaluation, no point at all means it went quiet.
 */
record StalenessRule(RuleInfo info, SeriesId series, Duration maxAge, int maxSessionsBehind) implements Rule {

    /** How far back a live evaluation reads a series that has no other rule. */
    static final int WINDOW_DAYS = 1;

    public StalenessRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(series, "series");
        if ((maxAge == null) == (maxSessionsBehind <= 0)) {
            throw new IllegalArgumentException(
                    info.id() + " " + series + ": give either a maximum age or a number of sessions");
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException(
                    info.id() + " " + series + ": maximum age " + maxAge + " must be positive");
        }
    }

    @Override
    public String kind() {
        return "staleness";
    }

    @Override
    public Timing timing() {
        return Timing.LATEST;
    }

    @Override
    public boolean watchesFreshness() {
        return true;
    }

    @Override
    public String stateKey() {
        return id() + "/" + series.id();
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        return Map.of(series, maxAge != null ? WINDOW_DAYS : StreakRule.sessionSpanDays(maxSessionsBehind));
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        Optional<DailyPoint> newest = history.of(series).latest(day);
        if (newest.isEmpty() && history.complete()) {
            return Reading.noData(() -> "no " + series + " observed yet");
        }
        return maxAge != null ? byAge(newest, day, now) : bySessions(newest, day, now);
    }

    private Reading byAge(Optional<DailyPoint> newest, LocalDate day, Instant now) {
        double limit = hours(maxAge);
        Instant asOf = newest.map(DailyPoint::asOf)
                .orElse(day.minusDays(lookbackDays().get(series))
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant());
        double age = hours(Duration.between(asOf, now));
        Supplier<String> detail = () -> newest.map(p -> "newest " + series + " observation at " + p.asOf() + ", "
                                + String.format(Locale.ROOT, "%.1f", age) + " hours before " + now)
                        .orElse("no " + series + " observation since at least " + asOf)
                + "; expected every " + String.format(Locale.ROOT, "%.1f", limit) + " hours";
        return new Reading(
                age > limit ? Signal.FIRE : Signal.RESOLVE,
                day,
                age,
                limit,
                limit,
                "hours",
                newest.orElse(null),
                "expected interval of " + series,
                detail);
    }

    private Reading bySessions(Optional<DailyPoint> newest, LocalDate day, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate since =
                newest.map(DailyPoint::day).orElse(day.minusDays(lookbackDays().get(series)));
        // Sessions after the newest point and before today (today's session is published after it closes).
        LocalDate after = since.plusDays(1);
        int behind = today.isAfter(after)
                ? (int) after.datesUntil(today)
                        .filter(UsTradingCalendar::isTradingDay)
                        .count()
                : 0;
        Supplier<String> detail = () -> behind + " US trading sessions closed after " + since + " without a " + series
                + " point; expected at most " + maxSessionsBehind;
        return new Reading(
                behind > maxSessionsBehind ? Signal.FIRE : Signal.RESOLVE,
                day,
                behind,
                maxSessionsBehind,
                maxSessionsBehind,
                "sessions",
                newest.orElse(null),
                "expected interval of " + series,
                detail);
    }

    private static double hours(Duration duration) {
        return duration.toMillis() / 3_600_000.0;
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS = Set.of("max_age", "max_sessions_behind");

    /** One rule per series named: by age ({@code max_age}) or by sessions ({@code max_sessions_behind}). */
    static List<Rule> fromFile(RuleEntry entry, RuleInfo info) {
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, Object> limit : entry.object("max_age").entrySet()) {
            Duration age;
            try {
                age = Duration.parse(RuleEntry.shownText(limit.getValue()));
            } catch (DateTimeParseException e) {
                throw entry.error(
                        "max_age." + limit.getKey(),
                        "'" + RuleEntry.shownText(limit.getValue()) + "' is not an ISO-8601 duration such as PT1H");
            }
            rules.add(new StalenessRule(info, entry.seriesId(limit.getKey(), "max_age"), age, 0));
        }
        for (Map.Entry<String, Object> limit :
                entry.object("max_sessions_behind").entrySet()) {
            Object value = limit.getValue();
            if (!RuleEntry.isWholeNumber(value)
                    || ((Number) value).longValue() < 1
                    || ((Number) value).longValue() > Integer.MAX_VALUE) {
                throw entry.error(
                        "max_sessions_behind." + limit.getKey(),
                        "'" + Json.write(value) + "' is not a positive whole number");
            }
            rules.add(new StalenessRule(
                    info, entry.seriesId(limit.getKey(), "max_sessions_behind"), null, ((Number) value).intValue()));
        }
        if (rules.isEmpty()) {
            throw entry.error(
                    "max_age", "a staleness rule needs max_age or max_sessions_behind for at least one series");
        }
        return rules;
    }
}
