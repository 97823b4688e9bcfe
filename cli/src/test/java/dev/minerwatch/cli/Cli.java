package dev.minerwatch.cli;

import dev.minerwatch.localaws.RepositoryLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process, as {@code ./minerwatch} would, capturing what it prints. */
final class Cli {

    record Result(int exitCode, String out, String err) {}

    private Cli() {}

    /** A copy of the repository's recorded provider answers in {@code into}, for a test to drift one of them. */
    static Path copyOfRecordedProviders(Path into) throws IOException {
        Path source = RepositoryLayout.recordedProviders();
        try (var files = Files.walk(source)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = into.resolve(source.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return into;
    }

    static Result minerwatch(String... args) {
        return minerwatch(System.getenv(), args);
    }

    /** With {@code env} in place of the process environment. */
    static Result minerwatch(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MinerwatchCommand.commandLine(new MinerwatchCommand(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }
}
