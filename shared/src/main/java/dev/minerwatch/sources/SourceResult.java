package dev.minerwatch.sources;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import java.util.List;

/** What one call to a source produced: the series it could observe and, for the others, why not. */
public record SourceResult(List<Observation> observations, List<Failure> failures) {

    public SourceResult {
        observations = List.copyOf(observations);
        failures = List.copyOf(failures);
    }

    /** A series the source could not deliver, and why. */
    public record Failure(SeriesId series, SourceException error) {
    }

    static SourceResult allFailed(List<SeriesId> series, SourceException error) {
        return new SourceResult(List.of(), series.stream().map(s -> new Failure(s, error)).toList());
    }
}
