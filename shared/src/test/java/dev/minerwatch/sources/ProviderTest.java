package dev.minerwatch.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provider table, and the rule the recorded-provider servers (local-aws's {@code Recordings}, the SnapStart
 * priming's recorded answers) follow instead of a table of their own: one folder of {@code events/providers} per
 * provider, named by its id, moved by {@code <ID>_BASE_URL}.
 */
class ProviderTest {

    @Test
    void everyProviderIsMovedByTheVariableItsIdNames() {
        assertThat(Arrays.stream(Provider.values()).map(Provider::baseUrlVariable))
                .containsExactly(
                        "COINGECKO_BASE_URL",
                        "COINBASE_BASE_URL",
                        "KRAKEN_BASE_URL",
                        "MEMPOOL_BASE_URL",
                        "BLOCKCHAIN_INFO_BASE_URL",
                        "SOSOVALUE_BASE_URL",
                        "SOSOVALUE_V2_BASE_URL",
                        "TFTC_BASE_URL");
    }

    @Test
    void theRecordedAnswersHaveAFolderForEveryProviderWithoutAStandInAndForNothingElse() throws IOException {
        try (Stream<Path> entries = Files.list(RepositoryLayout.recordedProviders())) {
            assertThat(entries.filter(Files::isDirectory)
                            .map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(Arrays.stream(Provider.values())
                            .filter(p -> p.standIn().isEmpty())
                            .map(Provider::id)
                            .toList());
        }
    }
}
