package dev.minerwatch.functions;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.Backfill;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.Map;

/**
 * On demand ({@code {"days": 365}}): loads history so that rules over 60 and 180 days work from the first day.
 * Idempotent and resumable, so a timed-out invocation can simply be run again.
 */
public final class BackfillHandler extends ScheduledFunction {

    private final Backfill backfill;

    public BackfillHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public BackfillHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
        this.backfill = minerwatch.backfill();
    }

    private static final String NEEDS_DAYS = "a backfill event needs \"days\", such as {\"days\": 365}";

    /** The backfill's provider calls end the store reserve before the function's timeout, as the collectors' do. */
    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        Object days = event instanceof Map<?, ?> fields ? fields.get("days") : null;
        if (days == null) {
            throw new IllegalArgumentException(NEEDS_DAYS);
        }
        if (!(days instanceof Integer whole) || whole < 1 || whole > 1095) {
            throw new IllegalArgumentException(
                    "event field days: value " + Json.write(days) + " must be a whole number from 1 to 1095");
        }
        return backfill.run(whole, invocation.executionId(), (series, written, toWrite) -> {}, providers)
                .toJson();
    }
}
