package dev.minerwatch.cli;

import dev.minerwatch.alerts.digest.DigestPublisher;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import dev.minerwatch.sources.http.Deadline;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch digest}: the day's summary from the store; with {@code --publish}, sent once, as the function does. */
@Command(
        name = "digest",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Prints the day's digest from the store: BTC against the production cost, hashprice and its 7-day change, "
                    + "hashrate, difficulty and mempool's estimate of the next retarget, the last ETF session and the "
                    + "5-session sum, each breakeven rule's margin, every rule's state and each series' freshness.",
            "--publish records it and delivers it as the DigestFunction does: once per day (in DIGEST_TIMEZONE or "
                    + "--timezone), whatever the retries; to the console, or to SNS with --topic-arn."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:printed (or published, or published already today)",
            "1:usage error",
            "2:the store could not be read, or the digest could not be delivered (it stays queued)"
        })
final class DigestCommand implements Callable<Integer> {

    /** The digest's one provider call, the next retarget: without it the digest says so and goes out anyway. */
    static final Duration PROVIDER_BUDGET = Duration.ofSeconds(15);

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions.WithProviders options = new LocalOptions.WithProviders();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--publish", description = "Record and deliver the digest (once per day) instead of printing it.")
    boolean publish;

    @Option(names = "--topic-arn", description = "With --publish: publish to this SNS topic instead of the console.")
    String topicArn;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            description = "The time zone the digest's day is counted in (default: DIGEST_TIMEZONE, or UTC).")
    String timezone;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> overrides = new HashMap<>(ruleOptions.overrides());
        if (topicArn != null) {
            overrides.put(Settings.TOPIC_ARN, topicArn);
        }
        if (timezone != null) {
            overrides.put(Settings.DIGEST_TIMEZONE, timezone);
        }
        try (LocalEnvironment local = options.start(overrides)) {
            Minerwatch minerwatch = local.minerwatch(out);
            DigestPublisher publisher = minerwatch.digestPublisher();
            ScheduledInvocation invocation =
                    new ScheduledInvocation(local.clock().instant(), "cli-" + UUID.randomUUID());
            if (!publish) {
                out.println(publisher.preview(invocation.scheduledTime(), Deadline.in(PROVIDER_BUDGET)));
                out.flush();
                return 0;
            }
            DigestPublisher.Report report = publisher.publish(invocation, Deadline.in(PROVIDER_BUDGET));
            report.skipped().forEach(s -> out.println("  skipped   " + s));
            out.printf(
                    "  digest of %s: %s, %d delivered, %d failed%n",
                    report.day(),
                    report.recorded() != null ? "recorded" : "not recorded again",
                    report.delivered().size(),
                    report.deliveryFailures().size());
            report.deliveryFailures().forEach(f -> out.println("  UNDELIVERED " + f));
            out.flush();
            return report.deliveryFailures().isEmpty() ? 0 : 2;
        }
    }
}
