package dev.minerwatch.functions;

import dev.minerwatch.rules.RuleEngine.Freshness;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's metrics, as CloudWatch Embedded Metric Format documents: each one line on standard output that
 * CloudWatch Logs turns into a metric of the namespace {@code minerwatch}, without a PutMetricData call or its
 * permission. Both are counts, told apart by deployment through the dimension {@code Table} (the table each writes).
 *
 * <ul>
 *   <li>{@code minerwatch/StaleSeries} ({@link #staleSeries}): how many watched series are past their staleness limit.
 *       Each series' age rides along as a property, searchable in Logs Insights, rather than as a metric of its own
 *       (each custom metric costs money).
 *   <li>{@code minerwatch/ParkedAlerts} ({@link #parkedAlerts}): how many events this run parked (refused for good by
 *       the channel, out of the outbox, subscribers never told). Every run writes it, 0 on most, so an alarm on its
 *       sum fires in the period an event is parked. The parked keys ride along as a property, for Logs Insights.
 * </ul>
 */
public final class OperatorMetrics {

    public static final String NAMESPACE = "minerwatch";
    public static final String STALE_SERIES = "StaleSeries";
    public static final String PARKED_ALERTS = "ParkedAlerts";
    /** The dimension that tells deployments apart: the table each one writes. */
    public static final String DIMENSION = "Table";

    private OperatorMetrics() {}

    /** The staleness metric of one evaluation. */
    public static Map<String, Object> staleSeries(List<Freshness> freshness, String tableName, Instant at) {
        Map<String, Object> root = directive(at, STALE_SERIES, tableName);
        root.put(STALE_SERIES, freshness.stream().filter(Freshness::stale).count());
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

    /** The parked-alerts metric of one evaluation: the keys of the events it parked. */
    public static Map<String, Object> parkedAlerts(List<String> parked, String tableName, Instant at) {
        Map<String, Object> root = directive(at, PARKED_ALERTS, tableName);
        root.put(PARKED_ALERTS, parked.size());
        root.put("parked", parked);
        return root;
    }

    /** An EMF document's start: the directive for one count metric of this namespace and dimension. */
    private static Map<String, Object> directive(Instant at, String metric, String tableName) {
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
