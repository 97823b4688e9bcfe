package dev.minerwatch.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.RuleEngine.Freshness;
import java.util.List;

/**
 * What an evaluation run did: the events it recorded, the events it delivered (including earlier ones left in
 * the outbox), what it skipped, the deliveries that failed and stay queued for the next run, the events it parked
 * (refused for good by the channel, out of the outbox: each with its error), and how current each watched series is.
 */
public record EvaluationReport(
        String executionId,
        List<String> recorded,
        List<Delivered> delivered,
        List<String> skipped,
        List<String> deliveryFailures,
        List<String> parked,
        List<Freshness> freshness) {

    public EvaluationReport {
        recorded = List.copyOf(recorded);
        delivered = List.copyOf(delivered);
        skipped = List.copyOf(skipped);
        deliveryFailures = List.copyOf(deliveryFailures);
        parked = List.copyOf(parked);
        freshness = List.copyOf(freshness);
    }

    /** How many watched series are past their staleness limit. */
    public long staleSeries() {
        return freshness.stream().filter(Freshness::stale).count();
    }

    /** An event handed to the notifier, with the message id it got. */
    public record Delivered(String eventKey, String messageId) {}

    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("executionId", executionId);
        recorded.forEach(json.putArray("recorded")::add);
        ArrayNode deliveredJson = json.putArray("delivered");
        delivered.forEach(
                d -> deliveredJson.addObject().put("event", d.eventKey()).put("messageId", d.messageId()));
        skipped.forEach(json.putArray("skipped")::add);
        deliveryFailures.forEach(json.putArray("deliveryFailures")::add);
        parked.forEach(json.putArray("parked")::add);
        json.put("staleSeries", staleSeries());
        return json;
    }
}
