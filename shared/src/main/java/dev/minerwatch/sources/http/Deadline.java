package dev.minerwatch.sources.http;

import java.time.Duration;

/**
 * The instant by which one run must be done with its providers, so that it still has time to store what it
 * collected before its function times out. Every provider call of the run, retries and back-offs included,
 * consults the same deadline. Measured on the monotonic clock: a run's business clock may be fixed (tests,
 * replays) or jump, its time budget must not.
 */
public final class Deadline {

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    /** A deadline {@code budget} from now. */
    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    /** The time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, atNanos - System.nanoTime()));
    }

    public boolean hasPassed() {
        return remaining().isZero();
    }

    /** The shorter of {@code timeout} and the time left. */
    public Duration cap(Duration timeout) {
        Duration remaining = remaining();
        return timeout.compareTo(remaining) <= 0 ? timeout : remaining;
    }

    @Override
    public String toString() {
        return remaining().toMillis() + " ms left";
    }
}
