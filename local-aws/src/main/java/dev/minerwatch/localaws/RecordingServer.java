package dev.minerwatch.localaws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The JDK's HTTP server on 127.0.0.1, answering like the real providers from a folder of {@link Recordings}: what
 * {@code ./minerwatch --recorded} and the demo run against, with no network and no test library on the class path.
 * A path with no recording answers 404, as a provider would for an unknown endpoint.
 */
public final class RecordingServer implements AutoCloseable {

    private final HttpServer server;
    private final LongAdder answeringNanos = new LongAdder();
    private volatile Recordings recordings;

    private RecordingServer(HttpServer server, Recordings recordings) {
        this.server = server;
        this.recordings = recordings;
    }

    /** Serves the recordings in {@code directory} (normally {@code events/providers}). */
    public static RecordingServer serve(Path directory) {
        Recordings recordings = Recordings.read(directory);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingServer recorded = new RecordingServer(server, recordings);
            server.createContext("/", recorded::answer);
            server.start();
            return recorded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the recorded-provider server on 127.0.0.1", e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            byte[] body = recordings.answers().get(exchange.getRequestURI().getPath());
            int status = body == null ? 404 : 200;
            if (body == null) {
                body = ("{\"error\":\"no recording for "
                                + exchange.getRequestURI().getPath() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            // Counted before the client can see any of the answer, so a caller that has it sees it counted.
            answeringNanos.add(System.nanoTime() - started);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * How long the server has spent answering since it started, request by request (its requests are answered one
     * at a time), each up to the answer's first byte (the recorded bodies take microseconds to write): the cold-start harness takes the part of a first invocation that was the providers' answers.
     */
    public Duration timeAnswering() {
        return Duration.ofNanos(answeringNanos.sum());
    }

    /** Answers from the recordings in another folder from now on, at the same base URLs: the next day of a replay. */
    public void switchTo(Path directory) {
        this.recordings = Recordings.read(directory);
    }

    public Instant recordedAt() {
        return recordings.recordedAt();
    }

    /** The {@code *_BASE_URL} variables pointing every provider at this server. */
    public Map<String, String> environment() {
        return Recordings.environment(root());
    }

    private URI root() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
