package dev.minerwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.localaws.RepositoryLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedProvidersIT {

    @TempDir
    Path recordings;

    @Test
    void aRecordedFileAnswersItsPathWhateverTheQuery() throws Exception {
        Files.createDirectories(recordings.resolve("coingecko/api/v3/simple"));
        Files.writeString(recordings.resolve("coingecko/api/v3/simple/price.json"), "{\"bitcoin\":{\"usd\":69280.0}}");
        Files.writeString(recordings.resolve("recording.json"), "{\"recordedAt\": \"2026-02-05T14:05:00Z\"}");

        try (RecordedProviders providers = RecordedProviders.serve(recordings)) {
            URI uri = URI.create(providers.baseUrl("coingecko") + "/api/v3/simple/price?ids=bitcoin&vs_currencies=usd");
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"bitcoin\":{\"usd\":69280.0}}");
            assertThat(providers.baseUrl("coingecko").getHost()).isEqualTo("127.0.0.1");
            assertThat(providers.environment())
                    .containsEntry(
                            "COINGECKO_BASE_URL", providers.baseUrl("coingecko").toString());
            assertThat(providers.recordedAt()).isEqualTo(Instant.parse("2026-02-05T14:05:00Z"));
            assertThat(providers.providers()).containsExactly("coingecko");
        }
    }

    @Test
    void theRepositoryRecordingsCoverEveryProviderFolderTheyName() {
        try (RecordedProviders providers = RecordedProviders.serve(RepositoryLayout.recordedProviders())) {
            assertThat(providers.providers()).contains("coingecko");
            assertThat(providers.environment().keySet()).contains("COINGECKO_BASE_URL");
        }
    }

    @Test
    void aMissingFolderIsNamedInTheError() {
        assertThatThrownBy(() -> RecordedProviders.serve(recordings.resolve("nowhere")))
                .hasMessageContaining("nowhere");
    }
}
