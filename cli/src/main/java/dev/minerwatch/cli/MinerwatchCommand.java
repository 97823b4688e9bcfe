package dev.minerwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./minerwatch}: minerwatch on a laptop, with or without AWS. */
@Command(name = "minerwatch", mixinStandardHelpOptions = true, version = "minerwatch 0.1.0",
        description = "Alerts on Bitcoin miner economics: collect, store, evaluate, notify.",
        subcommands = {RunCommand.class})
public final class MinerwatchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new MinerwatchCommand());
    }
}
