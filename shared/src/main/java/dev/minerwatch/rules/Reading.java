package dev.minerwatch.rules;

import dev.minerwatch.series.DailyPoint;
import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a rule read for one day: its signal and the figures behind it, which become the event's figures when
 * the signal changes the rule's state.
 *
 * @param day       the day the reading is about (a session series: the newest session on or before the day)
 * @param unit      the unit of value, threshold and re-arm level
 * @param subject   the point the value came from, for its provenance; null when there is none
 * @param basis     where the threshold came from
 * @param explanation writes one sentence that explains the figures
 */
public record Reading(
        Signal signal,
        LocalDate day,
        double value,
        double threshold,
        double rearm,
        String unit,
        DailyPoint subject,
        String basis,
        Supplier<String> explanation) {

    public Reading {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(explanation, "explanation");
        if (signal != Signal.NO_DATA) {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(basis, "basis");
        }
    }

    /** The rule cannot read the day: {@code why} says what is missing. */
    public static Reading noData(Supplier<String> why) {
        return new Reading(Signal.NO_DATA, null, Double.NaN, Double.NaN, Double.NaN, null, null, null, why);
    }

    /** One sentence that explains the figures; written only when needed (a replay reads millions of days). */
    public String detail() {
        return explanation.get();
    }

    /** What a rule reads in the data for one day, before its state is taken into account. */
    public enum Signal {
        /** The firing condition holds. */
        FIRE,
        /** The resolving condition holds. */
        RESOLVE,
        /** Neither: the value is between threshold and re-arm level, or a confirmation is incomplete. */
        HOLD,
        /** The data needed is missing; the rule decides nothing. */
        NO_DATA
    }
}
