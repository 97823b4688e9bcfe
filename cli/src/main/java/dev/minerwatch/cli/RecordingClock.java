package dev.minerwatch.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The UTC clock of a run on recorded answers: it ticks at the system's pace from the instant the answers were
 * recorded, so their quotes are as fresh as they were then, and it moves when a replay moves to the next day's
 * recordings.
 */
final class RecordingClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    /** From now on, reads {@code instant} plus the time elapsed since. */
    void moveTo(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone.normalized())) {
            throw new UnsupportedOperationException("a recording clock is UTC");
        }
        return this;
    }
}
