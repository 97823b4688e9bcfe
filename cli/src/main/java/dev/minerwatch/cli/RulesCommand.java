package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.RuleSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch rules}: the effective rule set, after every override, with its thresholds. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Prints the rules the evaluation applies: the default rule file merged with MINERWATCH_RULES_FILE, "
                    + "MINERWATCH_RULES, PRODUCTION_COST_USD or --rules, one rule per line with its parameters.",
            "--json prints the effective document itself, which is a valid --rules file."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed", "1:usage error", "2:the rules override cannot be read or is invalid"})
final class RulesCommand implements Callable<Integer> {

    /** Shown in their own columns, or not at all. */
    private static final Set<String> DESCRIBED = Set.of("id", "kind", "severity", "series", "title", "meaning");

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--json", description = "The effective rules document (JSON) instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RuleSet rules = Minerwatch.rulesOf(Settings.fromEnvironment().with(ruleOptions.overrides()));
        if (json) {
            out.println(Json.write(rules.document()));
            out.flush();
            return 0;
        }
        List<?> entries = (List<?>) rules.document().get("rules");
        out.println("rules " + rules.version() + " (" + entries.size() + ")");
        for (Object entry : entries) {
            Map<?, ?> rule = (Map<?, ?>) entry;
            List<String> parameters = rule.entrySet().stream()
                    .filter(e -> !DESCRIBED.contains(e.getKey()))
                    .map(e ->
                            e.getKey() + "=" + (e.getValue() instanceof String text ? text : Json.write(e.getValue())))
                    .toList();
            out.printf(
                    "  %-28s %-21s %-9s %-20s %s%n",
                    rule.get("id"),
                    rule.get("kind"),
                    rule.get("severity"),
                    rule.get("series") instanceof String series ? series : "-",
                    String.join("  ", parameters));
            out.printf("  %-28s %s%n", "", rule.get("title"));
        }
        out.flush();
        return 0;
    }
}
