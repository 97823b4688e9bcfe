package dev.minerwatch.rules;

import dev.minerwatch.rules.Rule.Escalation;
import java.time.Duration;
import java.util.Objects;

/**
 * What every rule has, whatever its kind.
 *
 * @param meaning     one or two sentences a subscriber reads to understand why the alert matters
 * @param remindEvery how often a reminder goes out while the rule stays active; null for none
 * @param escalation  where an unacknowledged alert goes after a while; null for nowhere
 */
record RuleInfo(
        String id, String title, Severity severity, String meaning, Duration remindEvery, Escalation escalation) {

    /** The shortest reminder interval: the evaluator runs every quarter hour, and more often than hourly is noise. */
    public static final Duration MIN_REMIND_EVERY = Duration.ofHours(1);

    /** The longest title a rule file may give: a subject line shows about the first 100 characters. */
    static final int MAX_TITLE = 200;

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(meaning, "meaning");
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("rule id '" + id + "' must be lower-case letters, digits and _");
        }
        if (remindEvery != null && remindEvery.compareTo(MIN_REMIND_EVERY) < 0) {
            throw new IllegalArgumentException(
                    "field remind_every: " + remindEvery + " is shorter than " + MIN_REMIND_EVERY
                            + ": the evaluator runs every quarter hour, and reminders more often than hourly are noise");
        }
    }

    /** A rule that sends no reminders. */
    public RuleInfo(String id, String title, Severity severity, String meaning) {
        this(id, title, severity, meaning, null, null);
    }

    /** A rule that escalates nowhere. */
    public RuleInfo(String id, String title, Severity severity, String meaning, Duration remindEvery) {
        this(id, title, severity, meaning, remindEvery, null);
    }
}
