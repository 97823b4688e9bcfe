package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.site.Site;
import dev.minerwatch.sources.http.Deadline;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s server over a store a recorded run filled: the site's files, the metrics, nothing else. */
class SiteServerIT {

    private static final Instant AT = Instant.parse("2026-02-05T15:00:00Z");

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordingClock clock = new RecordingClock();
    private final AtomicInteger draws = new AtomicInteger();
    private Minerwatch minerwatch;
    private SiteServer server;

    @BeforeEach
    void serveAStoreARecordedRunFilled() {
        Path store = dir.resolve("store");
        Cli.Result run = Cli.minerwatch(
                Map.of(), "run", "--recorded", "--production-cost", "87000", "--data-dir", store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        minerwatch = new Minerwatch(Settings.of(Map.of(Settings.DATA_DIR, store.toString())), clock);
        clock.moveTo(AT);
        server = SiteServer.start(
                "127.0.0.1",
                0,
                () -> {
                    draws.incrementAndGet();
                    return minerwatch.site(AT, Deadline.in(Duration.ZERO)); // no provider is asked
                },
                clock);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        minerwatch.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReadApiAndTheMetricsAreServedWithTheirTypesOnThisMachineOnly() throws Exception {
        HttpResponse<String> state = get("api/v1/state.json");
        HttpResponse<String> metrics = get("metrics");
        HttpResponse<String> index = get("");

        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(state.statusCode()).isEqualTo(200);
        assertThat(state.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(state.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(state.body()).contains("\"apiVersion\" : \"v1\"").contains("\"id\" : \"btc_usd\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(metrics.body()).endsWith("# EOF\n");
        assertThat(index.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy")).contains(Site.CONTENT_SECURITY_POLICY);
        assertThat(Site.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(index.body()).contains("<h1>Now</h1>").contains("api/v1/series/btc_usd.json");
    }

    @Test
    void anythingOutsideTheSiteIsNotFoundAndNothingCanBeWritten() throws Exception {
        for (String path : new String[] {"nope", "api/v1/../../pom.xml", "%2e%2e/pom.xml", "api/v2/state.json"}) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(URI.create(server.url() + "api/v1/state.json"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void theSiteIsDrawnAgainOnceItIsASecondOldSoARunShowsAtTheNextReload() throws Exception {
        get("api/v1/state.json");
        get("metrics");
        int withinASecond = draws.get();
        clock.moveTo(AT.plus(SiteServer.FRESH_FOR.multipliedBy(10))); // the clock ticks on from each move
        get("api/v1/state.json");

        assertThat(withinASecond).isEqualTo(1);
        assertThat(draws.get()).isEqualTo(2);
    }

    @Test
    void serveAsksMempoolForTheRetargetAtMostEveryTenMinutesHoweverOftenThePagesAreDrawn() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        byte[] estimate = Files.readAllBytes(
                Path.of("..", "events", "providers", "mempool", "api", "v1", "difficulty-adjustment.json"));
        HttpServer mempool = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        mempool.createContext("/api/v1/difficulty-adjustment", exchange -> {
            asked.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, estimate.length);
            exchange.getResponseBody().write(estimate);
            exchange.close();
        });
        mempool.start();
        try (Minerwatch withMempool = new Minerwatch(
                Settings.of(Map.of(
                        Settings.DATA_DIR,
                        dir.resolve("store").toString(),
                        "MEMPOOL_BASE_URL",
                        "http://127.0.0.1:" + mempool.getAddress().getPort())),
                clock)) {
            SiteOptions options = new SiteOptions();
            options.at = AT;

            Site first = options.redraw(withMempool, clock);
            options.redraw(withMempool, clock);
            clock.moveTo(clock.instant().plus(SiteOptions.RETARGET_FRESH_FOR).minusSeconds(5));
            options.redraw(withMempool, clock);
            int withinTenMinutes = asked.get();
            clock.moveTo(clock.instant().plusSeconds(10));
            options.redraw(withMempool, clock);

            assertThat(first.retarget().estimate()).isNotNull();
            assertThat(new String(first.files().get("index.html"), StandardCharsets.UTF_8))
                    .contains("-11.16%");
            assertThat(withinTenMinutes).isEqualTo(1);
            assertThat(asked.get()).isEqualTo(2);
        } finally {
            mempool.stop(0);
        }
    }

    @Test
    void servedWithEverySecretSetNoAnswerHoldsOne() throws Exception {
        Map<String, String> settings = new HashMap<>(SiteCommandIT.SECRETS);
        settings.put(Settings.DATA_DIR, dir.resolve("store").toString());
        try (Minerwatch withSecrets = new Minerwatch(Settings.of(settings), clock);
                SiteServer secretive = SiteServer.start(
                        "127.0.0.1", 0, () -> withSecrets.site(AT, Deadline.in(Duration.ZERO)), clock)) {
            List<String> paths = new ArrayList<>(List.of("", "metrics"));
            paths.addAll(
                    withSecrets.site(AT, Deadline.in(Duration.ZERO)).files().keySet());

            for (String path : paths) {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(URI.create(secretive.url() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                for (String secret : SiteCommandIT.SECRETS.values()) {
                    assertThat(answer.body()).as(path + " holds no secret").doesNotContain(secret);
                    assertThat(answer.headers().map().toString()).as(path).doesNotContain(secret);
                }
            }
            assertThat(paths).hasSizeGreaterThan(30);
        }
    }
}
