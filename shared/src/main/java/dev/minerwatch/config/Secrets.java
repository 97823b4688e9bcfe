package dev.minerwatch.config;

import java.util.Optional;
import java.util.function.Function;

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

    /** Secrets read from SSM only when a parameter name is configured. */
    public static Secrets of(Settings settings) {
        return new Secrets(settings, new SsmParameterReader(settings));
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
