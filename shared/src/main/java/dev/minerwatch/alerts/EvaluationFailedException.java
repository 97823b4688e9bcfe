package dev.minerwatch.alerts;

/**
 * An evaluation that could not read or decide: the run fails (for the error alarm and the scheduler's retry), and
 * its report says what was delivered from the outbox before it gave up.
 */
public final class EvaluationFailedException extends RuntimeException {

    private final transient EvaluationReport report;

    EvaluationFailedException(EvaluationReport report, RuntimeException cause) {
        super(
                "the evaluation failed (" + cause.getMessage()
                        + "); the events already in the outbox were handled first: " + report.toJson(),
                cause);
        this.report = report;
    }

    /** What the run did before it failed: the deliveries from the outbox. */
    public EvaluationReport report() {
        return report;
    }
}
