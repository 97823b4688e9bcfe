package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private final List<String> parametersRead = new ArrayList<>();

    private Secrets secrets(Map<String, String> env) {
        return new Secrets(Settings.of(env), name -> {
            parametersRead.add(name);
            return "from-ssm:" + name;
        });
    }

    @Test
    void aKeyInTheEnvironmentIsUsedWithoutAskingSsm() {
        assertThat(secrets(Map.of("SOSOVALUE_API_KEY", "local-key", "SOSOVALUE_API_KEY_PARAMETER", "/minerwatch/soso"))
                        .apiKey("SOSOVALUE_API_KEY")
                        .get())
                .contains("local-key");
        assertThat(parametersRead).isEmpty();
    }

    @Test
    void inAwsTheKeyComesFromTheNamedSsmParameter() {
        assertThat(secrets(Map.of("SOSOVALUE_API_KEY_PARAMETER", "/minerwatch/sosovalue-api-key"))
                        .apiKey("SOSOVALUE_API_KEY")
                        .get())
                .contains("from-ssm:/minerwatch/sosovalue-api-key");
        assertThat(parametersRead).containsExactly("/minerwatch/sosovalue-api-key");
    }

    @Test
    void theParameterIsReadAtInitOnceAndCached() {
        var key = secrets(Map.of("SOSOVALUE_API_KEY_PARAMETER", "/minerwatch/soso"))
                .apiKey("SOSOVALUE_API_KEY");
        assertThat(parametersRead).containsExactly("/minerwatch/soso");

        key.get();
        key.get();
        assertThat(parametersRead).containsExactly("/minerwatch/soso");
    }

    @Test
    void underSnapStartTheParameterIsReadOnFirstUseSoTheSnapshotHoldsNoKey() {
        var key = secrets(Map.of(
                        "SOSOVALUE_API_KEY_PARAMETER",
                        "/minerwatch/soso",
                        "AWS_LAMBDA_INITIALIZATION_TYPE",
                        "snap-start"))
                .apiKey("SOSOVALUE_API_KEY");
        assertThat(parametersRead).isEmpty();

        assertThat(key.get()).contains("from-ssm:/minerwatch/soso");
        key.get();
        assertThat(parametersRead).containsExactly("/minerwatch/soso");
    }

    @Test
    void withNeitherThereIsNoKey() {
        assertThat(secrets(Map.of()).apiKey("COINGECKO_API_KEY").get()).isEmpty();
        assertThat(parametersRead).isEmpty();
    }

    @Test
    void aParameterThatCannotBeReadFailsNothingAtInitAndEachUseTriesAgainUntilItIsRead() {
        List<String> answers = new ArrayList<>(List.of("denied", "denied", "the-key"));
        Secrets flaky = new Secrets(Settings.of(Map.of("COINGECKO_API_KEY_PARAMETER", "/minerwatch/cg")), name -> {
            parametersRead.add(name);
            String answer = answers.remove(0);
            if (answer.equals("denied")) {
                throw new IllegalStateException(
                        "cannot read SSM parameter " + name + ": HTTP 400 AccessDeniedException");
            }
            return answer;
        });

        var key = flaky.apiKey("COINGECKO_API_KEY");

        assertThatThrownBy(key::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/minerwatch/cg")
                .hasMessageContaining("COINGECKO_API_KEY_PARAMETER")
                .hasMessageContaining("AccessDeniedException");
        assertThat(key.get()).contains("the-key");
        assertThat(key.get()).contains("the-key");
        assertThat(parametersRead).hasSize(3);
    }
}
