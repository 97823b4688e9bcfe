package dev.minerwatch.cli;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.Acknowledgement;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minerwatch ack EVENT_ID}: someone has seen an alert and is on it. */
@Command(
        name = "ack",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Acknowledges an active alert: someone has seen it and is on it. The rule sends no reminder (remind_every) "
                    + "until it resolves; if it fires again later, that is a new alert, not acknowledged. The channels "
                    + "that heard the alert are told once, with the next evaluation: \"<title> acknowledged by <by>: "
                    + "<reason>\". Acknowledging again changes nothing and says who did it first.",
            "EVENT_ID is an event's id as messages carry it (event_id) and alerts lists it: a FIRED or REMINDER event "
                    + "of a rule that is still active.",
            "Kept in the same store as the alerts: the local SQLite store in --data-dir, or the AWS table when AWS "
                    + "settings point there (the Lambda functions honour it then)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:acknowledged, or acknowledged already",
            "1:usage error, or nothing to acknowledge (an unknown event, one that is no FIRED or REMINDER, an alert "
                    + "that has resolved)",
            "2:the store failed"
        })
final class AckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Parameters(
            index = "0",
            paramLabel = "EVENT_ID",
            description = "The event to acknowledge, such as 2026-02-05#price_below_production_cost#1 "
                    + "(see: minerwatch alerts).")
    String eventId;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why, or what is being done.")
    String reason;

    @Option(
            names = "--by",
            paramLabel = "NAME",
            defaultValue = "${sys:user.name}",
            description = "Who acknowledges it (default: ${DEFAULT-VALUE}, the account's user name).")
    String by;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "Acknowledge at this instant instead of now: for a store of recorded history, such as the "
                    + "demo's.")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--reason must say why");
        }
        if (by == null || by.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--by must name who acknowledges");
        }
        try (LocalEnvironment local = options.start(Map.of())) {
            RuleLedger ledger = local.minerwatch().ruleLedger();
            RuleLedger.AckTarget target = ledger.ackTarget(eventId);
            if (target.event().isEmpty()) {
                return refuse(
                        err,
                        "no event '" + eventId + "' in the alert history of " + local.storeDescription()
                                + " (see: minerwatch alerts)");
            }
            AlertEvent event = target.event().get();
            if (!target.isAlert()) {
                return refuse(
                        err,
                        eventId + " is a " + event.kind() + " event; only an alert that fired (its FIRED "
                                + "event or a REMINDER) is acknowledged");
            }
            if (!target.holds()) {
                boolean firedAgain = target.state().filter(RuleState::active).isPresent();
                return refuse(
                        err,
                        eventId + " has resolved already"
                                + target.resolution()
                                        .map(r -> " (" + r.key() + ", " + r.day() + ")")
                                        .orElse("")
                                + ": nothing to acknowledge"
                                + (firedAgain
                                        ? "; " + event.stateKey()
                                                + " fired again since, an alert of its own: see minerwatch " + "alerts"
                                        : ""));
            }
            RuleState state = target.state().orElseThrow();
            Instant now = (at != null ? at : local.clock().instant()).truncatedTo(ChronoUnit.SECONDS);
            Acknowledgement acknowledgement = Acknowledgement.of(event, state, by.strip(), now, reason.strip());
            Optional<Acknowledgement> earlier =
                    target.earlier().or(() -> ledger.acknowledge(acknowledgement, acknowledgement.notice(event)));
            if (earlier.isPresent()) {
                Acknowledgement first = earlier.get();
                out.println("already acknowledged by " + first.by() + " at " + first.at() + ": " + first.reason() + " ("
                        + first.eventKey() + "); nothing changed");
            } else {
                out.println("acknowledged " + eventId + " by " + acknowledgement.by() + " at " + now + ": "
                        + acknowledgement.reason());
                out.println("  no reminder until it resolves; the channels that heard it are told once, with the next "
                        + "evaluation (event " + acknowledgement.notice(event).key() + ")");
            }
            out.flush();
            return 0;
        }
    }

    private static int refuse(PrintWriter err, String why) {
        err.println("minerwatch ack: " + why);
        err.flush();
        return 1;
    }
}
