package dev.minerwatch.alerts;

import dev.minerwatch.rules.RuleEngine.Freshness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation run did: the events it recorded, the events it delivered (including earlier ones left in
 * the outbox), what it skipped, the deliveries that failed and stay queued for the next run, the events it parked
 * (refused for good by the channel, out of the outbox: each with its error), the events silences held back or that were
 * dismissed when their silence ended, and how current each watched series is.
 */
public record EvaluationReport(
        String executionId,
        List<String> recorded,
        List<Delivered> delivered,
        List<String> skipped,
        List<String> deliveryFailures,
        List<String> parked,
        List<String> silenced,
        List<Freshness> freshness) {

    public EvaluationReport {
        recorded = List.copyOf(recorded);
        delivered = List.copyOf(delivered);
        skipped = List.copyOf(skipped);
        deliveryFailures = List.copyOf(deliveryFailures);
        parked = List.copyOf(parked);
        silenced = List.copyOf(silenced);
        freshness = List.copyOf(freshness);
    }

    /** How many watched series are past their staleness limit. */
    public long staleSeries() {
        return freshness.stream().filter(Freshness::stale).count();
    }

    /** An event handed to the notifier, with the message id it got. */
    public record Delivered(String eventKey, String messageId) {}

    /** The report as JSON (simple objects: {@link dev.minerwatch.json.Json} writes them). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("executionId", executionId);
        json.put("recorded", recorded);
        json.put(
                "delivered",
                delivered.stream()
                        .map(d -> Map.of("event", d.eventKey(), "messageId", d.messageId()))
                        .toList());
        json.put("skipped", skipped);
        json.put("deliveryFailures", deliveryFailures);
        json.put("parked", parked);
        json.put("silenced", silenced);
        json.put("staleSeries", staleSeries());
        return json;
    }
}
