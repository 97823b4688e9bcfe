package dev.minerwatch.cli;

import dev.minerwatch.config.Settings;
import dev.minerwatch.history.History;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --csv FILE}, or else the store in {@code --data-dir}: the history a backtest or a report reads. */
class HistoryOptions extends LocalOptions {

    @Option(names = "--csv", paramLabel = "FILE",
            description = "A daily-points CSV (header: date, then series ids) instead of the stored history.")
    Path csv;

    /** The chosen history, with the derived series completed where it has none. */
    History read(Settings settings, Map<String, String> overrides) throws IOException {
        return History.complete(csv != null ? HistoryInput.fromCsv(csv, settings) : HistoryInput.fromStore(dataDir, overrides));
    }

    /** What was read, for messages: the file, or the store. */
    String origin() {
        return csv != null ? csv.toString() : "the stored history";
    }
}
