package dev.minerwatch.cli;

import dev.minerwatch.store.RuleLedger;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minerwatch requeue EVENT_ID... | --all}: send parked events again, once their cause is fixed. */
@Command(
        name = "requeue",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Puts parked events (refused for good by the channel after their attempts; status lists them with the "
                    + "error) back in the outbox, once the cause is fixed: the next run delivers each, once, with "
                    + "its attempts counted afresh. An event is requeued once however often this is run."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every event named is back in the outbox (or, with --all, nothing was parked)",
            "1:usage error",
            "2:an event named is not parked, or the store failed"
        })
final class RequeueCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(paramLabel = "EVENT_ID", arity = "1..*", description = "The parked events' ids.")
        List<String> eventIds;

        @Option(names = "--all", required = true, description = "Every parked event.")
        boolean all;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (LocalEnvironment local = options.start(Map.of())) {
            RuleLedger ledger = local.minerwatch().ruleLedger();
            List<String> eventIds = which.all
                    ? ledger.parked().stream().map(entry -> entry.event().key()).toList()
                    : which.eventIds;
            if (eventIds.isEmpty()) {
                out.println("nothing is parked");
            }
            int notParked = 0;
            for (String eventId : eventIds) {
                if (ledger.requeue(eventId)) {
                    out.println("requeued " + eventId + ": the next run delivers it");
                } else {
                    notParked++;
                    err.println("not parked: " + eventId + " (./minerwatch status lists the parked events)");
                }
            }
            out.flush();
            err.flush();
            return notParked == 0 ? 0 : 2;
        }
    }
}
