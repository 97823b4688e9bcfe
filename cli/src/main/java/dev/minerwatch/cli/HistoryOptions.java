package dev.minerwatch.cli;

import dev.minerwatch.config.Settings;
import dev.minerwatch.series.history.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --csv FILE}, or else the store in {@code --data-dir}: the history a backtest or a report reads. */
class HistoryOptions extends LocalOptions {

    @Option(
            names = "--csv",
            paramLabel = "FILE",
            description = "A daily-points CSV (header: date, then series ids) instead of the stored history.")
    Path csv;

    private String store;

    /** The chosen history, with the derived series completed where it has none. */
    History read(Settings settings, Map<String, String> overrides) throws IOException {
        if (csv != null) {
            return History.complete(HistoryInput.fromCsv(csv, settings));
        }
        HistoryInput.Stored stored = HistoryInput.fromStore(this, overrides);
        store = stored.store();
        return History.complete(stored.points());
    }

    /** What was read, for messages: the file, or the store (after {@link #read}). */
    String origin() {
        return csv != null ? csv.toString() : "the " + store;
    }

    /** Why there is nothing to work on, and how to have something: said of the very file or store that was read. */
    String nothingIn(String what) {
        return csv != null
                ? "nothing to " + what + ": " + csv + " has no values"
                : "nothing to " + what + ": " + LocalEnvironment.holdsNoPoints(store);
    }
}
