package dev.minerwatch.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A rule's escalation ({@code escalate_after}, {@code escalate_to}): an alert of the rule still active and
 * unacknowledged {@code after} it fired is sent to {@code to}, once per episode, whatever that channel's own filters.
 *
 * @param after how long after the alert fired, at least {@link #MIN_AFTER}
 * @param to    a channel's name ({@code slack}, ...) or {@code sms}, the SNS SMS subscription
 */
public record Escalation(Duration after, String to) {

    /** The least wait: the evaluator runs every quarter hour, so a shorter one would escalate at the next run anyway. */
    public static final Duration MIN_AFTER = Duration.ofMinutes(15);

    /** The target that is the topic's SMS subscription rather than a channel. */
    public static final String SMS = "sms";

    /** What marks the rule state key of an escalation's notice, before the target. */
    private static final String MARK = ":escalated-to-";

    public Escalation {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(to, "to");
        if (after.compareTo(MIN_AFTER) < 0) {
            throw new IllegalArgumentException("field escalate_after: " + after + " is shorter than " + MIN_AFTER
                    + ": the evaluator runs every quarter hour");
        }
        if (!to.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException(
                    "field escalate_to: '" + to + "' is not a channel's name (slack, telegram, ...) or sms");
        }
    }

    /**
     * The notice that escalates {@code fired}, the {@code FIRED} event of an episode nobody acknowledged: an {@code
     * ESCALATED} event of its rule and figures, keyed {@code <day>#<state key>:escalated-to-<target>#<version>} after
     * the event it escalates, so it is recorded once per episode however often it is decided.
     *
     * @param executionId the run that decides it
     * @param at          when
     */
    public AlertEvent notice(AlertEvent fired, String executionId, Instant at) {
        AlertEvent.Origin origin = fired.origin();
        AlertEvent.Explanation explanation = fired.explanation();
        String title = origin.title() == null ? origin.ruleId() : origin.title();
        return new AlertEvent(
                AlertEvent.key(fired.day(), fired.stateKey() + MARK + to, fired.stateVersion()),
                new AlertEvent.Origin(origin.ruleId(), origin.title(), origin.severity(), EventKind.ESCALATED),
                fired.figures(),
                new AlertEvent.Explanation(
                        explanation.sources(),
                        explanation.thresholdBasis(),
                        title + " has held since " + Durations.UTC_MINUTE.format(fired.recordedAt())
                                + " and nobody has acknowledged it in " + Durations.words(after) + ": escalated to "
                                + to,
                        explanation.meaning()),
                new AlertEvent.Recording(executionId, at));
    }

    /** The target an escalation's notice goes to, read from its rule state key; empty for any other event. */
    public static Optional<String> targetOf(AlertEvent event) {
        int mark = event.stateKey().lastIndexOf(MARK);
        return event.kind() == EventKind.ESCALATED && mark >= 0
                ? Optional.of(event.stateKey().substring(mark + MARK.length()))
                : Optional.empty();
    }

    /** The key of the event an escalation's notice escalates (its {@code FIRED}); empty for any other event. */
    public static Optional<String> escalatedKey(AlertEvent event) {
        int mark = event.stateKey().lastIndexOf(MARK);
        return event.kind() == EventKind.ESCALATED && mark >= 0
                ? Optional.of(AlertEvent.key(event.day(), event.stateKey().substring(0, mark), event.stateVersion()))
                : Optional.empty();
    }
}
