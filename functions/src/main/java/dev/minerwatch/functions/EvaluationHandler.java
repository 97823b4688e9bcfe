package dev.minerwatch.functions;

import dev.minerwatch.alerts.AlertEvaluator;
import dev.minerwatch.alerts.AlertEvaluator.EvaluationFailedException;
import dev.minerwatch.alerts.AlertEvaluator.EvaluationReport;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.Map;

/**
 * Scheduled after the collectors: evaluates the alert rules on the stored points and publishes what they
 * decide. A delivery that fails makes the invocation fail (for the error alarm and the scheduler's retry)
 * after every other event has been handled; the event stays in the outbox either way. An evaluation that fails
 * still delivers what waited in the outbox, then fails the invocation. Each run also emits the operator's metrics:
 * staleness ({@link OperatorMetrics#staleSeries}, only when the rules were read) and parked alerts ({@link OperatorMetrics#parkedAlerts}).
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

    /** The evaluation calls no provider. */
    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        EvaluationReport report;
        try {
            report = evaluator.evaluate(invocation);
        } catch (EvaluationFailedException e) {
            // No staleness figure from a run that read nothing: a missing one counts as stale, a zero would not.
            emit(OperatorMetrics.parkedAlerts(e.report().parked(), tableName(), clock().instant()));
            throw e;
        }
        // The operator's metrics (Embedded Metric Format): each a line of its own on standard output.
        emit(OperatorMetrics.staleSeries(report.freshness(), tableName(), clock().instant()));
        emit(OperatorMetrics.parkedAlerts(report.parked(), tableName(), clock().instant()));
        if (!report.deliveryFailures().isEmpty()) {
            throw new IllegalStateException("undelivered alerts stay queued for the next run: " + report.toJson());
        }
        return report.toJson();
    }

    private String tableName() {
        return minerwatch().settings().tableName();
    }

    private static void emit(Map<String, Object> metric) {
        System.out.println(Json.write(metric));
    }
}
