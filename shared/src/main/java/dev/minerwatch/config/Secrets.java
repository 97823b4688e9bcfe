package dev.minerwatch.config;

import dev.minerwatch.aws.SsmParameterReader;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * API keys: from the environment locally ({@code SOSOVALUE_API_KEY}), from SSM Parameter Store in AWS, where
 * {@code SOSOVALUE_API_KEY_PARAMETER} names a SecureString. The value is read once and never logged: at init, so
 * it is cached for the life of the execution environment; but under SnapStart on first use after the restore,
 * so that no key is frozen into the snapshot and a rotated key is picked up by new environments.
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
    public Supplier<Optional<String>> apiKey(String variable) {
        Optional<String> direct = settings.get(variable);
        Optional<String> parameter = settings.get(variable + "_PARAMETER");
        if (direct.isPresent() || parameter.isEmpty()) {
            return () -> direct;
        }
        Supplier<Optional<String>> fromSsm = new Supplier<>() {
            private Optional<String> value;

            @Override
            public synchronized Optional<String> get() {
                if (value == null) {
                    value = Optional.of(parameterReader.apply(parameter.get()));
                }
                return value;
            }
        };
        if (!settings.snapStartInit()) {
            fromSsm.get();
        }
        return fromSsm;
    }
}
