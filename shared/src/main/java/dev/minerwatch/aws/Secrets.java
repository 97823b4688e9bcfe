package dev.minerwatch.aws;

import dev.minerwatch.config.Settings;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.utils.Lazy;

/**
 * API keys: from the environment locally ({@code SOSOVALUE_API_KEY}), from SSM Parameter Store in AWS, where
 * {@code SOSOVALUE_API_KEY_PARAMETER} names a SecureString. The value is read once and never logged: at init, so
 * it is cached for the life of the execution environment; but under SnapStart on first use after the restore,
 * so that no key is frozen into the snapshot and a rotated key is picked up by new environments.
 */
final class Secrets {

    private final Settings settings;
    private final Function<String, String> parameterReader;

    Secrets(Settings settings, Function<String, String> parameterReader) {
        this.settings = settings;
        this.parameterReader = parameterReader;
    }

    /** Secrets read from SSM only when a parameter name is configured. */
    static Secrets of(Settings settings) {
        return new Secrets(settings, new SsmParameterReader(settings));
    }

    /**
     * The key in {@code variable}, else the SSM parameter named by {@code variable + "_PARAMETER"}. A parameter that
     * is missing or cannot be read is no failure of the process: the supplier throws an {@link IllegalStateException}
     * naming it whenever the key is asked for (and tries SSM again), so it becomes the failure of the one source
     * that needs the key.
     */
    Supplier<Optional<String>> apiKey(String variable) {
        Optional<String> direct = settings.get(variable);
        Optional<String> parameter = settings.get(variable + "_PARAMETER");
        if (direct.isPresent() || parameter.isEmpty()) {
            return () -> direct;
        }
        // Only a value read is kept: a failed read throws, keeps nothing, and is tried again on the next use.
        Lazy<Optional<String>> read = new Lazy<>(() -> {
            try {
                return Optional.of(parameterReader.apply(parameter.get()));
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "SSM parameter " + parameter.get() + " (" + variable + "_PARAMETER) could not be read: "
                                + e.getMessage(),
                        e);
            }
        });
        Supplier<Optional<String>> fromSsm = read::getValue;
        if (!settings.snapStartInit()) {
            try {
                fromSsm.get();
            } catch (IllegalStateException e) {
                // Not fatal at init: the source that needs the key reports it on every run until it can be read.
            }
        }
        return fromSsm;
    }
}
