package dev.minerwatch.cli;

import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --data-dir}: the folder of the local SQLite store, for every command that reads or writes it. */
class LocalOptions {

    @Option(names = "--data-dir", defaultValue = "${env:MINERWATCH_DATA_DIR:-.minerwatch}",
            description = "Folder of the local SQLite store, minerwatch.db (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    /** No recorded providers: the store alone. */
    Optional<Path> recordings() {
        return Optional.empty();
    }

    /** {@code --data-dir} and {@code --recorded}, for the commands that call providers. */
    static final class WithProviders extends LocalOptions {

        @Option(names = "--recorded", arity = "0..1", fallbackValue = "__default__",
                description = "Answer provider calls from recorded responses (default: the repository's events/providers) "
                        + "and run at the time they were recorded. No network needed.")
        String recorded;

        @Override
        Optional<Path> recordings() {
            return Optional.ofNullable(recorded)
                    .map(r -> r.equals("__default__") ? RepositoryLayout.recordedProviders() : Path.of(r));
        }
    }
}
