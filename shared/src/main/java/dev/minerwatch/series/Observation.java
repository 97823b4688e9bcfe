package dev.minerwatch.series;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * One validated reading of a series from one or more sources at one instant. Observations are merged into
 * the point of their UTC day.
 */
public record Observation(SeriesId series, double value, Instant observedAt, List<String> sources) {

    public Observation {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(observedAt, "observedAt");
        sources = List.copyOf(sources);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(series + ": value " + value + " is not a finite number");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException(series + ": an observation needs at least one source");
        }
    }

    /** The UTC day the observation belongs to. */
    public LocalDate day() {
        return LocalDate.ofInstant(observedAt, ZoneOffset.UTC);
    }
}
