package dev.minerwatch.rules;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The rule kinds a rule file may name, one line each: the fields the kind reads besides the common ones, and its
 * factory. Adding a kind is its rule class (with its {@code FIELDS} and {@code fromFile}) and one line here.
 */
final class RuleKinds {

    /** The fields every entry may have. */
    private static final Set<String> COMMON = Set.of(
            "id", "kind", "title", "severity", "meaning", "enabled", "remind_every", "escalate_after", "escalate_to");

    /** One kind: its own fields, and the rules it builds from an entry (a staleness entry builds one per series). */
    private record Kind(Set<String> fields, BiFunction<RuleEntry, RuleInfo, List<Rule>> factory) {}

    private static final Map<String, Kind> KINDS = kinds();

    private RuleKinds() {}

    private static Map<String, Kind> kinds() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("threshold", new Kind(ThresholdRule.FIELDS, (e, i) -> List.of(ThresholdRule.fromFile(e, i))));
        kinds.put("streak", new Kind(StreakRule.FIELDS, (e, i) -> List.of(StreakRule.fromFile(e, i))));
        kinds.put("rolling_sum", new Kind(RollingSumRule.FIELDS, (e, i) -> List.of(RollingSumRule.fromFile(e, i))));
        kinds.put(
                "moving_average_cross",
                new Kind(MovingAverageCrossRule.FIELDS, (e, i) -> List.of(MovingAverageCrossRule.fromFile(e, i))));
        kinds.put("drawdown", new Kind(DrawdownRule.FIELDS, (e, i) -> List.of(DrawdownRule.fromFile(e, i))));
        kinds.put("staleness", new Kind(StalenessRule.FIELDS, StalenessRule::fromFile));
        kinds.put("breakeven", new Kind(BreakevenRule.FIELDS, (e, i) -> List.of(BreakevenRule.fromFile(e, i))));
        return Collections.unmodifiableMap(kinds);
    }

    /** The rules of one entry, read strictly: an unknown kind or field, or a wrong value, names the rule and field. */
    static List<Rule> read(RuleEntry entry) {
        String kindName = entry.text("kind");
        Kind kind = KINDS.get(kindName);
        if (kind == null) {
            throw entry.error("kind", "'" + kindName + "' is unknown; use one of " + KINDS.keySet());
        }
        for (String field : entry.fields()) {
            if (!COMMON.contains(field) && !kind.fields().contains(field)) {
                throw entry.error(field, "is not a field of kind " + kindName + "; known: " + kind.fields());
            }
        }
        Duration remindEvery = entry.remindEvery();
        RuleInfo info;
        try {
            info = new RuleInfo(
                    entry.text("id"),
                    entry.line("title", RuleInfo.MAX_TITLE),
                    entry.severity(),
                    entry.text("meaning"),
                    remindEvery,
                    entry.escalation());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw message.startsWith("rule " + entry.id() + ", field ")
                    ? e
                    : new IllegalArgumentException(
                            "rule " + entry.id() + (message.startsWith("field ") ? ", " : ": ") + message);
        }
        List<Rule> rules = build(kind, entry, info);
        if (info.remindEvery() != null && rules.stream().anyMatch(Rule::eachDay)) {
            throw entry.error(
                    "remind_every", "a rule that fires each day never stays active, so there is nothing to remind of");
        }
        if (info.escalation() != null && rules.stream().anyMatch(Rule::eachDay)) {
            throw entry.error(
                    "escalate_after", "a rule that fires each day never stays active, so there is nothing to escalate");
        }
        return rules;
    }

    private static List<Rule> build(Kind kind, RuleEntry entry, RuleInfo info) {
        try {
            return kind.factory().apply(entry, info);
        } catch (IllegalArgumentException e) {
            // The entry's errors name the rule and the field; a rule's own checks start with its id.
            String message = e.getMessage();
            String id = entry.id();
            throw message.startsWith("rule ")
                    ? e
                    : new IllegalArgumentException("rule "
                            + (message.startsWith(id + ":") || message.startsWith(id + " ")
                                    ? message
                                    : id + ": " + message));
        }
    }
}
