package dev.minerwatch.cli;

import dev.minerwatch.collect.CollectionReport;
import dev.minerwatch.series.SeriesId;
import java.io.PrintWriter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch backfill --days N}: loads history so that 60- and 180-day rules work from the first day. */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Loads the last N days of hashrate, difficulty, fees per block, BTC and ETH prices and ETF flows,",
            "then derives the hashprice and production cost of every day with a price and a difficulty (without fee "
                    + "data the hashprice counts the subsidy alone: a lower bound, said in the point's provenance). "
                    + "What the collectors derived from a day's own readings is kept.",
            "Idempotent and resumable: days already stored final are skipped."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every series loaded", "1:usage error", "2:a source failed (the others were loaded)"})
final class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--days", required = true, description = "How many days back (1 to 1095).")
    int days;

    @Mixin
    LocalOptions.WithProviders options = new LocalOptions.WithProviders();

    @Override
    public Integer call() {
        if (days < 1 || days > 1095) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(),
                    "--days " + days + " must be between 1 and 1095 (mempool.space's longest period is 3 years)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err);
        try (LocalEnvironment local = options.start(Map.of())) {
            local.description().forEach(line -> out.println("  " + line));
            out.flush();
            CollectionReport report = local.minerwatch()
                    .backfill()
                    .run(
                            days,
                            "backfill-" + UUID.randomUUID(),
                            (series, written, toWrite) -> bar.update(series.id(), written, toWrite));
            Map<SeriesId, Long> counts = report.stored().stream()
                    .collect(Collectors.groupingBy(CollectionReport.Stored::series, Collectors.counting()));
            counts.forEach((series, count) -> out.printf("  loaded    %-20s %d days%n", series, count));
            report.failed()
                    .forEach(f -> out.printf("  FAILED    %-20s %s%n", f.series(), String.join("; ", f.errors())));
            report.warnings().forEach(w -> out.println("  warning   " + w));
            out.flush();
            return report.failed().isEmpty() ? 0 : 2;
        }
    }
}
