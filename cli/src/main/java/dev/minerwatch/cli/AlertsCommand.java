package dev.minerwatch.cli;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.store.RuleLedger;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch alerts}: the alert history, what was sent and when, newest first. */
@Command(
        name = "alerts",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Lists the alert history, newest day first: each event, its figures, and whether and when it was "
                    + "sent (PENDING events are in the outbox and go out with the next evaluation; SILENCED ones "
                    + "were held by a silence, which each names); an acknowledged alert (minerwatch ack) is followed "
                    + "by a line ACK: by whom, when, why.",
            "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."
        })
final class AlertsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Option(
            names = "--limit",
            defaultValue = "50",
            description = "At most this many events (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "One JSON object per event instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(Map.of())) {
            RuleLedger ledger = local.minerwatch().ruleLedger();
            List<RuleLedger.HistoryEntry> history = ledger.history(limit);
            Map<String, RuleLedger.Acknowledgement> acks = new HashMap<>();
            ledger.acknowledgements().forEach(ack -> acks.put(ack.eventKey(), ack));
            if (history.isEmpty() && !json) {
                out.println("no alerts yet");
            }
            for (RuleLedger.HistoryEntry entry : history) {
                AlertEvent e = entry.event();
                if (json) {
                    Map<String, Object> line = ReplayCommand.json(e);
                    line.put("key", e.key());
                    line.put("status", entry.status());
                    line.put(
                            "sentAt",
                            entry.sentAt() == null ? null : entry.sentAt().toString());
                    line.put("messageId", entry.messageId());
                    line.put("silence", entry.silenceId());
                    RuleLedger.Acknowledgement ack = acks.get(e.key());
                    if (ack != null) {
                        Map<String, Object> acknowledged = new LinkedHashMap<>();
                        acknowledged.put("by", ack.by());
                        acknowledged.put("at", ack.at().toString());
                        acknowledged.put("reason", ack.reason());
                        line.put("acknowledged", acknowledged);
                    }
                    out.println(Json.write(line));
                } else {
                    out.printf(
                            "%s  %-8s %-9s %-28s %s vs %s  %s%s%n",
                            e.day(),
                            e.kind(),
                            e.origin().severity().id(),
                            e.stateKey(),
                            Amounts.format(e.figures().value(), e.figures().unit()),
                            Amounts.format(e.figures().threshold(), e.figures().unit()),
                            entry.status(),
                            (entry.sentAt() == null ? "" : " " + entry.sentAt())
                                    + (entry.silenceId() == null ? "" : " (silence " + entry.silenceId() + ")"));
                    RuleLedger.Acknowledgement ack = acks.get(e.key());
                    if (ack != null) {
                        out.printf("            ACK by %s at %s: %s%n", ack.by(), ack.at(), ack.reason());
                    }
                }
            }
            out.flush();
            return 0;
        }
    }
}
