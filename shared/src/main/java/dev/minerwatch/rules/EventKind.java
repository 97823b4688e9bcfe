package dev.minerwatch.rules;

/**
 * A rule starts holding ({@code FIRED}) or stops holding ({@code RESOLVED}); or the day's digest ({@code DIGEST}),
 * which is no rule's but is delivered through the same outbox, once per day.
 */
public enum EventKind {
    FIRED,
    RESOLVED,
    DIGEST
}
