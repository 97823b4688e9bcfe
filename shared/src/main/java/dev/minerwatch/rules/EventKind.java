package dev.minerwatch.rules;

/**
 * A rule starts holding ({@code FIRED}) or stops holding ({@code RESOLVED}); a rule with {@code remind_every} still
 * holds another interval after it fired ({@code REMINDER}); or the day's digest ({@code DIGEST}), which is no rule's
 * but is delivered through the same outbox, once per day; or an operator acknowledged a rule's alert
 * ({@code ACKNOWLEDGED}, from {@code minerwatch ack}): the channels are told once, and the rule sends no reminder
 * until it resolves; or a rule's alert nobody acknowledged in time went to the rule's {@code escalate_to}
 * ({@code ESCALATED}, once per episode).
 */
public enum EventKind {
    FIRED,
    RESOLVED,
    REMINDER,
    DIGEST,
    ACKNOWLEDGED,
    ESCALATED
}
