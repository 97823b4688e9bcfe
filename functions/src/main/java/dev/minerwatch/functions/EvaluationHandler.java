package dev.minerwatch.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.alerts.AlertEvaluator;
import dev.minerwatch.alerts.EvaluationReport;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.schedule.ScheduledInvocation;
import java.time.Clock;

/**
 * Scheduled after the collectors: evaluates the alert rules on the stored points and publishes what they
 * decide. A delivery that fails makes the invocation fail (for the error alarm and the scheduler's retry)
 * after every other event has been handled; the event stays in the outbox either way.
 */
public final class EvaluationHandler extends ScheduledFunction {

    private final AlertEvaluator evaluator;

    public EvaluationHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    EvaluationHandler(Minerwatch minerwatch, Clock clock) {
        super(clock);
        this.evaluator = minerwatch.alertEvaluator();
    }

    @Override
    ObjectNode run(ScheduledInvocation invocation) {
        EvaluationReport report = evaluator.evaluate(invocation);
        if (!report.deliveryFailures().isEmpty()) {
            throw new IllegalStateException("undelivered alerts stay queued for the next run: " + report.toJson());
        }
        return report.toJson();
    }
}
