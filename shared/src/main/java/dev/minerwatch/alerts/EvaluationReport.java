package dev.minerwatch.alerts;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import java.util.List;

/**
 * What an evaluation run did: the events it recorded, the events it delivered (including earlier ones left in
 * the outbox), what it skipped, and the deliveries that failed and stay queued for the next run.
 */
public record EvaluationReport(String executionId, List<String> recorded, List<Delivered> delivered,
                               List<String> skipped, List<String> deliveryFailures) {

    public EvaluationReport {
        recorded = List.copyOf(recorded);
        delivered = List.copyOf(delivered);
        skipped = List.copyOf(skipped);
        deliveryFailures = List.copyOf(deliveryFailures);
    }

    /** An event handed to the notifier, with the message id it got. */
    public record Delivered(String eventKey, String messageId) {
    }

    public ObjectNode toJson() {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("executionId", executionId);
        recorded.forEach(json.putArray("recorded")::add);
        ArrayNode deliveredJson = json.putArray("delivered");
        delivered.forEach(d -> deliveredJson.addObject().put("event", d.eventKey()).put("messageId", d.messageId()));
        skipped.forEach(json.putArray("skipped")::add);
        deliveryFailures.forEach(json.putArray("deliveryFailures")::add);
        return json;
    }
}
