package dev.minerwatch.alerts;

import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.Rule.Escalation;
import dev.minerwatch.rules.RuleState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which alerts are due for escalation: an active rule state of a rule with {@code escalate_after} and {@code
 * escalate_to}, whose episode nobody has acknowledged, that became active at least {@code escalate_after} ago. An
 * acknowledged episode is never escalated; one that resolved before its time is not either, and a rule a silence holds
 * waits for its end. Whether an escalation was sent already is the ledger's to say (its notice is recorded once per
 * episode).
 */
final class Escalations {

    /** An active state due for escalation, and where to. */
    record Due(RuleState state, Escalation escalation) {}

    private Escalations() {}

    /**
     * The states due for escalation at {@code now}.
     *
     * @param states       every rule state, as this run leaves them
     * @param acknowledged the states whose current episode is acknowledged
     * @param silenced     the rules a silence holds now (their ids): their escalation waits for the silence's end,
     *                     then goes out if the alert still holds unacknowledged
     */
    static List<Due> due(
            Collection<Rule> rules,
            Map<String, RuleState> states,
            Set<String> acknowledged,
            Set<String> silenced,
            Instant now) {
        List<Due> due = new ArrayList<>();
        for (RuleState state : states.values()) {
            if (!state.active() || state.activeSince() == null || acknowledged.contains(state.key())) {
                continue;
            }
            ruleOf(rules, state.key())
                    .filter(rule -> !silenced.contains(rule.id()))
                    .flatMap(Rule::escalation)
                    .filter(escalation -> !now.isBefore(state.activeSince().plus(escalation.after())))
                    .ifPresent(escalation -> due.add(new Due(state, escalation)));
        }
        due.sort((a, b) -> a.state().key().compareTo(b.state().key()));
        return due;
    }

    /** The rule a state is of: its id, or {@code <id>/<series>} for a rule kept per series. */
    private static Optional<Rule> ruleOf(Collection<Rule> rules, String stateKey) {
        return rules.stream()
                .filter(rule -> stateKey.equals(rule.id()) || stateKey.startsWith(rule.id() + "/"))
                .findFirst();
    }
}
