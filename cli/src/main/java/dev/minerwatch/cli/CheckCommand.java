package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch check}: every configuration mistake at once, each with its variable or its rule and field. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Checks the whole configuration at once, as the functions read it at init: the environment's values "
                    + "(timeouts, time zone, cost model, base URLs, endpoints, topic ARN), the rules with their "
                    + "overrides (MINERWATCH_RULES_FILE, MINERWATCH_RULES, PRODUCTION_COST_USD or --rules; every rule "
                    + "and field), the channels and their filters, and the keys named as SSM parameters "
                    + "(<KEY>_PARAMETER), which it reads unless --no-keys.",
            "Lists every mistake, one per line, naming its variable or its rule and field; never a secret's value."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configuration is valid", "1:a mistake (listed), or a usage error"})
final class CheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--no-keys", description = "Do not read the keys' SSM parameters (no AWS call).")
    boolean noKeys;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = Settings.of(options.environment()).with(ruleOptions.overrides());
        Minerwatch minerwatch = new Minerwatch(settings, Clock.systemUTC(), out);
        List<String> problems = minerwatch.configurationProblems(!noKeys);
        if (problems.isEmpty()) {
            var valid = minerwatch.rules();
            out.println("configuration valid: " + valid.rules().size() + " rules (" + valid.version() + ")");
            out.flush();
            return 0;
        }
        out.println(problems.size() + (problems.size() == 1 ? " mistake" : " mistakes") + " in the configuration:");
        problems.forEach(problem -> out.println("  " + problem));
        out.flush();
        return 1;
    }
}
