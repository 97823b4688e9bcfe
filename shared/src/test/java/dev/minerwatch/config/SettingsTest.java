package dev.minerwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void aServiceSpecificEndpointWinsOverTheGlobalOne() {
        Settings settings = Settings.of(Map.of(
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000"));

        assertThat(settings.awsEndpoint("dynamodb")).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(settings.awsEndpoint("sns")).contains(URI.create("http://127.0.0.1:4566"));
    }

    @Test
    void withoutOverridesTheSdkDefaultsApply() {
        Settings settings = Settings.of(Map.of());

        assertThat(settings.awsEndpoint("sns")).isEmpty();
        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.tableName()).isEqualTo("minerwatch");
        assertThat(settings.topicArn()).isEmpty();
    }

    @Test
    void aBaseUrlIsOverridableAndLosesATrailingSlash() {
        Settings settings = Settings.of(Map.of("COINGECKO_BASE_URL", "http://127.0.0.1:9999/coingecko/"));

        assertThat(settings.baseUrl("COINGECKO_BASE_URL", "https://api.coingecko.com"))
                .isEqualTo(URI.create("http://127.0.0.1:9999/coingecko"));
        assertThat(settings.baseUrl("KRAKEN_BASE_URL", "https://api.kraken.com"))
                .isEqualTo(URI.create("https://api.kraken.com"));
    }

    @Test
    void aMalformedBaseUrlIsRejectedWithItsVariable() {
        assertThatThrownBy(() -> Settings.of(Map.of("COINGECKO_BASE_URL", "api.coingecko.com"))
                        .baseUrl("COINGECKO_BASE_URL", "https://api.coingecko.com"))
                .hasMessage("COINGECKO_BASE_URL='api.coingecko.com' is not an absolute http(s) URL");
    }

    @Test
    void theProductionCostOverrideMustBeAPositiveNumber() {
        assertThat(Settings.of(Map.of("PRODUCTION_COST_USD", "87000")).productionCostOverride())
                .contains(87_000.0);
        assertThat(Settings.of(Map.of("PRODUCTION_COST_USD", " ")).productionCostOverride())
                .isEmpty();
        assertThatThrownBy(
                        () -> Settings.of(Map.of("PRODUCTION_COST_USD", "-5")).productionCostOverride())
                .hasMessageContaining("PRODUCTION_COST_USD")
                .hasMessageContaining("-5");
        assertThatThrownBy(
                        () -> Settings.of(Map.of("PRODUCTION_COST_USD", "87k")).productionCostOverride())
                .hasMessageContaining("'87k' is not a number");
        assertThatThrownBy(
                        () -> Settings.of(Map.of("PRODUCTION_COST_USD", "NaN")).productionCostOverride())
                .hasMessageContaining("positive");
    }

    @Test
    void regionFollowsAwsRegionThenAwsDefaultRegion() {
        assertThat(Settings.of(Map.of("AWS_DEFAULT_REGION", "eu-west-1")).region())
                .isEqualTo("eu-west-1");
        assertThat(Settings.of(Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "eu-west-1"))
                        .region())
                .isEqualTo("eu-central-1");
    }

    @Test
    void theDashboardIsAnAbsoluteHttpsUrlEndingInASlash() {
        assertThat(Settings.of(Map.of()).dashboardUrl()).isEmpty();
        assertThat(Settings.of(Map.of(Settings.DASHBOARD_URL, "https://d123.cloudfront.net/"))
                        .dashboardUrl())
                .contains(URI.create("https://d123.cloudfront.net/"));
        assertThat(Settings.of(Map.of(Settings.DASHBOARD_URL, "https://example.com/minerwatch"))
                        .dashboardUrl())
                .as("a page's path resolves under it")
                .contains(URI.create("https://example.com/minerwatch/"));
        assertThat(Settings.of(Map.of(Settings.DASHBOARD_URL, "http://127.0.0.1:8088"))
                        .dashboardUrl())
                .as("served on this machine")
                .contains(URI.create("http://127.0.0.1:8088/"));
        assertThat(Settings.of(Map.of(Settings.DASHBOARD_URL, "http://localhost/"))
                        .dashboardUrl())
                .isPresent();
        for (String wrong : new String[] {
            "http://d123.cloudfront.net/",
            "d123.cloudfront.net",
            "/site/",
            "ftp://example.com/",
            "https://example.com/?a=1",
            "https://example.com/#top",
            "https://user@example.com/",
            "https://exa mple.com/"
        }) {
            assertThatThrownBy(() ->
                            Settings.of(Map.of(Settings.DASHBOARD_URL, wrong)).dashboardUrl())
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("DASHBOARD_URL='" + wrong + "' is not an absolute https URL");
        }
    }
}
