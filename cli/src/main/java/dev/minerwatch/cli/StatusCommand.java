package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.rules.Reading;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.site.Overview;
import dev.minerwatch.sources.Provider;
import dev.minerwatch.store.RuleLedger;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch status}: how fresh each series is, and which alerts are active. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Shows each series' newest point and its age against the interval the data_stale rule expects, "
                    + "the alerts that are active (fired, not yet resolved), the notifications still in the outbox and those "
                    + "parked (refused for good by the channel after their attempts, with the error).",
            "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every series is fresh",
            "1:usage error",
            "2:a series is stale or missing, or the store cannot be read"
        })
final class StatusCommand implements Callable<Integer> {

    private static final DateTimeFormatter AS_OF =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            description =
                    "Judge the ages at this UTC instant instead of now, e.g. 2026-02-06T14:05:00Z: for a store of "
                            + "recorded or imported history, such as the demo's.")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(ruleOptions.overrides())) {
            Minerwatch minerwatch = local.minerwatch();
            Instant now = at != null ? at : local.clock().instant();
            RuleSet rules = minerwatch.rules();
            Overview overview = Overview.of(minerwatch.pointStore(), minerwatch.ruleLedger(), rules, now);

            out.println("minerwatch status at " + AS_OF.format(now));
            out.println("  store: " + local.storeDescription());
            out.printf(
                    "%n  %-21s %-11s %-22s %-18s %-22s %-22s %s%n",
                    "series", "newest day", "value", "as of", "age", "expected", "source");
            Set<String> shownSources = new TreeSet<>();
            for (Overview.SeriesFreshness freshness : overview.series()) {
                SeriesId series = freshness.series();
                Optional<DailyPoint> point = freshness.newest();
                Optional<Reading> reading = freshness.freshness();
                boolean stale = freshness.stale();
                out.printf(
                        "  %-21s %-11s %-22s %-18s %-22s %-22s %s%n",
                        series.id(),
                        point.map(p -> p.day().toString()).orElse("-"),
                        point.map(p -> compact(series, p.value())).orElse("none stored"),
                        point.map(p -> AS_OF.format(p.asOf())).orElse("-"),
                        reading.map(r -> age(r) + (stale ? "  STALE" : ""))
                                .orElse(freshness
                                        .age(now)
                                        .map(StatusCommand::age)
                                        .orElse("-")),
                        reading.map(r -> limit(r)).orElse("(not watched)"),
                        point.map(p -> String.join(",", p.sources())).orElse("-"));
                point.ifPresent(p -> shownSources.addAll(p.sources()));
            }
            Provider.attribution(shownSources).ifPresent(attribution -> out.printf("  %s%n", attribution));

            if (overview.series().stream().allMatch(s -> s.newest().isEmpty())) {
                out.printf("%n%s%n", LocalEnvironment.holdsNoPoints(local.storeDescription()));
            }
            out.printf("%nactive alerts: %d%n", overview.active().size());
            for (RuleState state : overview.active()) {
                String ruleId = state.key().split("/")[0];
                Optional<Rule> rule = rules.rules().stream()
                        .filter(r -> r.id().equals(ruleId))
                        .findFirst();
                out.printf(
                        "  %-34s %-9s since %s  %s%n",
                        state.key(),
                        rule.map(r -> r.severity().id()).orElse("?"),
                        state.lastEventDay(),
                        rule.map(r -> r.title()).orElse("(no longer in the rules)"));
                RuleLedger.Acknowledgement ack = overview.acknowledged().get(state.key());
                if (ack != null) {
                    out.printf("    acknowledged by %s at %s: %s%n", ack.by(), ack.at(), ack.reason());
                }
            }
            out.printf(
                    "notifications waiting in the outbox: %d (%d of them held by a silence)%n",
                    overview.waiting(), overview.held());
            List<String> inForce = overview.silences().stream()
                    .map(silence -> silence.ruleId() + " until " + silence.endsAt() + " (" + silence.id() + ")")
                    .toList();
            out.println("silences in force: " + (inForce.isEmpty() ? "none" : String.join(", ", inForce)));
            out.printf(
                    "notifications parked (refused for good by the channel, never delivered): %d%n",
                    overview.parked().size());
            for (RuleLedger.HistoryEntry entry : overview.parked()) {
                out.printf("  %-52s %s%n", entry.event().key(), entry.error());
            }
            boolean fresh = overview.fresh();
            out.flush();
            return fresh ? 0 : 2;
        }
    }

    /** A figure in few characters: {@code $30.99/PH/day}, {@code $86,979.91}, {@code 915.85 EH/s}, {@code 0.025 BTC}. */
    static String compact(SeriesId series, double value) {
        return series.unit().startsWith("USD")
                ? Amounts.format(value, "USD")
                        + series.unit()
                                .substring(3)
                                .replace(" per PH/s per day", "/PH/day")
                                .replace(" per BTC", "")
                : Amounts.plain(value) + (series == SeriesId.DIFFICULTY ? "" : " " + series.unit());
    }

    private static String age(Reading reading) {
        return reading.unit().equals("hours") ? hours(reading.value()) : count(reading.value(), "session");
    }

    private static String limit(Reading reading) {
        return "at most "
                + (reading.unit().equals("hours")
                        ? hours(reading.threshold())
                        : count(reading.threshold(), "session") + " behind");
    }

    private static String age(Duration age) {
        return hours(age.toMillis() / 3_600_000.0);
    }

    /** An age in hours or days; one observed a moment after the instant asked about (--at) reads as none. */
    private static String hours(double hours) {
        hours = Math.max(0, hours);
        return hours < 48
                ? String.format(Locale.ROOT, "%.1f h", hours)
                : String.format(Locale.ROOT, "%.0f days", hours / 24);
    }

    private static String count(double n, String noun) {
        long whole = Math.round(n);
        return whole + " " + noun + (whole == 1 ? "" : "s");
    }
}
