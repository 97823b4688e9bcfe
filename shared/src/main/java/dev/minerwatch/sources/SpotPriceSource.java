package dev.minerwatch.sources;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import java.util.Arrays;
import java.util.List;

/** A provider of BTC and ETH spot prices in USD. Each coin succeeds or fails on its own. */
public interface SpotPriceSource {

    /** The provider's id, as stored in a point's sources. */
    String id();

    /** BTC and ETH, each an observation or a failure; calls end by the run's deadline. */
    SourceResult spotPrices(Deadline deadline);

    /**
     * The coins minerwatch prices in USD, with the range a price read today could be in (anything outside is a fault):
     * at least a floor no price of this era has come near, at most the series' {@link Plausibility#maxMagnitude}.
     */
    public enum SpotCoin {
        BTC(SeriesId.BTC_USD, 1_000),
        ETH(SeriesId.ETH_USD, 10);

        private final SeriesId series;
        private final double minUsd;
        private final double maxUsd;

        SpotCoin(SeriesId series, double minUsd) {
            this.series = series;
            this.minUsd = minUsd;
            this.maxUsd = Plausibility.maxMagnitude(series);
        }

        public SeriesId series() {
            return series;
        }

        /** The USD price at a JSON path, checked against the plausible range. */
        double priceAt(String source, Object root, String path) throws SourceException {
            return JsonFields.numberWithin(source, root, path, minUsd, maxUsd, "USD");
        }
    }

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
}
