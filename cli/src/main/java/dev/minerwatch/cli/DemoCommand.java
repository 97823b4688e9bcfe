package dev.minerwatch.cli;

import dev.minerwatch.alerts.AlertEvaluator.EvaluationReport;
import dev.minerwatch.alerts.digest.DigestPublisher;
import dev.minerwatch.alerts.subscribers.Subscriber;
import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.CollectionReport;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.report.ChartReport;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.sources.http.Deadline;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code minerwatch demo}: the week the project was born from, 27 January to 6 February 2026, through the real
 * pipeline: recorded provider answers served over HTTP to the real source clients, the local SQLite store,
 * the real rule engine and outbox, notifications printed as subscribers would receive them.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Replays 27 January - 6 February 2026 through the real pipeline, with no network and no AWS "
                    + "account: loads 180 days of history (backfill), then runs one scheduled cycle per day (collect, "
                    + "store, evaluate, notify) on the providers' recorded answers of that day (events/demo/).",
            "Prints each notification as an email and an SMS subscriber would receive it, then where the data "
                    + "and the chart were written. Starts from an empty store in --out each time."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the week ran and every alert was delivered",
            "1:usage error",
            "2:a source failed or an alert could not be delivered"
        })
final class DemoCommand implements Callable<Integer> {

    /** The demo's subscribers: an email with the defaults, a phone that hears critical alerts (fictional numbers). */
    static final List<Subscriber> DEMO_SUBSCRIBERS = List.of(
            Subscriber.email("ops@example.com", List.of(), null, null),
            Subscriber.sms("+15555550100", List.of(), null));

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm 'UTC'", Locale.ENGLISH);
    private static final int HISTORY_DAYS = 180;
    private static final int CHART_DAYS = 120;
    /** The demo's own fleet, a breakeven rule, beside the default rules. */
    static final String FLEET_RULES = "fleet-rules.json";

    @Spec
    CommandSpec spec;

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(
            names = "--out",
            defaultValue = ".minerwatch/demo",
            paramLabel = "DIR",
            description = "Where the demo's store, CSV and chart go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = new ProgressBar(err);
        Path days = RepositoryLayout.demoRecordings();
        List<Path> dayFolders = dayFolders(days);
        Path store = out.resolve("store");
        deleteStore(store);
        // The chart comes last; its fonts and classes load on the second core meanwhile.
        Thread.ofPlatform().daemon().name("chart-warm-up").start(ChartReport::warmUp);

        // Without --rules, the default rules and one fleet of the operator's own (events/demo/fleet-rules.json).
        Map<String, String> rules = ruleOptions.overrides().isEmpty()
                ? Map.of(Settings.RULES_FILE, days.resolve(FLEET_RULES).toString())
                : ruleOptions.overrides();
        // The process environment is left out: the demo never reaches a real account or provider.
        try (LocalEnvironment local =
                LocalEnvironment.start(Map.of(), store, Optional.of(days.resolve("backfill")), rules, err)) {
            Minerwatch minerwatch = local.minerwatch(console);
            console.printf(
                    "minerwatch demo: %s to %s, replayed through the real pipeline%n",
                    dayOf(dayFolders.get(0)), dayOf(dayFolders.get(dayFolders.size() - 1)));
            console.println("  store: " + local.storeDescription());
            console.println(
                    "  providers: recorded answers in " + days + ", served over HTTP to the real source clients");
            console.println("  notifications: console, as an email and an SMS subscriber would receive them");
            // Two subscribers, as ./minerwatch subscribe records them without a topic: each message says which of
            // them it would reach.
            Subscribers subscribers = Subscribers.inStore(minerwatch.storage().subscribers(), local.clock());
            for (Subscriber subscriber : DEMO_SUBSCRIBERS) {
                subscribers.subscribe(subscriber);
                console.println("  subscriber: " + subscriber.masked() + " ("
                        + subscriber.protocol().id() + "): " + subscriber.describe());
            }
            console.printf("%nloading %d days of history (backfill)...%n", HISTORY_DAYS);
            console.flush();
            CollectionReport history = minerwatch
                    .backfill()
                    .run(
                            HISTORY_DAYS,
                            "demo-backfill",
                            (series, written, toWrite) -> bar.update(series.id(), written, toWrite));
            boolean complete = printFailures(console, history);

            int alerts = 0;
            Instant lastCycle = null;
            Path lastFolder = dayFolders.get(dayFolders.size() - 1);
            for (Path folder : dayFolders) {
                Instant at = local.replayFrom(folder);
                lastCycle = at;
                ScheduledInvocation invocation = new ScheduledInvocation(at, "demo-" + dayOf(folder));
                List<CollectionReport> reports = ScheduledCollection.collect(minerwatch, invocation);
                console.printf("%n━━ %s ━━ %s%n", DAY.format(at.atOffset(ZoneOffset.UTC)), headline(reports));
                for (CollectionReport report : reports) {
                    complete &= printFailures(console, report);
                }
                console.flush();
                EvaluationReport evaluated = minerwatch.alertEvaluator().evaluate(invocation);
                evaluated.deliveryFailures().forEach(f -> console.println("  UNDELIVERED " + f));
                complete &= evaluated.deliveryFailures().isEmpty();
                alerts += evaluated.delivered().size();
            }
            console.printf("%n━━ the digest of %s, as the DigestFunction sends it once a day ━━%n", dayOf(lastFolder));
            console.flush();
            DigestPublisher.Report digest = minerwatch
                    .digestPublisher()
                    .publish(
                            new ScheduledInvocation(lastCycle, "demo-digest"),
                            Deadline.in(DigestCommand.PROVIDER_BUDGET));
            digest.deliveryFailures().forEach(f -> console.println("  UNDELIVERED " + f));
            complete &= digest.deliveryFailures().isEmpty();
            console.printf("%n%d notifications over %d days, and the digest.%n", alerts, dayFolders.size());
            History stored = History.complete(HistoryInput.stored(minerwatch));
            Path csv = out.resolve("daily-points.csv");
            try (Writer file = Files.newBufferedWriter(csv)) {
                HistoryInput.writeStored(file, minerwatch, null, null);
            }
            List<Path> chart = ReportCommand.write(
                    stored,
                    minerwatch.rules(),
                    null,
                    null,
                    CHART_DAYS,
                    out,
                    "minerwatch demo: 27 January - 6 February 2026");
            Path site = out.resolve("site");
            minerwatch
                    .site(lastCycle, Deadline.in(DigestCommand.PROVIDER_BUDGET))
                    .writeTo(site);
            console.println("  data:  " + local.storeDescription());
            console.println("         " + csv.toAbsolutePath().normalize() + " (daily-points CSV)");
            console.println("  chart: " + chart.get(0));
            console.println("         " + chart.get(1));
            console.println(
                    "  site:  " + site.resolve("index.html").toAbsolutePath().normalize());
            console.println("  next, on the demo's store:");
            nextCommands(store, lastCycle, days.resolve(FLEET_RULES), lastFolder)
                    .forEach(command -> console.println("    " + command));
            console.println("  look at it in a browser (Ctrl-C stops it):");
            console.println("    ./minerwatch serve --data-dir " + store + " --rules " + days.resolve(FLEET_RULES)
                    + " --at " + lastCycle);
            console.println("    then open http://127.0.0.1:8088/");
            console.flush();
            return complete ? 0 : 2;
        }
    }

    /** Commands to run next on the demo's store, printed so that each works as it stands (DemoCommandIT runs them). */
    static List<String> nextCommands(Path store, Instant lastCycle, Path fleetRules, Path lastDay) {
        String dataDir = " --data-dir " + store;
        return List.of(
                "./minerwatch status" + dataDir + " --at " + lastCycle,
                "./minerwatch digest" + dataDir + " --rules " + fleetRules + " --recorded " + lastDay,
                "./minerwatch breakeven" + dataDir + " --rules " + fleetRules + " --rule fleet_s19xp",
                "./minerwatch alerts" + dataDir,
                "./minerwatch replay" + dataDir,
                "./minerwatch export" + dataDir + " --from 2026-01-27",
                "./minerwatch report" + dataDir + " --out " + store.resolveSibling("report"));
    }

    /** The day's figures on one line: price, cost, hashprice, hashrate and the newest ETF session. */
    private static String headline(List<CollectionReport> reports) {
        Map<SeriesId, CollectionReport.Stored> newest = new EnumMap<>(SeriesId.class);
        reports.stream()
                .flatMap(r -> r.stored().stream())
                .forEach(s -> newest.merge(s.series(), s, (a, b) -> a.day().isAfter(b.day()) ? a : b));
        List<String> parts = new ArrayList<>();
        figure(newest, SeriesId.BTC_USD, "BTC ").ifPresent(parts::add);
        figure(newest, SeriesId.PRODUCTION_COST_USD, "cost ").ifPresent(parts::add);
        figure(newest, SeriesId.HASHPRICE_USD_PH_DAY, "hashprice ").ifPresent(parts::add);
        figure(newest, SeriesId.HASHRATE_EHS, "hashrate ").ifPresent(parts::add);
        Optional.ofNullable(newest.get(SeriesId.ETF_NET_FLOW_USD))
                .ifPresent(etf -> parts.add("ETF flow "
                        + etf.day().format(DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH)) + " "
                        + (etf.value() > 0 ? "+" : "") + Amounts.format(etf.value(), "USD")));
        return String.join(" · ", parts);
    }

    private static Optional<String> figure(
            Map<SeriesId, CollectionReport.Stored> newest, SeriesId series, String label) {
        return Optional.ofNullable(newest.get(series)).map(s -> label + StatusCommand.compact(series, s.value()));
    }

    private static boolean printFailures(PrintWriter console, CollectionReport report) {
        report.failed().forEach(f -> console.printf("  FAILED %s: %s%n", f.series(), String.join("; ", f.errors())));
        return report.failed().isEmpty();
    }

    private static List<Path> dayFolders(Path days) throws IOException {
        if (!Files.isDirectory(days.resolve("backfill"))) {
            throw new IllegalArgumentException("no demo recordings at " + days.toAbsolutePath()
                    + " (expected backfill/ and one folder per day); run from a clone of the repository");
        }
        try (Stream<Path> entries = Files.list(days)) {
            return entries.filter(p -> p.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}"))
                    .sorted(Comparator.comparing(Path::getFileName))
                    .toList();
        }
    }

    private static LocalDate dayOf(Path folder) {
        return LocalDate.parse(folder.getFileName().toString());
    }

    /** The demo's own store starts over each time; nothing else in --out is touched. */
    private static void deleteStore(Path store) throws IOException {
        if (Files.isDirectory(store)) {
            try (Stream<Path> files = Files.walk(store)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
