package dev.minerwatch.functions;

import dev.minerwatch.alerts.digest.DigestPublisher;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.Map;

/**
 * Scheduled once a day: publishes the day's digest, exactly once whatever the retries. A delivery that fails makes
 * the invocation fail (for the error alarm and the scheduler's retry); the digest stays in the outbox either way.
 */
public final class DigestHandler extends ScheduledFunction {

    private final DigestPublisher publisher;

    public DigestHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public DigestHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
        this.publisher = minerwatch.digestPublisher();
    }

    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        DigestPublisher.Report report = publisher.publish(invocation, providers);
        if (!report.deliveryFailures().isEmpty()) {
            throw new IllegalStateException("the undelivered digest stays queued for the next run: " + report.toJson());
        }
        return report.toJson();
    }
}
