package dev.minerwatch.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.minerwatch.site.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The site, served live from the store: each request is answered from a site drawn at most a second before, so a
 * run that stores new points or events shows at the next reload. Read-only (GET and HEAD), nothing outside the
 * site's files (404), {@code /metrics} for Prometheus.
 */
final class SiteServer implements AutoCloseable {

    /** How long a drawn site answers requests before it is drawn again. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final HttpServer server;
    private final Supplier<Site> draw;
    private final Clock clock;
    private Site site;
    private Instant drawnAt = Instant.MIN;

    private SiteServer(HttpServer server, Supplier<Site> draw, Clock clock) {
        this.server = server;
        this.draw = draw;
        this.clock = clock;
    }

    /** Serves on {@code bind}:{@code port} (0: a free port), drawing the site with {@code draw}. */
    static SiteServer start(String bind, int port, Supplier<Site> draw, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 0);
            SiteServer serving = new SiteServer(server, draw, clock);
            server.createContext("/", serving::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return serving;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port() + "/";
    }

    private synchronized Site site() {
        Instant now = clock.instant();
        if (site == null || !now.isBefore(drawnAt.plus(FRESH_FOR))) {
            site = draw.get();
            drawnAt = now;
        }
        return site;
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            exchange.getResponseHeaders().set("Content-Security-Policy", Site.CONTENT_SECURITY_POLICY);
            exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(
                        exchange,
                        405,
                        "text/plain; charset=utf-8",
                        "read-only: GET or HEAD\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Site site;
            try {
                site = site();
            } catch (RuntimeException e) {
                // A store that cannot be read says so, in the answer and on the terminal, instead of a closed
                // connection.
                System.err.println("serve: cannot draw the site: " + e.getMessage());
                send(
                        exchange,
                        500,
                        "text/plain; charset=utf-8",
                        ("cannot draw the site: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            // "/" is the front page, as a static host's index document; /metrics is where Prometheus looks.
            String file = switch (path) {
                case "/" -> "index.html";
                case "/metrics" -> "metrics.txt";
                default -> path.substring(1);
            };
            byte[] content = site.files().get(file);
            if (content == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, Site.contentType(file), content);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
