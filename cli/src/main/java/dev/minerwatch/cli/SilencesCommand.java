package dev.minerwatch.cli;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.Silence;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch silences}: the silences in force, or all kept. */
@Command(
        name = "silences",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Lists the silences in force and scheduled, newest first; --all adds those that ended in the last 30 "
                    + "days (older ones are deleted).",
            "Reads the local SQLite store in --data-dir unless AWS settings point elsewhere."
        })
final class SilencesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions options = new LocalOptions();

    @Option(names = "--all", description = "Also the silences that have ended.")
    boolean all;

    @Option(names = "--json", description = "One JSON object per silence instead of a table.")
    boolean json;

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "Judge which are in force at this instant instead of now.")
    Instant at;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(Map.of())) {
            Instant now = at != null ? at : local.clock().instant();
            List<Silence> shown = local.minerwatch().silences().all().stream()
                    .filter(s -> now.isBefore(all ? s.expiresAt() : s.endsAt()))
                    .toList();
            if (json) {
                shown.forEach(s -> out.println(Json.write(Silences.json(s, now))));
            } else if (shown.isEmpty()) {
                out.println(all ? "no silences" : "no silence in force (--all lists those that ended)");
            } else {
                out.println(Silences.header());
                shown.forEach(s -> out.println(Silences.line(s, now)));
            }
            out.flush();
            return 0;
        }
    }
}
