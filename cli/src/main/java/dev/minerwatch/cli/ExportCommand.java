package dev.minerwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code minerwatch export}: the stored daily points as the daily-points CSV that {@code import} reads. */
@Command(name = "export", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = 1, exitCodeOnExecutionException = 2,
        description = {"Prints the stored daily points as CSV (header: date, then one column per series).",
                "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."})
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Option(names = "--from", description = "First date (default: the first stored).")
    LocalDate from;

    @Option(names = "--to", description = "Last date (default: the last stored).")
    LocalDate to;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(Map.of())) {
            HistoryInput.writeStored(out, local.minerwatch(), from, to);
            return 0;
        }
    }
}
