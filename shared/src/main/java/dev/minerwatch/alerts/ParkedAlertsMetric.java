package dev.minerwatch.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import java.time.Instant;
import java.util.List;

/**
 * The operator's parked-alerts metric, as a CloudWatch Embedded Metric Format document: one line on standard output
 * that CloudWatch Logs turns into {@code minerwatch/ParkedAlerts} (how many events this run parked: refused for good
 * by the channel, out of the outbox, subscribers never told). Every run writes it, 0 on most, so an alarm on its sum
 * fires in the period an event is parked. The parked keys ride along as a property, for Logs Insights.
 */
public final class ParkedAlertsMetric {

    public static final String METRIC = "ParkedAlerts";

    private ParkedAlertsMetric() {}

    public static ObjectNode document(List<String> parked, String tableName, Instant at) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode directive = root.putObject("_aws")
                .put("Timestamp", at.toEpochMilli())
                .putArray("CloudWatchMetrics")
                .addObject()
                .put("Namespace", FreshnessMetric.NAMESPACE);
        directive.putArray("Dimensions").addArray().add(FreshnessMetric.DIMENSION);
        directive.putArray("Metrics").addObject().put("Name", METRIC).put("Unit", "Count");
        root.put(FreshnessMetric.DIMENSION, tableName);
        root.put(METRIC, parked.size());
        parked.forEach(root.putArray("parked")::add);
        return root;
    }
}
