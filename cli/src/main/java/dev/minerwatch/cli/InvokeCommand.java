package dev.minerwatch.cli;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.localaws.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code minerwatch invoke FUNCTION --event FILE}: runs the handler that template.yaml names for a function,
 * in-process, as {@code sam local invoke} would (the template's environment, a Lambda-like context with its
 * memory and timeout), against the local store or whatever the AWS endpoint variables point at.
 */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Runs one function of template.yaml in-process, as sam local invoke would, without Docker.",
            "The response goes to standard output; the function's log and printed notifications to standard error."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the function returned",
            "1:usage error (unknown function, unreadable event)",
            "2:the function failed"
        })
final class InvokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    MinerwatchCommand parent;

    @Parameters(
            index = "0",
            paramLabel = "FUNCTION",
            description = "The function's logical id in template.yaml, " + "such as MarketCollectorFunction.")
    String function;

    @Option(
            names = {"-e", "--event"},
            paramLabel = "FILE",
            description = "The event to invoke with (default: the function's file in events/, such as "
                    + "events/market-collector.json).")
    Path event;

    @Option(
            names = "--template",
            paramLabel = "FILE",
            description = "The SAM template (default: the repository's template.yaml).")
    Path template;

    @Mixin
    LocalOptions.WithProviders options = new LocalOptions.WithProviders();

    @Override
    public Integer call() throws Exception {
        SamTemplate sam = SamTemplate.read(
                template != null ? template : RepositoryLayout.root().resolve("template.yaml"));
        SamTemplate.Function definition = sam.function(function)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "no function " + function + " in the template; its functions are "
                                + String.join(", ", sam.functions().keySet())));
        byte[] payload = readEvent(
                event != null
                        ? event
                        : RepositoryLayout.root().resolve("events").resolve(definition.eventFile()));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        // The template's variables first; the process environment overrides them, as sam local's --env-vars do.
        Map<String, String> env = new HashMap<>(definition.environment());
        env.remove("JAVA_TOOL_OPTIONS"); // JVM flags of the Lambda runtime; this JVM is already running
        env.putAll(parent.environment());
        try (LocalEnvironment local = options.start(env, Map.of())) {
            // The handler's components, built by the composition root the Lambda uses; the store it selects is the
            // local SQLite one unless the environment names a DynamoDB table or endpoint.
            Minerwatch minerwatch = local.minerwatch(err);
            err.printf(
                    "invoking %s: %s::%s, %d MB, %d s timeout%n",
                    definition.logicalId(),
                    definition.handlerClass(),
                    definition.handlerMethod(),
                    definition.memoryMb(),
                    definition.timeoutSeconds());
            local.description().forEach(line -> err.println("  " + line));
            err.flush();
            RequestStreamHandler handler = handler(definition, minerwatch, local.clock());
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            PrintStream log = new PrintStream(new WriterStream(err), true, StandardCharsets.UTF_8);
            // In Lambda, standard output is the log (the evaluation's metric line goes there).
            System.setOut(log);
            try {
                handler.handleRequest(
                        new ByteArrayInputStream(payload),
                        response,
                        new LocalLambdaContext(
                                definition.logicalId(), definition.memoryMb(), definition.timeoutSeconds(), log));
            } finally {
                System.setOut(stdout);
            }
            out.println(Json.writePretty(Json.parse(response.toByteArray())));
            out.flush();
            return 0;
        }
    }

    private byte[] readEvent(Path event) {
        try {
            byte[] bytes = Files.readAllBytes(event);
            Json.parse(bytes);
            return bytes;
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "--event " + event + ": no such file");
        } catch (IOException e) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--event " + event + " is not JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The handler, built as Lambda would but with this process's components: its (Minerwatch, Clock) constructor. */
    private RequestStreamHandler handler(SamTemplate.Function definition, Minerwatch minerwatch, Clock clock)
            throws ReflectiveOperationException {
        if (!definition.handlerMethod().equals("handleRequest")) {
            throw new IllegalStateException(definition.logicalId() + ": handler method " + definition.handlerMethod()
                    + " is not handleRequest");
        }
        Class<?> type = Class.forName(definition.handlerClass());
        if (!RequestStreamHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException(definition.handlerClass() + " is not a RequestStreamHandler");
        }
        try {
            return (RequestStreamHandler)
                    type.getConstructor(Minerwatch.class, Clock.class).newInstance(minerwatch, clock);
        } catch (InvocationTargetException e) {
            // The handler's own init failed (a bad setting, an unreadable key): report that, not the reflection.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /** Bytes written to System.out during the invocation, passed on to the error writer. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.print(line.toString(StandardCharsets.UTF_8));
            writer.flush();
            line.reset();
        }
    }
}
