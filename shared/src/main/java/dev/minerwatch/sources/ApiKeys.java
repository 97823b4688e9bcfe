package dev.minerwatch.sources;

import dev.minerwatch.sources.http.SourceException;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads a source's API key when a call needs it: a key that cannot be read is that source's failure, not the run's. */
final class ApiKeys {

    private ApiKeys() {}

    /** The key, or none; a key configured but unreadable (an SSM parameter missing or denied) is {@code MISCONFIGURED}. */
    static Optional<String> read(String source, Supplier<Optional<String>> key) throws SourceException {
        try {
            return key.get();
        } catch (RuntimeException e) {
            throw SourceException.misconfigured(source, "API key unavailable: " + e.getMessage());
        }
    }
}
