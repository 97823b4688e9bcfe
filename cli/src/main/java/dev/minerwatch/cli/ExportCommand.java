package dev.minerwatch.cli;

import dev.minerwatch.json.Json;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.store.PointStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch export}: the stored daily points as the daily-points CSV that {@code import} reads. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Prints the stored daily points as CSV (header: date, then one column per series),",
            "or with --provenance one JSON object per point: where it came from, when, whether final.",
            "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."
        })
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Option(names = "--from", description = "First date (default: the first stored).")
    LocalDate from;

    @Option(names = "--to", description = "Last date (default: the last stored).")
    LocalDate to;

    @Option(
            names = "--provenance",
            description = "One JSON object per point (series, date, value, sources, asOf, "
                    + "final, details), series by series in date order, instead of the CSV.")
    boolean provenance;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(Map.of())) {
            if (provenance) {
                writeProvenance(out, local.minerwatch().pointStore());
            } else {
                HistoryInput.writeStored(out, local.minerwatch(), from, to);
            }
            return 0;
        }
    }

    private void writeProvenance(PrintWriter out, PointStore points) throws IOException {
        LocalDate first = from != null ? from : HistoryInput.GENESIS;
        LocalDate last = to != null ? to : LocalDate.now(ZoneOffset.UTC).plusDays(1);
        for (List<DailyPoint> series : points.all(first, last).values()) {
            for (DailyPoint point : series) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("series", point.series().id());
                line.put("date", point.day().toString());
                line.put("value", point.value());
                line.put("sources", point.sources());
                line.put("asOf", point.asOf().toString());
                line.put("final", point.isFinal());
                line.put("details", point.details());
                out.println(Json.write(line));
            }
        }
    }
}
