package dev.minerwatch.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The moment of an evaluation, as the rules see it.
 *
 * @param now           the instant data ages are measured at
 * @param latestDay     the day latest-observation rules read
 * @param lastClosedDay the newest day closed-day rules may read
 */
public record EvaluationTime(Instant now, LocalDate latestDay, LocalDate lastClosedDay) {

    /** A scheduled run: today is still open, yesterday is the newest closed day. */
    public static EvaluationTime live(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return new EvaluationTime(now, today, today.minusDays(1));
    }

    /** A replayed day, evaluated when it has just closed. */
    public static EvaluationTime endOf(LocalDate day) {
        return new EvaluationTime(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), day, day);
    }
}
