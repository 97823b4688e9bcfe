package dev.minerwatch.rules;

import dev.minerwatch.json.Json;
import dev.minerwatch.series.SeriesId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules in force: the versioned default rule file shipped with the code, with the operator's overrides
 * merged in. Adding a rule of an existing kind, or changing a threshold, is a change to a file, not to code.
 *
 * <p>An override file has the shape of the default file. An entry whose id is a default rule replaces the fields
 * it names (object fields such as {@code max_age} one key at a time); {@code "enabled": false} removes the rule;
 * any other entry is a new rule and must be complete.
 *
 * @param document the effective rule file, as JSON (simple objects: {@link Json})
 */
public record RuleSet(String version, List<Rule> rules, Map<String, Object> document) {

    public RuleSet {
        Objects.requireNonNull(version, "version");
        rules = List.copyOf(rules);
    }

    /** These rules restricted to the given ids (all of a per-series rule's instances); an unknown id is an error. */
    public RuleSet only(Collection<String> ids) {
        Set<String> known = new HashSet<>();
        rules.forEach(r -> known.add(r.id()));
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("no rule '" + id + "'; rules: " + new TreeSet<>(known));
            }
        }
        return new RuleSet(
                version, rules.stream().filter(r -> ids.contains(r.id())).toList(), document);
    }

    /** The default rule set (docs/rules.md). */
    public static RuleSet defaults() {
        return parse(defaultDocument());
    }

    /** The default rule file, as a fresh copy the caller may change. */
    public static Map<String, Object> defaultDocument() {
        return RuleFile.defaultDocument();
    }

    /** {@code document} with an override file (JSON text) from {@code origin} merged in. */
    public static Map<String, Object> withOverride(Map<String, Object> document, String overrideJson, String origin) {
        return RuleFile.merge(document, RuleFile.readJson(overrideJson, origin), origin);
    }

    /** The default rules with an override file (JSON text) merged in. */
    public static RuleSet withOverrides(String overrideJson, String origin) {
        return parse(withOverride(defaultDocument(), overrideJson, origin));
    }

    /** The default rules with a number in place of each threshold that reads {@code series}. */
    public static Map<String, Object> withFixedThreshold(
            Map<String, Object> document, SeriesId series, double value, String origin) {
        return RuleFile.withFixedThreshold(document, series, value, origin);
    }

    /**
     * Reads a complete rule file.
     *
     * @throws IllegalArgumentException naming every defect (see {@link #read(Map, List)}), each with its rule id and
     *     field
     */
    public static RuleSet parse(Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        RuleSet rules = read(document, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return rules;
    }

    /**
     * Reads a rule file once, adding every defect to {@code problems}, each naming its rule id and field: every entry
     * is read, so a file with three broken rules adds three. The rules returned are usable only when none was added.
     */
    public static RuleSet read(Map<String, Object> document, List<String> problems) {
        try {
            return readEntries(document, problems);
        } catch (IllegalArgumentException e) { // the file's shape: no "rules" array of objects
            problems.add(e.getMessage());
            return new RuleSet(RuleFile.text(document.get("version"), ""), List.of(), document);
        }
    }

    private static RuleSet readEntries(Map<String, Object> document, List<String> problems) {
        String version = RuleFile.text(document.get("version"), "");
        if (version.isEmpty()) {
            problems.add("rule file: \"version\" is missing");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> stateKeys = new HashSet<>();
        for (Map<String, Object> node : RuleFile.entries(document, "rule file")) {
            List<Rule> read;
            try {
                read = RuleKinds.read(new RuleEntry(node));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            for (Rule rule : read) {
                if (stateKeys.add(rule.stateKey())) {
                    rules.add(rule);
                } else {
                    problems.add("rule file: rule id '" + rule.stateKey() + "' appears twice");
                }
            }
        }
        return new RuleSet(version, rules, document);
    }
}
