package dev.minerwatch.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.minerwatch.localaws.Recordings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WireMock server on 127.0.0.1 answering like the real providers from a folder of {@link Recordings}, so a
 * provider's base URL is {@link #baseUrl(String)}. Tests add their own stubs (faults, throttling) with
 * {@link #server()}; those take precedence over the recordings.
 */
public final class RecordedProviders implements AutoCloseable {

    private final WireMockServer server;
    private final List<StubMapping> recordings = new ArrayList<>();
    private volatile Recordings current;

    private RecordedProviders(WireMockServer server) {
        this.server = server;
    }

    /** Serves the recordings in {@code directory} (normally {@code events/providers}). */
    public static RecordedProviders serve(Path directory) {
        Recordings recordings = Recordings.read(directory);
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .maxRequestJournalEntries(1_000)
                .jettyStopTimeout(0L));
        server.start();
        RecordedProviders providers = new RecordedProviders(server);
        providers.load(recordings);
        return providers;
    }

    /**
     * Answers from the recordings in another folder from now on, at the same base URLs: a replay moves from
     * one day's recordings to the next. A test's own stubs stay.
     */
    public synchronized void switchTo(Path directory) {
        Recordings next = Recordings.read(directory);
        recordings.forEach(server::removeStub);
        recordings.clear();
        load(next);
    }

    private void load(Recordings folder) {
        folder.answers()
                .forEach((path, body) -> recordings.add(server.stubFor(any(urlPathEqualTo(path))
                        .atPriority(10)
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withBody(body)))));
        current = folder;
    }

    /** The base URL that stands for one provider, such as {@code coingecko}. */
    public URI baseUrl(String provider) {
        return Recordings.baseUrl(root(), provider);
    }

    /** The {@code *_BASE_URL} variables pointing every provider at this server. */
    public Map<String, String> environment() {
        return Recordings.environment(root());
    }

    private URI root() {
        return URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    /** When the answers were recorded ({@code recording.json}), the instant their quotes are fresh at. */
    public Instant recordedAt() {
        return current.recordedAt();
    }

    /** The WireMock server, for stubs of a test's own (priority 1 beats the recordings' 10). */
    public WireMockServer server() {
        return server;
    }

    /** Providers with recordings in the folder. */
    public List<String> providers() {
        return current.providers();
    }

    @Override
    public void close() {
        server.stop();
    }
}
