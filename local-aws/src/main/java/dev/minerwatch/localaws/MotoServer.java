package dev.minerwatch.localaws;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto's stand-alone server ({@code pip install 'moto[server]'}) as a child process on a free 127.0.0.1 port.
 * One process emulates every service moto knows (DynamoDB, SNS, SQS, SSM and more) on a single endpoint.
 *
 * <p>moto's own {@code moto_server} answers requests on several threads at once, and its DynamoDB is not safe for
 * that: a transaction that fails its condition restores a copy of the table taken when it started, erasing what a
 * concurrent transaction committed meanwhile. DynamoDB applies each request atomically, so the server is started
 * through moto's Python entry point with a lock around the application (connections still served in parallel, one
 * request applied at a time); {@code moto_server} itself is the fallback when its interpreter cannot be found.
 */
public final class MotoServer implements AutoCloseable {

    static final String COMMAND = "moto_server";
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(60);
    /** moto_server's own start-up, with one lock around the WSGI application; arguments: host, port. */
    static final String SERIALIZED_SERVER = String.join(
            "\n",
            "import sys, threading",
            "from werkzeug.serving import run_simple",
            "from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app",
            "app = DomainDispatcherApplication(create_backend_app)",
            "lock = threading.Lock()",
            "def one_at_a_time(environ, start_response):",
            "    with lock:",
            "        return list(app(environ, start_response))",
            "run_simple(sys.argv[1], int(sys.argv[2]), one_at_a_time, threaded=True)");

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final boolean serialized;

    private MotoServer(Process process, URI endpoint, Path log, boolean serialized) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.serialized = serialized;
    }

    /** The {@code moto_server} executable on the PATH, if there is one. */
    public static Optional<Path> findExecutable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, COMMAND);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static MotoServer start(Path executable) {
        return start(executable, Map.of());
    }

    /**
     * With {@code environment} added to the server's: moto's own settings, such as {@code INITIAL_NO_AUTH_ACTION_COUNT},
     * after which it checks every request's signature and its IAM permissions.
     */
    public static MotoServer start(Path executable, Map<String, String> environment) {
        int port = FreePort.find();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Optional<String> python = motoPython();
        List<String> command = python.map(interpreter ->
                        List.of(interpreter, "-c", SERIALIZED_SERVER, "127.0.0.1", Integer.toString(port)))
                .orElse(List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            Path log = Files.createTempFile("moto_server-" + port + "-", ".log");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            MotoServer server = new MotoServer(process, endpoint, log, python.isPresent());
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
        }
    }

    /** The Python interpreter that has moto's server on its path ({@code python3} that imports it), if any. */
    private static Optional<String> motoPython() {
        try {
            Process probe = new ProcessBuilder(
                            "python3",
                            "-c",
                            "import moto.moto_server.werkzeug_app, werkzeug.serving, sys; print(sys.executable)")
                    .redirectErrorStream(true)
                    .start();
            String out =
                    new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0 && !out.isEmpty()
                    ? Optional.of(out.lines().reduce((first, last) -> last).orElseThrow())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void awaitReady() throws IOException {
        Instant deadline = Instant.now().plus(STARTUP_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "moto_server exited with " + process.exitValue() + "; its output: " + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection)
                        endpoint.resolve("/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto_server", e);
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within "
                + STARTUP_LIMIT.toSeconds() + " s; its output: " + Files.readString(log));
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Where it answers, and whether requests are applied one at a time. */
    public String description() {
        return "moto_server " + endpoint + (serialized ? " (one request at a time)" : " (moto's own threaded server)");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
