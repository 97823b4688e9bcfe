package dev.minerwatch.rules;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.LocalDate;
import java.util.Optional;

/**
 * When a rule looks at the data. Price thresholds may act on the latest observation of the day; rules on
 * smoothed or streak data read closed days only, each day once, in order (docs/rules.md).
 */
enum Timing {
    LATEST,
    CLOSED_DAYS;

    /** The point a rule of this timing reads for {@code day}: that day's, or for {@code LATEST} the day before's too. */
    Optional<DailyPoint> point(History history, SeriesId series, LocalDate day) {
        return this == LATEST
                ? history.of(series).latest(day, 1)
                : history.of(series).on(day);
    }

    /** Why {@link #point} found none. */
    String missing(SeriesId series, LocalDate day) {
        return "no " + series + " point " + (this == LATEST ? "on or the day before " : "on ") + day;
    }

    public String id() {
        return RuleFileIds.id(this);
    }

    public static Timing fromId(String id) {
        return RuleFileIds.fromId(Timing.class, id, "evaluate");
    }
}
