package dev.minerwatch.app;

import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.PlainNumber;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules the environment configures: the defaults, merged with {@code MINERWATCH_RULES_FILE} or the inline
 * {@code MINERWATCH_RULES}, with {@code PRODUCTION_COST_USD} as a fixed cost for the rules that read
 * {@code production_cost_usd}. The rules wing reads rule files; only this class knows where they come from.
 */
public final class RuleConfiguration {

    private RuleConfiguration() {}

    /**
     * The rules in force.
     *
     * @throws IllegalArgumentException naming every problem of {@link #problems}
     */
    public static RuleSet read(Settings settings) {
        Loaded loaded = load(settings);
        if (!loaded.problems().isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", loaded.problems()));
        }
        return RuleSet.parse(loaded.document());
    }

    /** Every problem of the configured rules: the override's variables and files, then every rule's fields. */
    public static List<String> problems(Settings settings) {
        // What could not be merged is left out, so the rest is still checked: every problem at once.
        Loaded loaded = load(settings);
        List<String> problems = new ArrayList<>(loaded.problems());
        problems.addAll(RuleSet.problems(loaded.document()));
        return problems;
    }

    /** The effective rule document, and what kept an override from being merged into it. */
    private record Loaded(Map<String, Object> document, List<String> problems) {}

    private static Loaded load(Settings settings) {
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
                        Settings.PRODUCTION_COST_USD + "=" + PlainNumber.of(cost.get()));
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return new Loaded(document, problems);
    }
}
