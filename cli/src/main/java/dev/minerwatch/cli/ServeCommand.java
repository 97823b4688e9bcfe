package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch serve}: the site, live from the store, on localhost. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Serves the site live from the store until stopped (Ctrl-C): the dashboard at /, the read API under "
                    + "/api/v1/, the metrics at /metrics (OpenMetrics, for Prometheus to scrape). Read-only; anything "
                    + "outside the site is 404. Binds 127.0.0.1 unless --bind says otherwise. Mempool's retarget "
                    + "estimate is asked at most every 10 minutes.",
            "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped", "1:usage error", "2:the store could not be read or the port not bound"})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--port", paramLabel = "N", description = "The port (default ${DEFAULT-VALUE}; 0: a free one).")
    int port = 8088;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only).")
    String bind = "127.0.0.1";

    @Mixin
    SiteOptions siteOptions = new SiteOptions();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(ruleOptions.overrides())) {
            Minerwatch minerwatch = local.minerwatch();
            CountDownLatch stopped = new CountDownLatch(1);
            try (SiteServer server =
                    SiteServer.start(bind, port, () -> siteOptions.redraw(minerwatch, local.clock()), local.clock())) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-stop"));
                out.printf(
                        "serving %s (store: %s): the dashboard at %s, %sapi/v1/state.json, %smetrics; Ctrl-C stops%n",
                        server.url(), local.storeDescription(), server.url(), server.url(), server.url());
                out.flush();
                stopped.await();
            }
            return 0;
        }
    }
}
