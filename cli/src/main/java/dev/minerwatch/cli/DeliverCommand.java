package dev.minerwatch.cli;

import dev.minerwatch.alerts.AlertEvaluator.EvaluationReport;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code minerwatch deliver}: what every evaluation does after deciding, without deciding; at {@code --at}, every
 * timing of the alert lifecycle can be tried from the command line.
 */
@Command(
        name = "deliver",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Does what every evaluation does after deciding, without evaluating: delivers what waits in the outbox "
                    + "(reminders and acknowledgements a failed run left, alerts whose silence has ended), escalates "
                    + "the unacknowledged alerts whose rule says so, and releases what the channels' quiet hours "
                    + "held, as one message per channel, once they have ended. `run` does all of it too.",
            "--at does it at another instant (the store's clock): for instance the morning after a night of quiet hours."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:delivered (or nothing was due)",
            "1:usage error",
            "2:something due could not be delivered (it stays queued for the next run)"
        })
final class DeliverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Option(names = "--topic-arn", description = "Publish to this SNS topic instead of the console.")
    String topicArn;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "Deliver as at this instant instead of now, such as 2026-02-06T07:00:00Z.")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> overrides = new HashMap<>();
        if (topicArn != null) {
            overrides.put(Settings.TOPIC_ARN, topicArn);
        }
        try (LocalEnvironment local = options.start(overrides)) {
            Clock clock = at == null ? local.clock() : Clock.fixed(at, ZoneOffset.UTC);
            try (Minerwatch minerwatch = new Minerwatch(local.settings(), clock, out)) {
                EvaluationReport report = minerwatch
                        .alertEvaluator()
                        .deliver(new ScheduledInvocation(clock.instant(), "cli-deliver-" + UUID.randomUUID()));
                print(
                        out,
                        "delivered",
                        report.delivered().stream()
                                .map(d -> d.eventKey() + " (" + d.messageId() + ")")
                                .toList());
                print(out, "released", report.released());
                print(out, "silenced", report.silenced());
                print(out, "parked", report.parked());
                print(out, "UNDELIVERED", report.deliveryFailures());
                List<String> channelFailures = new java.util.ArrayList<>(minerwatch.channelFailures());
                // A release that failed stays held for the next run; this run says it failed.
                report.released().stream()
                        .filter(line -> line.contains(": FAILED") || line.startsWith("FAILED"))
                        .filter(line -> channelFailures.stream().noneMatch(line::contains))
                        .forEach(channelFailures::add);
                print(out, "CHANNEL", channelFailures);
                out.printf(
                        "  deliver at %s: %d delivered, %d released, %d failed%n",
                        clock.instant(),
                        report.delivered().size(),
                        report.released().size(),
                        report.deliveryFailures().size() + channelFailures.size());
                out.flush();
                return report.deliveryFailures().isEmpty() && channelFailures.isEmpty() ? 0 : 2;
            }
        }
    }

    private static void print(PrintWriter out, String label, List<String> lines) {
        lines.forEach(line -> out.println("  " + label + " " + line));
    }
}
