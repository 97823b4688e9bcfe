package dev.minerwatch.sources;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.SourceException;
import java.util.Arrays;
import java.util.List;

/** What one call to a source produced: the series it could observe and, for the others, why not. */
public record SourceResult(List<Observation> observations, List<Failure> failures) {

    public SourceResult {
        observations = List.copyOf(observations);
        failures = List.copyOf(failures);
    }

    /** A series the source could not deliver, and why. */
    public record Failure(SeriesId series, SourceException error) {}

    /** Every spot coin failed for the same reason (the call itself failed). */
    public static SourceResult allFailed(SourceException error) {
        return new SourceResult(
                List.of(),
                Arrays.stream(SpotCoin.values())
                        .map(c -> new Failure(c.series(), error))
                        .toList());
    }
}
