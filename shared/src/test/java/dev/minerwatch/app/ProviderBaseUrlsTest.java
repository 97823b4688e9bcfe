package dev.minerwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.config.Settings;
import dev.minerwatch.sources.Provider;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where each provider is called: its public URL, or the one its {@code <ID>_BASE_URL} sets. */
class ProviderBaseUrlsTest {

    @Test
    void withoutOverridesEveryProviderIsCalledAtItsPublicUrl() {
        Settings none = Settings.of(Map.of());

        assertThat(Minerwatch.baseUrl(none, Provider.COINGECKO)).isEqualTo(URI.create("https://api.coingecko.com"));
        assertThat(Minerwatch.baseUrl(none, Provider.MEMPOOL)).isEqualTo(URI.create("https://mempool.space"));
        assertThat(Minerwatch.baseUrl(none, Provider.SOSOVALUE)).isEqualTo(URI.create("https://openapi.sosovalue.com"));
        assertThat(Minerwatch.baseUrl(none, Provider.SOSOVALUE_V2)).isEqualTo(URI.create("https://api.sosovalue.xyz"));
        assertThat(Minerwatch.baseUrl(none, Provider.TFTC)).isEqualTo(URI.create("https://www.tftc.io"));
    }

    @Test
    void soSoValuesOlderApiFollowsAStandInForSoSoValueUnlessItIsSetItself() {
        Settings standIn = Settings.of(Map.of("SOSOVALUE_BASE_URL", "http://127.0.0.1:8080/sosovalue"));

        assertThat(Minerwatch.baseUrl(standIn, Provider.SOSOVALUE_V2))
                .isEqualTo(URI.create("http://127.0.0.1:8080/sosovalue"));
        assertThat(Minerwatch.baseUrl(
                        standIn.with(Map.of("SOSOVALUE_V2_BASE_URL", "http://127.0.0.1:8081/v2/")),
                        Provider.SOSOVALUE_V2))
                .isEqualTo(URI.create("http://127.0.0.1:8081/v2"));
    }
}
