package dev.minerwatch.alerts;

import dev.minerwatch.rules.RuleEngine.Freshness;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public static Map<String, Object> document(List<Freshness> freshness, String tableName, Instant at) {
        Map<String, Object> root = directive(at, METRIC, tableName);
        root.put(METRIC, freshness.stream().filter(Freshness::stale).count());
        Map<String, Object> ages = new LinkedHashMap<>();
        for (Freshness f : freshness) {
            Map<String, Object> age = new LinkedHashMap<>();
            age.put("age", Math.round(f.age() * 10) / 10.0);
            age.put("limit", f.limit());
            age.put("unit", f.unit());
            age.put("stale", f.stale());
            ages.put(f.series().id(), age);
        }
        root.put("seriesAge", ages);
        return root;
    }

    /** An EMF document's start: the directive for one count metric of this namespace and dimension. */
    static Map<String, Object> directive(Instant at, String metric, String tableName) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", NAMESPACE);
        directive.put("Dimensions", List.of(List.of(DIMENSION)));
        directive.put("Metrics", List.of(Map.of("Name", metric, "Unit", "Count")));
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", at.toEpochMilli());
        aws.put("CloudWatchMetrics", List.of(directive));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("_aws", aws);
        root.put(DIMENSION, tableName);
        return root;
    }
}
