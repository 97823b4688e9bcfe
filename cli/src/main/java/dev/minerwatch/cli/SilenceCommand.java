package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.Silence;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minerwatch silence RULE}: hold a rule's notifications for a while. */
@Command(
        name = "silence",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Silences a rule for a while: it is still evaluated and its events are recorded in the alert history "
                    + "(marked SILENCED), but nobody is notified, on any channel. When the silence ends (or is "
                    + "ended with unsilence), an event of the rule that is still active is notified once; one that "
                    + "resolved meanwhile is not.",
            "Kept in the same store as the alerts: the local SQLite store in --data-dir, or the AWS table when AWS "
                    + "settings point there (the Lambda functions honour it then)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:silenced",
            "1:usage error (an unknown rule, a duration or instant that cannot be read, a silence longer than 30 days "
                    + "without --force, one that ends before it begins or begins before 2009)",
            "2:the store failed"
        })
final class SilenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Parameters(
            index = "0",
            paramLabel = "RULE",
            description = "The id of the rule to silence (see: minerwatch rules).")
    String ruleId;

    @ArgGroup(multiplicity = "1")
    End end;

    static final class End {
        @Option(
                names = "--for",
                paramLabel = "DURATION",
                converter = DurationText.class,
                description = "How long: 30m, 4h, 2d, 1w, or ISO-8601 (PT4H).")
        Duration lasting;

        @Option(
                names = "--until",
                paramLabel = "INSTANT",
                converter = InstantText.class,
                description = "Until when: 2026-12-03T10:00:00Z, with an offset, or a date (its start in UTC).")
        Instant until;
    }

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, for whoever reads it later.")
    String reason;

    @Option(
            names = "--by",
            paramLabel = "NAME",
            defaultValue = "${sys:user.name}",
            description = "Who silences it (default: ${DEFAULT-VALUE}, the account's user name).")
    String by;

    @Option(
            names = "--force",
            description = "Allow a silence longer than 30 days (a critical alert held that long is one nobody sees).")
    boolean force;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "Start at this instant instead of now: for a store of recorded history, such as the demo's.")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(ruleOptions.overrides())) {
            RuleSet rules = Minerwatch.rulesOf(local.settings());
            List<String> ids = rules.rules().stream().map(Rule::id).toList();
            if (!ids.contains(ruleId)) {
                throw new ParameterException(
                        spec.commandLine(), "no rule '" + ruleId + "' to silence; the rules are: " + ids);
            }
            // To the second: what people type and read.
            Instant now = (at != null ? at : local.clock().instant()).truncatedTo(ChronoUnit.SECONDS);
            Instant endsAt = end.until != null ? end.until : now.plus(end.lasting);
            if (!endsAt.isAfter(now)) {
                throw new ParameterException(
                        spec.commandLine(), "--until " + endsAt + " is not after now (" + now + ")");
            }
            if (reason.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--reason must say why");
            }
            Silence silence;
            try {
                silence = force
                        ? Silence.longerThanAMonth(ruleId, now, endsAt, reason.strip(), by)
                        : Silence.of(ruleId, now, endsAt, reason.strip(), by);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            local.minerwatch().silences().keep(silence);
            out.println("silenced " + ruleId + " until " + endsAt + " (" + Silences.lasting(now, endsAt) + "): "
                    + silence.id());
            out.println("  its events are recorded, marked SILENCED, and notify nobody; end it early with: "
                    + "./minerwatch unsilence " + silence.id());
            out.flush();
            return 0;
        }
    }
}
