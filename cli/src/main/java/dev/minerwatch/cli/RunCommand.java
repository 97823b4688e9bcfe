package dev.minerwatch.cli;

import dev.minerwatch.alerts.AlertEvaluator.EvaluationReport;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.CollectionReport;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch run}: one scheduled cycle (collect, store, evaluate, notify), as the functions do it. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Runs one scheduled cycle: collect, store, evaluate, notify.",
            "Without AWS settings the points go to the local SQLite store in --data-dir and notifications "
                    + "are printed; with --topic-arn (or AWS_ENDPOINT_URL_SNS) they are published to SNS."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the cycle ran; every series was collected and every alert delivered, on every channel",
            "1:usage error",
            "2:a source failed, an alert could not be delivered (it stays queued), or a channel did not take a "
                    + "message or was left out for a mistake in its variables"
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions.WithProviders options = new LocalOptions.WithProviders();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--topic-arn", description = "Publish alerts to this SNS topic instead of the console.")
    String topicArn;

    @Option(
            names = "--production-cost",
            paramLabel = "USD",
            description = "Production cost per BTC for the price rule (overrides the derived cost).")
    Double productionCost;

    /** One line per series: its newest day, and how many days changed when several did. */
    private static void printStored(PrintWriter out, List<CollectionReport.Stored> stored) {
        Map<SeriesId, List<CollectionReport.Stored>> bySeries = new LinkedHashMap<>();
        stored.forEach(s ->
                bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s));
        bySeries.forEach((series, days) -> {
            CollectionReport.Stored newest = days.stream()
                    .max(Comparator.comparing(CollectionReport.Stored::day))
                    .orElseThrow();
            long changed = days.stream()
                    .filter(d -> d.change() != PointStore.Change.UNCHANGED)
                    .count();
            String change = days.size() == 1
                    ? newest.change().name().toLowerCase(Locale.ROOT)
                    : days.size() + " days from " + days.get(0).day() + ", " + changed + " changed";
            out.printf(
                    "  collected %-20s %s = %s from %s (%s)%n",
                    series, newest.day(), Amounts.plain(newest.value()), String.join(",", newest.sources()), change);
        });
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> overrides = new HashMap<>(ruleOptions.overrides());
        if (topicArn != null) {
            overrides.put(Settings.TOPIC_ARN, topicArn);
        }
        if (productionCost != null) {
            overrides.put(Settings.PRODUCTION_COST_USD, Double.toString(productionCost));
        }
        try (LocalEnvironment local = options.start(overrides)) {
            Minerwatch minerwatch = local.minerwatch(out);
            ScheduledInvocation invocation =
                    new ScheduledInvocation(local.clock().instant(), "cli-" + UUID.randomUUID());
            out.println("minerwatch run at " + invocation.scheduledTime());
            local.description().forEach(line -> out.println("  " + line));
            out.flush();

            boolean collectedAll = true;
            List<CollectionReport> reports = ScheduledCollection.collect(minerwatch, invocation);
            for (CollectionReport collected : reports) {
                printStored(out, collected.stored());
                collected
                        .failed()
                        .forEach(f -> out.printf("  FAILED    %-20s %s%n", f.series(), String.join("; ", f.errors())));
                collected.warnings().forEach(w -> out.println("  warning   " + w));
                collectedAll &= collected.failed().isEmpty();
                out.flush();
            }

            EvaluationReport evaluated = minerwatch.alertEvaluator().evaluate(invocation);
            evaluated.skipped().forEach(s -> out.println("  skipped   " + s));
            evaluated.silenced().forEach(s -> out.println("  silenced  " + s));
            evaluated.released().forEach(s -> out.println("  released  " + s));
            out.printf(
                    "  alerts: %d recorded, %d delivered, %d failed%n",
                    evaluated.recorded().size(),
                    evaluated.delivered().size(),
                    evaluated.deliveryFailures().size());
            evaluated.deliveryFailures().forEach(f -> out.println("  UNDELIVERED " + f));
            List<String> channelFailures = minerwatch.channelFailures();
            if (!channelFailures.isEmpty()) {
                out.printf("  channels: %d failed%n", channelFailures.size());
                channelFailures.forEach(f -> out.println("  CHANNEL FAILED " + f));
            }
            out.flush();
            return collectedAll && evaluated.deliveryFailures().isEmpty() && channelFailures.isEmpty() ? 0 : 2;
        }
    }
}
