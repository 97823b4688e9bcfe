package dev.minerwatch.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The operator's parked-alerts metric, as a CloudWatch Embedded Metric Format document: one line on standard output
 * that CloudWatch Logs turns into {@code minerwatch/ParkedAlerts} (how many events this run parked: refused for good
 * by the channel, out of the outbox, subscribers never told). Every run writes it, 0 on most, so an alarm on its sum
 * fires in the period an event is parked. The parked keys ride along as a property, for Logs Insights.
 */
public final class ParkedAlertsMetric {

    public static final String METRIC = "ParkedAlerts";

    private ParkedAlertsMetric() {}

    public static Map<String, Object> document(List<String> parked, String tableName, Instant at) {
        Map<String, Object> root = FreshnessMetric.directive(at, METRIC, tableName);
        root.put(METRIC, parked.size());
        root.put("parked", parked);
        return root;
    }
}
