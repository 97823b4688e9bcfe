package dev.minerwatch.cli;

import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./minerwatch}: minerwatch on a laptop, with or without AWS. */
@Command(
        name = "minerwatch",
        mixinStandardHelpOptions = true,
        version = "minerwatch 0.1.0",
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = "Alerts on Bitcoin miner economics: collect, store, evaluate, notify.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            BackfillCommand.class,
            ExportCommand.class,
            ReplayCommand.class,
            ImportCommand.class,
            ReportCommand.class,
            StatusCommand.class,
            AlertsCommand.class,
            AckCommand.class,
            DeliverCommand.class,
            SubscribeCommand.class,
            SubscribersCommand.class,
            UnsubscribeCommand.class,
            SilenceCommand.class,
            SilencesCommand.class,
            UnsilenceCommand.class,
            RequeueCommand.class,
            SiteCommand.class,
            ServeCommand.class,
            RulesCommand.class,
            CheckCommand.class,
            SourcesCommand.class,
            BreakevenCommand.class,
            DigestCommand.class,
            NotifyCommand.class,
            InvokeCommand.class
        })
public final class MinerwatchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The exit codes scripts can rely on, for the commands that do not list their own. */
    private static final Map<String, String> EXIT_CODES = new TreeMap<>(Map.of(
            "0",
            "ok",
            "1",
            "usage error (an unknown option, a missing or invalid argument)",
            "2",
            "data or provider error (the message on standard error says which and what to do)"));

    private final Map<String, String> environment;

    public MinerwatchCommand() {
        this(System.getenv());
    }

    /** With an environment of its own in place of the process's (tests). */
    MinerwatchCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment the commands run in. */
    Map<String, String> environment() {
        return environment;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with minerwatch's exit codes: 0 ok, 1 usage error, 2 data or provider error. */
    static CommandLine commandLine() {
        return commandLine(new MinerwatchCommand());
    }

    static CommandLine commandLine(MinerwatchCommand command) {
        CommandLine root = new CommandLine(command);
        // Every command documents the exit codes; those without their own list get the common one.
        for (CommandLine sub : root.getSubcommands().values()) {
            var usage = sub.getCommandSpec().usageMessage();
            if (usage.exitCodeList().isEmpty()) {
                usage.exitCodeListHeading("%nExit codes:%n").exitCodeList(EXIT_CODES);
            }
        }
        return root.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            // One line that says what went wrong; the stack trace only on request.
            commandLine.getErr().println("minerwatch " + commandLine.getCommandName() + ": " + error.getMessage());
            if (System.getenv("MINERWATCH_DEBUG") != null) {
                error.printStackTrace(commandLine.getErr());
            }
            return 2;
        });
    }
}
