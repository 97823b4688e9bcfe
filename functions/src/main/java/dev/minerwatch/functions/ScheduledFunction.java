package dev.minerwatch.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import dev.minerwatch.schedule.ScheduledInvocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * The shape every minerwatch function shares: read the scheduler's {@code Input}, run one piece of domain
 * code, log and return its report as JSON. Stream handlers with a tree parser keep reflection-based
 * serialisation off the cold path.
 */
abstract class ScheduledFunction implements RequestStreamHandler {

    private final Clock clock;

    ScheduledFunction(Clock clock) {
        this.clock = clock;
    }

    /** Runs the function's work for one invocation and returns its report. */
    abstract ObjectNode run(ScheduledInvocation invocation);

    /** The same, for functions that read more of their event than the schedule's fields. */
    ObjectNode run(ScheduledInvocation invocation, JsonNode event) {
        return run(invocation);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] body = input.readAllBytes();
        JsonNode event = body.length == 0 ? null : Json.mapper().readTree(body);
        ObjectNode report = run(ScheduledInvocation.fromJson(event, clock), event);
        context.getLogger().log(report.toString() + "\n");
        Json.mapper().writeValue(output, report);
    }
}
