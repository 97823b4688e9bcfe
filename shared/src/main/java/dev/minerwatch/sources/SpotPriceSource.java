package dev.minerwatch.sources;

import dev.minerwatch.sources.http.Deadline;

/** A provider of BTC and ETH spot prices in USD. Each coin succeeds or fails on its own. */
public interface SpotPriceSource {

    /** The provider's id, as stored in a point's sources. */
    String id();

    /** BTC and ETH, each an observation or a failure; calls end by the run's deadline. */
    SourceResult spotPrices(Deadline deadline);
}
