package dev.minerwatch.collect;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One run of a scheduled function, as EventBridge Scheduler delivers it: the {@code Input} of the schedule
 * carries {@code <aws.scheduler.scheduled-time>} and {@code <aws.scheduler.execution-id>}. The execution id is
 * the same for the scheduler's retries of one run, which makes it the idempotency key.
 */
public record ScheduledInvocation(Instant scheduledTime, String executionId) {

    public ScheduledInvocation {
        Objects.requireNonNull(scheduledTime, "scheduledTime");
        Objects.requireNonNull(executionId, "executionId");
    }

    /**
     * Reads {@code {"scheduledTime": "...", "executionId": "..."}}. A manual invocation may omit both: it runs
     * now, under a fresh execution id.
     */
    public static ScheduledInvocation fromJson(Object event, Clock clock) {
        Map<?, ?> fields = event instanceof Map<?, ?> object ? object : Map.of();
        Object time = fields.get("scheduledTime");
        Instant scheduledTime;
        if (time == null) {
            scheduledTime = clock.instant();
        } else {
            try {
                scheduledTime = Instant.parse(time.toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("event field scheduledTime: value '" + time
                        + "' is not an ISO-8601 UTC instant such as 2026-02-05T12:00:00Z");
            }
        }
        Object id = fields.get("executionId");
        String executionId = id == null || id.toString().isBlank() ? "manual-" + UUID.randomUUID() : id.toString();
        return new ScheduledInvocation(scheduledTime, executionId);
    }

    /** The UTC day this run is for. */
    public LocalDate day() {
        return LocalDate.ofInstant(scheduledTime, ZoneOffset.UTC);
    }
}
