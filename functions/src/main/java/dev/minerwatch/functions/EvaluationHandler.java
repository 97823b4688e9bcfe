package dev.minerwatch.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.alerts.AlertEvaluator;
import dev.minerwatch.alerts.EvaluationReport;
import dev.minerwatch.alerts.FreshnessMetric;
import dev.minerwatch.json.Json;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.schedule.ScheduledInvocation;
import java.time.Clock;

/**
 * Scheduled after the collectors: evaluates the alert rules on the stored points and publishes what they
 * decide. A delivery that fails makes the invocation fail (for the error alarm and the scheduler's retry)
 * after every other event has been handled; the event stays in the outbox either way. Each run also emits the
 * operator's staleness metric ({@link FreshnessMetric}).
 */
public final class EvaluationHandler extends ScheduledFunction {

    private final AlertEvaluator evaluator;

    public EvaluationHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public EvaluationHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
        this.evaluator = minerwatch.alertEvaluator();
    }

    @Override
    ObjectNode run(ScheduledInvocation invocation) {
        EvaluationReport report = evaluator.evaluate(invocation);
        // The operator's staleness metric (Embedded Metric Format): a line of its own on standard output.
        System.out.println(Json.write(FreshnessMetric.document(report.freshness(),
                minerwatch().settings().tableName(), clock().instant())));
        if (!report.deliveryFailures().isEmpty()) {
            throw new IllegalStateException("undelivered alerts stay queued for the next run: " + report.toJson());
        }
        return report.toJson();
    }
}
