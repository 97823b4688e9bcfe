package dev.minerwatch.functions;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes the site to its S3 bucket, behind CloudFront: invoked by the evaluation's and the digest's asynchronous
 * invocations when they succeed (a Lambda destination, whose record carries the run's {@code responsePayload}), and
 * on a schedule of its own, so that the ages the pages show are never older than that schedule. After an evaluation
 * that changed nothing (no event recorded, delivered, parked or silenced, no rule state changed), it publishes
 * nothing; every other invocation publishes, putting only the files that changed.
 */
public final class SiteHandler extends ScheduledFunction {

    public SiteHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public SiteHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
    }

    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        if (!changesTheSite(event)) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("published", false);
            report.put("reason", "the evaluation changed nothing the site shows");
            return report;
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("published", true);
        report.putAll(minerwatch().publishSite(clock().instant(), providers));
        return report;
    }

    /** What an evaluation's report lists when it changed something the site shows. */
    private static final List<String> EVALUATION_CHANGES = List.of("recorded", "delivered", "parked", "silenced");

    /**
     * Whether {@code event} may change the site: anything but the destination record of an evaluation whose report
     * ({@code responsePayload}) says it changed nothing. A report of another shape (the digest's) or an event of
     * another kind (the schedule's, a manual one) always may.
     */
    static boolean changesTheSite(Object event) {
        if (!(event instanceof Map<?, ?> record
                && record.get("requestContext") instanceof Map<?, ?>
                && record.get("responsePayload") instanceof Map<?, ?> response
                && response.get("stateChanges") instanceof Number stateChanges)) {
            return true;
        }
        return stateChanges.intValue() > 0
                || EVALUATION_CHANGES.stream()
                        .anyMatch(field -> response.get(field) instanceof List<?> list && !list.isEmpty());
    }
}
