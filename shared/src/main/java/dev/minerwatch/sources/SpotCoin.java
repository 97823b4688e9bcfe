package dev.minerwatch.sources;

import dev.minerwatch.series.SeriesId;

/** The coins minerwatch prices in USD, with the range a real price could be in (anything outside is a fault). */
public enum SpotCoin {
    BTC(SeriesId.BTC_USD, 1_000, 5_000_000),
    ETH(SeriesId.ETH_USD, 10, 500_000);

    private final SeriesId series;
    private final double minUsd;
    private final double maxUsd;

    SpotCoin(SeriesId series, double minUsd, double maxUsd) {
        this.series = series;
        this.minUsd = minUsd;
        this.maxUsd = maxUsd;
    }

    public SeriesId series() {
        return series;
    }

    /** The USD price at a JSON path, checked against the plausible range. */
    double priceAt(String source, com.fasterxml.jackson.databind.JsonNode root, String path) throws SourceException {
        return JsonFields.numberWithin(source, root, path, minUsd, maxUsd, "USD");
    }
}
