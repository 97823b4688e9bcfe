package dev.minerwatch.rules;

import java.util.Objects;

/**
 * What every rule has, whatever its kind.
 *
 * @param meaning one or two sentences a subscriber reads to understand why the alert matters
 */
public record RuleInfo(String id, String title, Severity severity, String meaning) {

    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(meaning, "meaning");
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("rule id '" + id + "' must be lower-case letters, digits and _");
        }
    }
}
