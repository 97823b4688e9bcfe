package dev.minerwatch.rules;

/**
 * What a rule remembers between evaluations. The version counts transitions; it guards the stored state
 * against concurrent evaluations and numbers the rule's events.
 */
public record RuleState(String ruleId, boolean active, long version) {

    public static RuleState initial(String ruleId) {
        return new RuleState(ruleId, false, 0);
    }

    /** The state after an event of this kind. */
    public RuleState after(EventKind kind) {
        return new RuleState(ruleId, kind == EventKind.FIRED, version + 1);
    }
}
