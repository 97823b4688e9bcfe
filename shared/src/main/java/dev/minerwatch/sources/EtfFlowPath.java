package dev.minerwatch.sources;

import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import java.util.Optional;

/**
 * One way to US spot BTC ETF daily net flows. The collector and the backfill take the configured paths best
 * first (SoSoValue's current API, its older one, TFTC's open dataset) and fall back along them.
 */
public interface EtfFlowPath {

    /** The provider, as a failure names it. */
    String source();

    /** The daily net flows this path publishes. */
    EtfFlows dailyNetFlows(Deadline deadline) throws SourceException;

    /**
     * The per-fund split of the newest session, where this path needs a further call for it; empty where it has none
     * (or carries the split in {@link #dailyNetFlows} already).
     */
    default Optional<PerFundFlows> perFundFlows(Deadline deadline) throws SourceException {
        return Optional.empty();
    }
}
