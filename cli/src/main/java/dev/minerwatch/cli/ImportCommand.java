package dev.minerwatch.cli;

import dev.minerwatch.collect.DerivedHistory;
import dev.minerwatch.csv.DailyPointsCsv;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minerwatch import FILE}: stores a daily-points CSV, all of it or, when any line is wrong, none of it. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Stores the daily points of a CSV (header: date, then series ids; the format export prints).",
            "The whole file is checked first, a line at a time: unknown columns, bad or repeated dates, dates "
                    + "before 2009-01-03 or after today (UTC), lines longer than " + DailyPointsCsv.MAX_LINE_CHARS
                    + " characters, values that are not numbers or out of range are each reported with their line, "
                    + "and then nothing is stored. A valid file replaces the stored points of its days and "
                    + "series (final, source csv:FILE).",
            "An optional supply_btc column is stored too: the production cost of those days is derived from "
                    + "it (otherwise from the issuance schedule), and export gives it back.",
            "Days of the file with a difficulty get the derived series the file and the store lack: "
                    + "production_cost_usd (--cost-model of the settings), and with a price hashprice_usd_ph_day, "
                    + "from fees_btc_per_block or, without fees, from the subsidy alone (a lower bound, said in "
                    + "the point's provenance). What the collectors derived from a day's own readings is kept.",
            "Writes to the local SQLite store in --data-dir unless AWS settings point elsewhere."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported", "1:usage error", "2:the file has defects (nothing stored) or cannot be read"})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Parameters(paramLabel = "FILE", description = "The daily-points CSV.")
    Path file;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err);
        try (LocalEnvironment local = options.start(Map.of())) {
            PointStore store = local.minerwatch().pointStore();
            // The whole file is read and checked, against itself and the stored points around it, and its derived
            // series computed, before anything is stored: a defective file stores nothing, a valid one all at once.
            DailyPointsCsv.Contents contents;
            try {
                contents =
                        HistoryInput.readCsv(file, LocalDate.now(local.clock().withZone(ZoneOffset.UTC)));
                DailyPointsCsv.checkAgainst(contents, file.getFileName().toString(), store);
            } catch (DailyPointsCsv.FormatException e) {
                throw new IllegalArgumentException(
                        e.getMessage() + " (nothing stored; fix the lines named and import again)");
            }
            var points = contents.points();
            var supply = contents.supplyBtc();
            TreeSet<LocalDate> days =
                    points.stream().map(DailyPoint::day).collect(Collectors.toCollection(TreeSet::new));
            days.addAll(supply.keySet());
            List<DailyPoint> derived = days.isEmpty()
                    ? List.of()
                    : DerivedHistory.toStoreWith(
                                    store,
                                    points,
                                    supply,
                                    days.first(),
                                    days.last(),
                                    ProductionCostModel.parse(
                                            local.minerwatch().settings().costModel()))
                            .stream()
                            .filter(p -> days.contains(p.day()))
                            .toList();
            List<DailyPoint> all = new ArrayList<>(points);
            all.addAll(derived);
            int total = supply.size() + all.size();
            store.putSupply(supply, written -> bar.update("import", written, total));
            // One write of the points and what is derived from them: one transaction on SQLite.
            store.putAll(all, written -> bar.update("import", supply.size() + written, total));
            out.printf(
                    "imported %d points of %s%s from %s",
                    points.size(),
                    points.stream()
                            .map(DailyPoint::series)
                            .distinct()
                            .sorted()
                            .map(SeriesId::id)
                            .collect(Collectors.joining(", ")),
                    supply.isEmpty() ? "" : " and " + supply.size() + " days of " + DailyPointsCsv.SUPPLY_COLUMN,
                    file);
            out.println(days.isEmpty() ? "" : ", " + days.first() + " to " + days.last());
            if (!days.isEmpty()) {
                Map<SeriesId, Long> counts = derived.stream()
                        .collect(Collectors.groupingBy(DailyPoint::series, TreeMap::new, Collectors.counting()));
                out.printf(
                        "derived %s%s%n",
                        counts.isEmpty()
                                ? "nothing (every day has its derived series or lacks a difficulty)"
                                : counts.entrySet().stream()
                                        .map(e -> e.getValue() + " points of " + e.getKey())
                                        .collect(Collectors.joining(" and ")),
                        DerivedHistory.lowerBounds(derived)
                                .map(note -> "; " + note)
                                .orElse(""));
            }
            out.println("  store: " + local.storeDescription());
            out.flush();
            return 0;
        }
    }
}
