package dev.minerwatch.sources;

import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.SourceException;

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
