package dev.minerwatch.config;

import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * API keys: from the environment locally ({@code SOSOVALUE_API_KEY}), from SSM Parameter Store in AWS, where
 * {@code SOSOVALUE_API_KEY_PARAMETER} names a SecureString. The value is read once (at init, so it is cached for
 * the life of the execution environment) and never logged.
 */
public final class Secrets {

    private final Settings settings;
    private final Function<String, String> parameterReader;

    Secrets(Settings settings, Function<String, String> parameterReader) {
        this.settings = settings;
        this.parameterReader = parameterReader;
    }

    /** Secrets read through an SSM client built only if a parameter name is configured. */
    public static Secrets of(Settings settings) {
        return new Secrets(settings, name -> {
            try (SsmClient ssm = AwsClients.configure(SsmClient.builder(), settings, "ssm").build()) {
                return ssm.getParameter(b -> b.name(name).withDecryption(true)).parameter().value();
            } catch (SdkException e) {
                throw new IllegalStateException("cannot read SSM parameter " + name + ": " + e.getMessage(), e);
            }
        });
    }

    /** The key in {@code variable}, else the SSM parameter named by {@code variable + "_PARAMETER"}. */
    public Optional<String> apiKey(String variable) {
        Optional<String> direct = settings.get(variable);
        if (direct.isPresent()) {
            return direct;
        }
        return settings.get(variable + "_PARAMETER").map(parameterReader);
    }
}
