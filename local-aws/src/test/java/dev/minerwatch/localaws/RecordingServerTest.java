package dev.minerwatch.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's recorded-provider server: a folder of answers served on loopback, one folder after another. */
class RecordingServerTest {

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void recordings() throws Exception {
        write(folder.resolve("day1"), "{\"bitcoin\":{\"usd\":69280.0}}", "2026-02-05T14:05:00Z");
        write(folder.resolve("day2"), "{\"bitcoin\":{\"usd\":70540.1}}", "2026-02-06T14:05:00Z");
    }

    private static void write(Path day, String price, String recordedAt) throws Exception {
        Files.createDirectories(day.resolve("coingecko/api/v3/simple"));
        Files.writeString(day.resolve("coingecko/api/v3/simple/price.json"), price);
        Files.writeString(day.resolve("recording.json"), "{\"recordedAt\": \"" + recordedAt + "\"}");
    }

    private HttpResponse<String> get(RecordingServer server, String path) throws Exception {
        URI uri = URI.create(server.environment().get("COINGECKO_BASE_URL") + path);
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRecordedFileAnswersItsPathWhateverTheQueryOnLoopbackOnly() throws Exception {
        try (RecordingServer server = RecordingServer.serve(folder.resolve("day1"))) {
            HttpResponse<String> answer = get(server, "/api/v3/simple/price?ids=bitcoin&vs_currencies=usd");

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"bitcoin\":{\"usd\":69280.0}}");
            assertThat(answer.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(URI.create(server.environment().get("MEMPOOL_BASE_URL")).getHost())
                    .isEqualTo("127.0.0.1");
            assertThat(server.recordedAt()).isEqualTo(Instant.parse("2026-02-05T14:05:00Z"));
        }
    }

    @Test
    void theServerAddsUpTheTimeItSpendsAnswering() throws Exception {
        try (RecordingServer server = RecordingServer.serve(folder.resolve("day1"))) {
            assertThat(server.timeAnswering()).isZero();

            get(server, "/api/v3/simple/price");
            Duration afterOne = server.timeAnswering();
            get(server, "/api/v3/simple/price");

            assertThat(afterOne).isPositive();
            assertThat(server.timeAnswering()).isGreaterThan(afterOne);
        }
    }

    @Test
    void aPathWithNoRecordingIsNotFoundAndSaysWhichPath() throws Exception {
        try (RecordingServer server = RecordingServer.serve(folder.resolve("day1"))) {
            HttpResponse<String> answer = get(server, "/api/v3/coins/markets");

            assertThat(answer.statusCode()).isEqualTo(404);
            assertThat(answer.body()).contains("/coingecko/api/v3/coins/markets");
        }
    }

    @Test
    void switchingToTheNextDaysFolderAnswersFromItAtTheSameAddress() throws Exception {
        try (RecordingServer server = RecordingServer.serve(folder.resolve("day1"))) {
            String before = server.environment().get("COINGECKO_BASE_URL");

            server.switchTo(folder.resolve("day2"));

            assertThat(server.environment().get("COINGECKO_BASE_URL")).isEqualTo(before);
            assertThat(get(server, "/api/v3/simple/price").body()).contains("70540.1");
            assertThat(server.recordedAt()).isEqualTo(Instant.parse("2026-02-06T14:05:00Z"));
        }
    }

    @Test
    void aMissingFolderIsNamedInTheError() {
        assertThatThrownBy(() -> RecordingServer.serve(folder.resolve("nowhere")))
                .hasMessageContaining("nowhere");
    }
}
