package dev.minerwatch.localaws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A WireMock server on 127.0.0.1 answering like the real providers from recorded responses. Every
 * {@code <dir>/<provider>/<path>.json} answers any request to {@code /<provider>/<path>} with HTTP 200, so a
 * provider's base URL is {@link #baseUrl(String)}. Tests add their own stubs (faults, throttling) with
 * {@link #server()}; those take precedence over the recordings.
 */
public final class RecordedProviders implements AutoCloseable {

    /** Base URL variables of PRODUCT.md, by provider folder name. */
    private static final Map<String, String> BASE_URL_VARIABLES = Map.of(
            "coingecko", "COINGECKO_BASE_URL",
            "coinbase", "COINBASE_BASE_URL",
            "kraken", "KRAKEN_BASE_URL",
            "mempool", "MEMPOOL_BASE_URL",
            "blockchain-info", "BLOCKCHAIN_INFO_BASE_URL",
            "sosovalue", "SOSOVALUE_BASE_URL");
    private static final Pattern RECORDED_AT = Pattern.compile("\"recordedAt\"\\s*:\\s*\"([^\"]+)\"");

    private final WireMockServer server;
    private final List<StubMapping> recordings = new ArrayList<>();
    private volatile Path directory;

    private RecordedProviders(WireMockServer server, Path directory) {
        this.server = server;
        this.directory = directory;
    }

    /** Serves the recordings in {@code directory} (normally {@code events/providers}). */
    public static RecordedProviders serve(Path directory) {
        requireFolder(directory);
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .maxRequestJournalEntries(1_000).jettyStopTimeout(0L));
        server.start();
        RecordedProviders providers = new RecordedProviders(server, directory);
        try {
            providers.load(directory);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return providers;
    }

    /**
     * Answers from the recordings in another folder from now on, at the same base URLs: a replay moves from
     * one day's recordings to the next. A test's own stubs stay.
     */
    public synchronized void switchTo(Path directory) {
        requireFolder(directory);
        recordings.forEach(server::removeStub);
        recordings.clear();
        load(directory);
        this.directory = directory;
    }

    private static void requireFolder(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no recorded provider answers at " + directory.toAbsolutePath());
        }
    }

    private void load(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                if (!relative.contains("/")) {
                    continue; // metadata beside the provider folders, such as recording.json
                }
                String urlPath = "/" + relative.substring(0, relative.length() - ".json".length());
                recordings.add(server.stubFor(any(urlPathEqualTo(urlPath)).atPriority(10).willReturn(aResponse()
                        .withStatus(200).withHeader("Content-Type", "application/json").withBody(Files.readAllBytes(file)))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read recordings in " + folder, e);
        }
    }

    /** The base URL that stands for one provider, such as {@code coingecko}. */
    public URI baseUrl(String provider) {
        return URI.create("http://127.0.0.1:" + server.port() + "/" + provider);
    }

    /** The {@code *_BASE_URL} variables pointing every provider at this server. */
    public Map<String, String> environment() {
        return BASE_URL_VARIABLES.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getValue, e -> baseUrl(e.getKey()).toString()));
    }

    /** When the answers were recorded ({@code recording.json}), the instant their quotes are fresh at. */
    public Instant recordedAt() {
        Path metadata = directory.resolve("recording.json");
        try {
            Matcher matcher = RECORDED_AT.matcher(Files.readString(metadata));
            if (!matcher.find()) {
                throw new IllegalStateException(metadata + " has no \"recordedAt\"");
            }
            return Instant.parse(matcher.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metadata, e);
        }
    }

    /** The WireMock server, for stubs of a test's own (priority 1 beats the recordings' 10). */
    public WireMockServer server() {
        return server;
    }

    /** Providers with recordings in the directory. */
    public List<String> providers() {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
