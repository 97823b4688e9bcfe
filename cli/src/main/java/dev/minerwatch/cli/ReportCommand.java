package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.report.ChartReport;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch report}: the history as a chart, PNG and self-contained HTML, with the alert spans shaded. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Draws the history as four panels on one time axis: BTC price against production cost, hashrate "
                    + "with its 30- and 60-day averages, hashprice, and the ETF daily flows as bars. The spans the "
                    + "alerts were active (the rules replayed over the history, no look-ahead) are shaded.",
            "Writes minerwatch-report.png and minerwatch-report.html (the chart as inline SVG and the alert "
                    + "events as a table; it needs no other file) to --out.",
            "Without --csv, draws the stored history (the local SQLite store in --data-dir unless AWS settings point "
                    + "elsewhere)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:written",
            "1:usage error",
            "2:the CSV, the rules or the store could not be read, or there is nothing to draw"
        })
final class ReportCommand implements Callable<Integer> {

    static final String PNG = "minerwatch-report.png";
    static final String HTML = "minerwatch-report.html";

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions input = new HistoryOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(
            names = "--days",
            defaultValue = "365",
            description = "Draw the last N days of the data (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--from", description = "First day to draw (overrides --days).")
    LocalDate from;

    @Option(names = "--to", description = "Last day to draw (default: the last day of the data).")
    LocalDate to;

    @Option(
            names = "--out",
            defaultValue = ".minerwatch/report",
            paramLabel = "DIR",
            description = "Folder for the PNG and the HTML page (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (days < 1) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--days " + days + " must be 1 or more");
        }
        Map<String, String> overrides = new HashMap<>(ruleOptions.overrides());
        Settings settings = Settings.of(input.environment()).with(overrides);
        History history = input.read(settings, overrides);
        if (history.span().isEmpty()) {
            throw new IllegalArgumentException(input.nothingIn("draw"));
        }
        List<Path> written = write(
                history,
                Minerwatch.rulesOf(settings),
                from,
                to,
                days,
                out,
                "minerwatch: " + (input.csv != null ? input.csv.getFileName() : "stored history"));
        PrintWriter console = spec.commandLine().getOut();
        written.forEach(file -> console.println("wrote " + file));
        console.flush();
        return 0;
    }

    /** Draws {@code history} over the chosen days into {@code folder}; the files written, PNG first. */
    static List<Path> write(
            History history, RuleSet rules, LocalDate from, LocalDate to, int days, Path folder, String title)
            throws IOException {
        Span data =
                history.span().orElseThrow(() -> new IllegalArgumentException("nothing to draw: the history is empty"));
        LocalDate last = to != null ? to : data.last();
        LocalDate first = from != null ? from : last.minusDays(days - 1L);
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("--from " + first + " is after --to " + last);
        }
        ChartReport report = ChartReport.replayed(
                history, new Span(first.isBefore(data.first()) ? data.first() : first, last), rules, title);
        Files.createDirectories(folder);
        Path png = folder.resolve(PNG).toAbsolutePath().normalize();
        Path html = folder.resolve(HTML).toAbsolutePath().normalize();
        report.writePng(png);
        report.writeHtml(html);
        return List.of(png, html);
    }
}
