package dev.minerwatch.cli;

import dev.minerwatch.localaws.RepositoryLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --data-dir}: the folder of the local SQLite store, for every command that reads or writes it. */
class LocalOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "${env:MINERWATCH_DATA_DIR:-.minerwatch}",
            description = "Folder of the local SQLite store, minerwatch.db (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The environment of a command that uses these options: its store, its providers, its notices on stderr. */
    LocalEnvironment start(Map<String, String> overrides) {
        return start(environment(), overrides);
    }

    /** The same, over {@code env} in place of the command line's environment (invoke adds the template's). */
    LocalEnvironment start(Map<String, String> env, Map<String, String> overrides) {
        return LocalEnvironment.start(env, dataDir, recordings(), overrides, err());
    }

    /** The variables the command line runs with: the process environment, or a test's. */
    Map<String, String> environment() {
        return command != null && command.root().userObject() instanceof MinerwatchCommand root
                ? root.environment()
                : System.getenv();
    }

    /** The command's standard error (the process's when the options are used outside a command line). */
    PrintWriter err() {
        return command != null ? command.commandLine().getErr() : new PrintWriter(System.err, true);
    }

    /** No recorded providers: the store alone. */
    Optional<Path> recordings() {
        return Optional.empty();
    }

    /** {@code --data-dir} and {@code --recorded}, for the commands that call providers. */
    static final class WithProviders extends LocalOptions {

        @Option(
                names = "--recorded",
                arity = "0..1",
                fallbackValue = "__default__",
                description =
                        "Answer provider calls from recorded responses (default: the repository's events/providers) "
                                + "and run at the time they were recorded. No network needed.")
        String recorded;

        @Override
        Optional<Path> recordings() {
            return Optional.ofNullable(recorded)
                    .map(r -> r.equals("__default__") ? RepositoryLayout.recordedProviders() : Path.of(r));
        }
    }
}
