package dev.minerwatch.sources;

import dev.minerwatch.sources.http.SourceException;

/**
 * One call to a source. {@link #guarded} is how collectors call sources: whatever the source's code throws,
 * checked or not, comes back as that source's {@link SourceException}, so one provider's odd answer never stops
 * the run or the other sources.
 */
@FunctionalInterface
public interface SourceCall<T> {

    T call() throws SourceException;

    /** The call's value; any runtime exception becomes {@code source}'s failure. */
    static <T> T guarded(String source, SourceCall<T> call) throws SourceException {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw SourceException.unexpected(source, e);
        }
    }
}
