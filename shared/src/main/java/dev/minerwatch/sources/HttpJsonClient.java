package dev.minerwatch.sources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Fetches JSON documents from providers, retrying what is worth retrying: a 429 after the provider's
 * {@code Retry-After} (when it fits in {@link RetryPolicy#maxWait}), and timeouts, refused connections and 5xx
 * answers after a short jittered backoff. Malformed answers are never retried.
 *
 * <p>Fetches Built on {@link HttpURLConnection}, which the AWS SDK's URL-connection
 * client has already loaded, so providers add no HTTP stack to a cold start. Every failure becomes a
 * {@link SourceException} naming the source.
 */
public final class HttpJsonClient {

    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /**
     * How often and how long to retry.
     *
     * @param attempts    calls in all, the first included
     * @param baseBackoff the first backoff after a transient failure; it doubles, with full jitter
     * @param maxWait     the longest wait a {@code Retry-After} may ask for; longer asks are reported, not waited
     */
    public record RetryPolicy(int attempts, Duration baseBackoff, Duration maxWait) {
        /** Three calls, 250 ms backoff, at most 10 s for a Retry-After: well inside a one-minute function. */
        public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(10));
        public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Waits between attempts (a seam so tests need not sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ObjectMapper mapper;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;

    public HttpJsonClient(ObjectMapper mapper, Duration connectTimeout, Duration readTimeout) {
        this(mapper, connectTimeout, readTimeout, RetryPolicy.NONE, duration -> Thread.sleep(duration));
    }

    public HttpJsonClient(ObjectMapper mapper, Duration connectTimeout, Duration readTimeout, RetryPolicy retry,
                          Sleeper sleeper) {
        this.mapper = mapper;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
    }

    public JsonNode get(String source, URI uri, Map<String, String> headers) throws SourceException {
        return withRetries(() -> exchange(source, uri, "GET", headers, null));
    }

    public JsonNode post(String source, URI uri, Map<String, String> headers, String jsonBody) throws SourceException {
        return withRetries(() -> exchange(source, uri, "POST", headers, jsonBody));
    }

    private interface Exchange {
        JsonNode run() throws SourceException;
    }

    private JsonNode withRetries(Exchange exchange) throws SourceException {
        for (int attempt = 1; ; attempt++) {
            try {
                return exchange.run();
            } catch (SourceException e) {
                Duration wait = waitBeforeRetry(e, attempt);
                if (wait == null) {
                    throw e;
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How long to wait before another attempt, or null to give up with this error. */
    private Duration waitBeforeRetry(SourceException error, int attempt) {
        if (attempt >= retry.attempts()) {
            return null;
        }
        return switch (error.kind()) {
            case THROTTLED -> {
                Duration asked = error.retryAfter().orElse(retry.baseBackoff().multipliedBy(1L << attempt));
                yield asked.compareTo(retry.maxWait()) <= 0 ? asked : null;
            }
            case UNAVAILABLE -> Duration.ofMillis(java.util.concurrent.ThreadLocalRandom.current()
                    .nextLong(retry.baseBackoff().toMillis() * (1L << (attempt - 1)) + 1));
            default -> null;
        };
    }

    private JsonNode exchange(String source, URI uri, String method, Map<String, String> headers, String body)
            throws SourceException {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            connection.setInstanceFollowRedirects(true);
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("User-Agent", "minerwatch");
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            if (status == 429) {
                throw SourceException.throttled(source, retryAfter(connection.getHeaderField("Retry-After")));
            }
            if (status >= 500) {
                throw SourceException.unavailable(source, "HTTP " + status + " from " + redacted(uri), null);
            }
            if (status != 200) {
                throw SourceException.malformed(source, null, "HTTP " + status + " from " + redacted(uri));
            }
            byte[] bytes = readBody(connection.getInputStream());
            try {
                JsonNode json = mapper.readTree(bytes);
                if (json == null || json.isMissingNode()) {
                    throw SourceException.malformed(source, null, "empty answer from " + redacted(uri));
                }
                return json;
            } catch (JsonProcessingException e) {
                throw SourceException.malformed(source, null, "answer from " + redacted(uri) + " is not JSON: "
                        + snippet(bytes));
            }
        } catch (SocketTimeoutException e) {
            throw SourceException.unavailable(source, "timed out (" + e.getMessage() + ") calling " + redacted(uri), e);
        } catch (IOException e) {
            throw SourceException.unavailable(source, e.getClass().getSimpleName() + " calling " + redacted(uri)
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("answer larger than " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        }
    }

    /** Retry-After as delta-seconds; an HTTP-date or garbage yields no hint rather than an error. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The URL without its query, which may carry keys. */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
    }

    private static String snippet(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return "'" + text + (bytes.length > 60 ? "…'" : "'");
    }
}
