package dev.minerwatch.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.RuleEngine.Freshness;
import java.time.Instant;
import java.util.List;

/**
 * The operator's staleness metric, as a CloudWatch Embedded Metric Format document: one line on standard output
 * that CloudWatch Logs turns into the metric {@code minerwatch/StaleSeries} (how many watched series are past
 * their staleness limit), without a PutMetricData call or its permission. Each series' age rides along as a
 * property, searchable in Logs Insights, rather than as a metric of its own (each custom metric costs money).
 */
public final class FreshnessMetric {

    public static final String NAMESPACE = "minerwatch";
    public static final String METRIC = "StaleSeries";
    /** The dimension that tells deployments apart: the table each one writes. */
    public static final String DIMENSION = "Table";

    private FreshnessMetric() {}

    public static ObjectNode document(List<Freshness> freshness, String tableName, Instant at) {
        ObjectNode root = Json.mapper().createObjectNode();
        ObjectNode directive = root.putObject("_aws")
                .put("Timestamp", at.toEpochMilli())
                .putArray("CloudWatchMetrics")
                .addObject()
                .put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(DIMENSION);
        directive.putArray("Metrics").addObject().put("Name", METRIC).put("Unit", "Count");
        root.put(DIMENSION, tableName);
        root.put(METRIC, freshness.stream().filter(Freshness::stale).count());
        ObjectNode ages = root.putObject("seriesAge");
        for (Freshness f : freshness) {
            ages.putObject(f.series().id())
                    .put("age", Math.round(f.age() * 10) / 10.0)
                    .put("limit", f.limit())
                    .put("unit", f.unit())
                    .put("stale", f.stale());
        }
        return root;
    }
}
