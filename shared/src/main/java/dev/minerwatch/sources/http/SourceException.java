package dev.minerwatch.sources.http;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider answered badly or not at all. The message always says which source, and for bad data which
 * field and which value, so that an operator can tell a provider outage from a format change.
 */
public final class SourceException extends Exception {

    /** What went wrong, coarse enough for metrics and retry decisions. */
    public enum Kind {
        /** Timeout, refused connection or a 5xx answer: try again later. */
        UNAVAILABLE,
        /** HTTP 429: back off, honouring Retry-After when given. */
        THROTTLED,
        /** The answer is not what the provider documents: not JSON, a missing or renamed field, an error code. */
        MALFORMED,
        /** The value is present but cannot be right: zero, negative, NaN or out of any plausible range. */
        IMPLAUSIBLE,
        /** The value is older than the source's freshness limit. */
        STALE,
        /** Something the source needs from its configuration (an API key) is missing or cannot be read. */
        MISCONFIGURED
    }

    private final String source;
    private final Kind kind;
    private final String field;
    private final transient Duration retryAfter;

    private SourceException(
            String source, Kind kind, String field, String detail, Duration retryAfter, Throwable cause) {
        super(source + (field == null ? "" : " field " + field) + ": " + detail, cause);
        this.source = source;
        this.kind = kind;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public static SourceException unavailable(String source, String detail, Throwable cause) {
        return new SourceException(source, Kind.UNAVAILABLE, null, detail, null, cause);
    }

    public static SourceException throttled(String source, Duration retryAfter) {
        return new SourceException(
                source,
                Kind.THROTTLED,
                null,
                "throttled (HTTP 429)" + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"),
                retryAfter,
                null);
    }

    public static SourceException malformed(String source, String field, String detail) {
        return new SourceException(source, Kind.MALFORMED, field, detail, null, null);
    }

    public static SourceException implausible(String source, String field, String detail) {
        return new SourceException(source, Kind.IMPLAUSIBLE, field, detail, null, null);
    }

    public static SourceException misconfigured(String source, String detail) {
        return new SourceException(source, Kind.MISCONFIGURED, null, detail, null, null);
    }

    /**
     * Anything else that went wrong while reading one source's answer (a runtime exception of the parsing code):
     * still that source's failure, never the run's.
     */
    public static SourceException unexpected(String source, RuntimeException error) {
        return new SourceException(
                source,
                Kind.MALFORMED,
                null,
                "the answer could not be read (" + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage()) + ")",
                null,
                error);
    }

    public static SourceException stale(String source, String field, String detail) {
        return new SourceException(source, Kind.STALE, field, detail, null, null);
    }

    public String source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON path of the offending field, when the fault is in the data. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    /** How long the provider asked us to wait, for {@link Kind#THROTTLED}. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
