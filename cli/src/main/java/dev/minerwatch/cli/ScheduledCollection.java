package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.CollectionReport;
import dev.minerwatch.collect.ScheduledInvocation;
import java.util.List;

/** The collecting half of a scheduled cycle, as the three collector functions do it one after another. */
final class ScheduledCollection {

    private ScheduledCollection() {}

    /** Market and network data, and ETF flows (from TFTC's open dataset when no SoSoValue key is configured). */
    static List<CollectionReport> collect(Minerwatch minerwatch, ScheduledInvocation invocation) {
        return List.of(
                minerwatch.marketCollector().collect(invocation),
                minerwatch.networkCollector().collect(invocation),
                minerwatch.etfFlowCollector().collect(invocation));
    }
}
