package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** API keys from an SSM SecureString on the emulator, as the functions read them in AWS. */
@ExtendWith(LocalAwsExtension.class)
class SecretsIT {

    @Test
    void readsAndDecryptsTheNamedSecureString(LocalAws aws) {
        String name = "/minerwatch/" + UUID.randomUUID() + "/sosovalue-api-key";
        Settings base = Settings.of(aws.environment());
        try (SsmClient ssm =
                AwsClients.configure(SsmClient.builder(), base, "ssm").build()) {
            ssm.putParameter(b -> b.name(name).type(ParameterType.SECURE_STRING).value("soso-secret-value"));
        }
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put("SOSOVALUE_API_KEY_PARAMETER", name);

        assertThat(Secrets.of(Settings.of(env)).apiKey("SOSOVALUE_API_KEY").get())
                .contains("soso-secret-value");
    }

    @Test
    void aMissingParameterIsNoFailureAtInitAndIsNamedWhenTheKeyIsAskedFor(LocalAws aws) {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.put("SOSOVALUE_API_KEY_PARAMETER", "/minerwatch/does-not-exist");

        var key = Secrets.of(Settings.of(env)).apiKey("SOSOVALUE_API_KEY");

        assertThatThrownBy(key::get).hasMessageContaining("/minerwatch/does-not-exist");
    }
}
