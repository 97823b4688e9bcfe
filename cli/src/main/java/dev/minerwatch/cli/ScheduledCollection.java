package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.CollectionReport;
import dev.minerwatch.config.Settings;
import dev.minerwatch.schedule.ScheduledInvocation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The collecting half of a scheduled cycle, as the three collector functions do it one after another. */
final class ScheduledCollection {

    private ScheduledCollection() {
    }

    /** Market and network data, and ETF flows when a SoSoValue key is configured (else {@code skipped} hears why). */
    static List<CollectionReport> collect(Minerwatch minerwatch, ScheduledInvocation invocation, Consumer<String> skipped) {
        List<CollectionReport> reports = new ArrayList<>(List.of(minerwatch.marketCollector().collect(invocation),
                minerwatch.networkCollector().collect(invocation)));
        Settings settings = minerwatch.settings();
        if (settings.get(Settings.SOSOVALUE_API_KEY).isPresent() || settings.get(Settings.SOSOVALUE_API_KEY + "_PARAMETER").isPresent()) {
            reports.add(minerwatch.etfFlowCollector().collect(invocation));
        } else {
            skipped.accept("etf_net_flow_usd: set SOSOVALUE_API_KEY to collect ETF flows");
        }
        return reports;
    }
}
