package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.site.Site;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch site --out DIR}: the read API and the metrics, as files a static host serves. */
@Command(
        name = "site",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Writes what the store knows as a static site under --out: the dashboard (index.html, alerts.html, "
                    + "rules.html, a page per event under events/), the read API (api/v1/: state, events, rules, "
                    + "series, columns, and their JSON Schemas), metrics.txt (OpenMetrics), feed.xml (Atom) and "
                    + "calendar.ics (iCalendar). Nothing secret is read, so nothing secret is written.",
            "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "1:usage error", "2:the store could not be read or a file not written"})
final class SiteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write the site into.")
    Path out;

    @Mixin
    SiteOptions siteOptions = new SiteOptions();

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(ruleOptions.overrides())) {
            Minerwatch minerwatch = local.minerwatch();
            Site site = siteOptions.draw(minerwatch, local.clock());
            site.writeTo(out);
            console.printf("wrote %d files to %s (store: %s)%n", site.files().size(), out, local.storeDescription());
            console.printf("  %s/index.html             the dashboard (serve it: its charts read over HTTP)%n", out);
            console.printf("  %s/api/v1/state.json      the state now: series, rules, outbox%n", out);
            console.printf("  %s/api/v1/events.json     the alert history%n", out);
            console.printf("  %s/api/v1/rules.json      each rule and its record%n", out);
            console.printf("  %s/api/v1/series/         each series' daily points%n", out);
            console.printf("  %s/metrics.txt            OpenMetrics, for Prometheus%n", out);
            console.printf("  %s/feed.xml               the alert history, an Atom feed%n", out);
            console.printf("  %s/calendar.ics           the next retarget and halving, an iCalendar%n", out);
            console.flush();
            return 0;
        }
    }
}
