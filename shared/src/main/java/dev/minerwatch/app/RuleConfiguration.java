package dev.minerwatch.app;

import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules the environment configures: the defaults, merged with {@code MINERWATCH_RULES_FILE} or the inline
 * {@code MINERWATCH_RULES}, with {@code PRODUCTION_COST_USD} as a fixed cost for the rules that read
 * {@code production_cost_usd}. The rules wing reads rule files; only this class knows where they come from.
 */
final class RuleConfiguration {

    private RuleConfiguration() {}

    /**
     * The rules the environment configures, read once, and every problem found on the way: the override's variables
     * and files, then every rule's fields (what could not be merged is left out, so the rest is still checked).
     *
     * @param rules the rules in force; empty when a problem keeps them from being used
     */
    public record Outcome(Optional<RuleSet> rules, List<String> problems) {

        public Outcome {
            problems = List.copyOf(problems);
        }

        /**
         * The rules in force.
         *
         * @throws IllegalArgumentException naming every problem
         */
        public RuleSet rulesOrThrow() {
            return rules.orElseThrow(() -> new IllegalArgumentException(String.join("; ", problems)));
        }
    }

    /** The rules in force; see {@link Outcome#rulesOrThrow}. */
    public static RuleSet read(Settings settings) {
        return load(settings).rulesOrThrow();
    }

    public static Outcome load(Settings settings) {
        Document document = document(settings);
        List<String> problems = new ArrayList<>(document.problems());
        RuleSet rules = RuleSet.read(document.content(), problems);
        return new Outcome(problems.isEmpty() ? Optional.of(rules) : Optional.empty(), problems);
    }

    /** The effective rule document, and what kept an override from being merged into it. */
    private record Document(Map<String, Object> content, List<String> problems) {}

    private static Document document(Settings settings) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> document = RuleSet.defaultDocument();
        var file = settings.get(Settings.RULES_FILE);
        var inline = settings.get(Settings.RULES);
        if (file.isPresent() && inline.isPresent()) {
            problems.add("set " + Settings.RULES_FILE + " or " + Settings.RULES + ", not both");
        }
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            try {
                document = RuleSet.withOverride(document, Files.readString(path), path.toString());
            } catch (IOException e) {
                problems.add(Settings.RULES_FILE + ": cannot read " + path + " (" + e.getMessage() + ")");
            } catch (IllegalArgumentException e) {
                problems.add(Settings.RULES_FILE + ": " + e.getMessage());
            }
        }
        if (inline.isPresent()) {
            try {
                document = RuleSet.withOverride(document, inline.get(), Settings.RULES);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        try {
            var cost = settings.productionCostOverride();
            if (cost.isPresent()) {
                document = RuleSet.withFixedThreshold(
                        document,
                        SeriesId.PRODUCTION_COST_USD,
                        cost.get(),
                        Settings.PRODUCTION_COST_USD + "=" + Amounts.plain(cost.get()));
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new Document(document, problems);
    }
}
