package dev.minerwatch.series.history;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** The days from {@code first} to {@code last}, both included. */
public record Span(LocalDate first, LocalDate last) {

    public Span {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("span from " + first + " to " + last + " ends before it starts");
        }
    }

    public static Span of(LocalDate day) {
        return new Span(day, day);
    }

    /** This span stretched to include {@code day}. */
    public Span including(LocalDate day) {
        return new Span(day.isBefore(first) ? day : first, day.isAfter(last) ? day : last);
    }

    public long days() {
        return ChronoUnit.DAYS.between(first, last) + 1;
    }
}
