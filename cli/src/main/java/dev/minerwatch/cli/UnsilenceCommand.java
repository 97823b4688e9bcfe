package dev.minerwatch.cli;

import dev.minerwatch.rules.Silence;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minerwatch unsilence ID}: end a silence now. */
@Command(
        name = "unsilence",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Ends a silence now. The next evaluation notifies, once, an event the silence held that is still "
                    + "active; the silence itself stays listed (silences --all) for 30 days."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ended (or had ended already)",
            "1:usage error",
            "2:no silence of that id, or the store failed"
        })
final class UnsilenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Parameters(index = "0", paramLabel = "ID", description = "The silence's id, as silence and silences print it.")
    String id;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "End it at this instant instead of now: for a store of recorded history.")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(Map.of())) {
            Instant now = at != null ? at : local.clock().instant();
            Optional<Silence> ended = local.minerwatch().silences().end(id, now);
            if (ended.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("no silence '" + id + "' (./minerwatch silences --all lists them)");
                err.flush();
                return 2;
            }
            Silence silence = ended.get();
            out.println("ended " + silence.id() + " (" + silence.ruleId() + "): it holds notifications until "
                    + silence.endsAt() + ", no longer");
            out.flush();
            return 0;
        }
    }
}
