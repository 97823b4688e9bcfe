package dev.minerwatch.sources.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minerwatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpRetryException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Fetches JSON documents from providers, retrying what is worth retrying: a 429 after the provider's
 * {@code Retry-After} (when it fits in {@link RetryPolicy#maxWait}), and timeouts, refused connections and 5xx
 * answers after a short jittered backoff. Malformed answers are never retried.
 *
 * <p>Every call ends by the run's {@link Deadline}: no attempt starts and no back-off is waited once it has
 * passed, and each attempt, name lookup and whole answer included, is cut at {@code connectTimeout +
 * readTimeout} or the deadline, whichever comes first. Redirects are refused (a source failure naming the
 * {@code Location}), so that a key header is only ever sent to the host it was configured for.
 *
 * <p>The chat and webhook channels post through the same client ({@link #send}): an answer need not be JSON,
 * every status is theirs to judge, and no message names the URL, which for a chat service is the secret.
 *
 * <p>Built on {@link HttpURLConnection}, which the AWS SDK's URL-connection client has already loaded, so
 * providers and channels add no HTTP stack to a cold start. Every failure becomes a {@link SourceException} naming
 * the source.
 */
public final class HttpJsonClient {

    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    /** The threads attempts run on: daemons, so that an abandoned attempt never keeps a process alive. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "minerwatch-http");
        thread.setDaemon(true);
        return thread;
    });

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

        /**
         * The SDK's exponential backoff with full jitter: a random wait up to {@code baseBackoff} doubled per
         * attempt, never more than {@code maxWait}.
         */
        BackoffStrategy backoff() {
            return baseBackoff.isZero()
                    ? BackoffStrategy.retryImmediately()
                    : BackoffStrategy.exponentialDelay(
                            baseBackoff, maxWait.compareTo(baseBackoff) < 0 ? baseBackoff : maxWait);
        }
    }

    /**
     * Opens the connection of one attempt: the network's {@link #NETWORK}, or answers from memory for the SnapStart
     * priming, which runs every source's path before the snapshot without calling out.
     */
    @FunctionalInterface
    public interface Connector {
        HttpURLConnection open(URI uri) throws IOException;
    }

    /** The connections of {@link URI#toURL()}: the network. */
    public static final Connector NETWORK =
            uri -> (HttpURLConnection) uri.toURL().openConnection();

    /** Waits between attempts (a seam so tests need not sleep). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The rate-limit headers of each source's latest answer, for the contract check. */
    private final Map<String, Map<String, String>> rateLimits = new ConcurrentHashMap<>();

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final Connector connector;

    /**
     * @param connectTimeout the time for the name lookup and the connection
     * @param readTimeout    the time for the whole answer once connected (each attempt: not each read)
     */
    public HttpJsonClient(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, RetryPolicy.NONE, duration -> Thread.sleep(duration));
    }

    public HttpJsonClient(Duration connectTimeout, Duration readTimeout, RetryPolicy retry, Sleeper sleeper) {
        this(connectTimeout, readTimeout, retry, sleeper, NETWORK);
    }

    public HttpJsonClient(
            Duration connectTimeout, Duration readTimeout, RetryPolicy retry, Sleeper sleeper, Connector connector) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.retry = retry;
        this.sleeper = sleeper;
        this.connector = connector;
    }

    /** A GET, within the run's deadline: the answer as {@link Json} reads it, never null. */
    public Object get(String source, URI uri, Map<String, String> headers, Deadline deadline) throws SourceException {
        return withRetries(source, uri, deadline, () -> exchange(source, uri, "GET", headers, null, deadline));
    }

    /** A POST of a JSON body, within the run's deadline. */
    public Object post(String source, URI uri, Map<String, String> headers, String jsonBody, Deadline deadline)
            throws SourceException {
        return withRetries(source, uri, deadline, () -> exchange(source, uri, "POST", headers, jsonBody, deadline));
    }

    /**
     * What a server answered a {@link #send}.
     *
     * @param status    the HTTP status
     * @param firstLine the first line of its body that is not blank, stripped; empty when it sent none
     * @param attempts  how many attempts the answer took, the first included
     */
    public record Answer(int status, String firstLine, int attempts) {

        /** A 2xx. */
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** A 429 or a 5xx: worth another attempt later. */
        public boolean isTransient() {
            return status == 429 || status >= 500;
        }
    }

    /**
     * A POST of a JSON body whose answer need not be JSON (Slack answers {@code ok}, Discord nothing), for a
     * delivery rather than a fetch: every status is an answer, a redirect too (never followed). A 429 or a 5xx is
     * tried again, up to the policy's attempts, after the {@code Retry-After} it asked for (a wait longer than
     * {@link RetryPolicy#maxWait}, or one that cannot be read, is cut to it) or else the jittered backoff; so is
     * an attempt with no answer (a timeout, a refused connection). No attempt starts, and no wait is waited, past
     * the deadline.
     *
     * <p>No message names the URL, not even without its query, nor carries an exception that could: a chat
     * webhook's path, a bot token, is the secret. A failure names the URL's host alone.
     *
     * @return the first answer that is not a 429 or a 5xx, or else the last one
     * @throws SourceException {@link SourceException.Kind#UNAVAILABLE} when the last attempt got no answer, saying
     *     after how many attempts; or when the thread was interrupted
     */
    public Answer send(String source, URI uri, Map<String, String> headers, String jsonBody, Deadline deadline)
            throws SourceException {
        String host = "<" + uri.getHost() + ">";
        Reply last = null;
        String failure = "the deadline passed before the first attempt";
        int attempts = 0;
        while (attempts < retry.attempts() && !deadline.hasPassed()) {
            attempts++;
            Duration wait;
            Duration limit = attemptLimit(deadline);
            try {
                last = bounded(limit, open -> sendOnce(uri, headers, jsonBody, deadline, open));
                if (!last.answer(attempts).isTransient()) {
                    return last.answer(attempts);
                }
                // A wait longer than the policy allows is not cut short: the server asked for it, so this delivery
                // stops here, and the outbox (or Lambda) tries again later.
                if (last.retryAfter()
                        .filter(asked -> asked.compareTo(retry.maxWait()) > 0)
                        .isPresent()) {
                    return last.answer(attempts);
                }
                wait = last.retryAfter().orElse(backoff(attempts));
            } catch (TimeoutException e) {
                last = null;
                failure = "timed out: no complete answer from " + host + " within " + limit.toMillis() + " ms";
                wait = backoff(attempts);
            } catch (ExecutionException e) {
                last = null;
                failure = withoutUrl(e.getCause(), uri, host);
                wait = backoff(attempts);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SourceException.unavailable(source, "interrupted", null);
            }
            // A retry that could only start after the deadline is not waited for: the answer stands.
            if (attempts >= retry.attempts() || wait.compareTo(deadline.remaining()) >= 0) {
                break;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (last != null) {
            return last.answer(attempts);
        }
        throw SourceException.unavailable(
                source,
                failure + (attempts == 0 ? "" : " (after " + attempts + (attempts == 1 ? " attempt)" : " attempts)")),
                null);
    }

    /** The jittered wait after attempt {@code attempt}, before the next. */
    private Duration backoff(int attempt) {
        return retry.backoff().computeDelay(attempt + 1);
    }

    /** One answer to a {@link #send}, with the wait it asked for. */
    private record Reply(int status, String firstLine, Optional<Duration> retryAfter) {
        Answer answer(int attempts) {
            return new Answer(status, firstLine, attempts);
        }
    }

    private Reply sendOnce(
            URI uri,
            Map<String, String> headers,
            String jsonBody,
            Deadline deadline,
            AtomicReference<HttpURLConnection> open)
            throws IOException {
        HttpURLConnection connection = connector.open(uri);
        open.set(connection);
        try {
            prepare(connection, "POST", deadline);
            connection.setRequestProperty("Content-Type", "application/json");
            headers.forEach(connection::setRequestProperty);
            byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
            connection.setDoOutput(true);
            // Streamed, so HttpURLConnection never sends the body again by itself (its silent retry of a POST).
            connection.setFixedLengthStreamingMode(body.length);
            int status;
            try {
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
                status = connection.getResponseCode();
            } catch (HttpRetryException e) {
                // A challenge for credentials, which a streamed body cannot answer: the status is the answer.
                return new Reply(e.responseCode(), "", Optional.empty());
            }
            String retryAfter = connection.getHeaderField("Retry-After");
            return new Reply(
                    status,
                    withoutPath(
                            firstLine(status >= 400 ? connection.getErrorStream() : connection.getInputStream()), uri),
                    retryAfter == null
                            ? Optional.empty()
                            : Optional.of(
                                    Optional.ofNullable(retryAfter(retryAfter)).orElse(retry.maxWait())));
        } finally {
            connection.disconnect();
        }
    }

    /** The first line of an answer that is not blank, stripped; empty for none. Reads at most 8 KiB. */
    private static String firstLine(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readNBytes(8 * 1024), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .findFirst()
                    .orElse("");
        }
    }

    /**
     * {@code text} with every part of {@code uri} that could be a secret taken out: a channel's answer may echo the
     * path it was posted to (a Slack webhook's path, a bot token). The URL, its path and query, raw and decoded, and
     * each path segment or query part of four characters or more become {@code …}.
     */
    static String withoutPath(String text, URI uri) {
        String redacted = text.replace(uri.toString(), "<" + uri.getHost() + ">");
        List<String> parts = new ArrayList<>();
        for (String whole : new String[] {uri.getRawPath(), uri.getPath(), uri.getRawQuery(), uri.getQuery()}) {
            if (whole != null) {
                parts.add(whole);
                parts.addAll(Arrays.asList(whole.split("[/&=;]")));
            }
        }
        // The longest first, so a segment never leaves half of a longer part behind.
        parts.sort(Comparator.comparingInt(String::length).reversed());
        for (String part : parts) {
            if (part.length() >= 4) {
                redacted = redacted.replace(part, "…");
            }
        }
        return redacted;
    }

    /**
     * Why an attempt got no answer, with the URL and its path taken out of the exception's message: the class,
     * and the message naming the host at most.
     */
    private static String withoutUrl(Throwable error, URI uri, String host) {
        String message = error.getMessage();
        if (message != null) {
            message = message.replace(uri.toString(), host);
            for (String path : new String[] {uri.getRawPath(), uri.getPath()}) {
                if (path != null && path.length() > 1) {
                    message = message.replace(path, "/…");
                }
            }
        }
        return error.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    /**
     * The rate-limit headers ({@code X-RateLimit-*}, {@code RateLimit-*}, {@code Retry-After}) of {@code source}'s latest
     * answer, by lower-case name; empty when it sent none or was not called.
     */
    public Map<String, String> rateLimitHeaders(String source) {
        return rateLimits.getOrDefault(source, Map.of());
    }

    private interface Exchange {
        Object run() throws SourceException;
    }

    private Object withRetries(String source, URI uri, Deadline deadline, Exchange exchange) throws SourceException {
        for (int attempt = 1; ; attempt++) {
            if (deadline.hasPassed()) {
                throw SourceException.unavailable(
                        source,
                        "the run's deadline passed before calling " + redacted(uri) + (attempt > 1 ? " again" : ""),
                        null);
            }
            try {
                return exchange.run();
            } catch (SourceException e) {
                Duration wait = waitBeforeRetry(e, attempt);
                // A retry that could only start after the deadline is not waited for: the error stands.
                if (wait == null || wait.compareTo(deadline.remaining()) >= 0) {
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
            case UNAVAILABLE -> retry.backoff().computeDelay(attempt + 1); // the delay before the next attempt
            default -> null;
        };
    }

    /**
     * One attempt, on a worker thread that the caller waits for at most {@code connectTimeout + readTimeout}
     * (capped by the deadline). {@link HttpURLConnection}'s own timeouts bound each connect and each read, but
     * neither the name lookup nor an answer that trickles in a byte at a time: the wait bounds both. An attempt
     * that overruns is disconnected and abandoned; its daemon thread ends when the socket or the lookup does.
     */
    private Object exchange(
            String source, URI uri, String method, Map<String, String> headers, String body, Deadline deadline)
            throws SourceException {
        Duration limit = attemptLimit(deadline);
        try {
            return bounded(limit, open -> exchangeOnce(source, uri, method, headers, body, deadline, open));
        } catch (TimeoutException e) {
            throw SourceException.unavailable(
                    source,
                    "timed out: no complete answer within " + limit.toMillis() + " ms calling " + redacted(uri),
                    null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SourceException error) {
                throw error;
            }
            throw SourceException.malformed(
                    source, null, "reading the answer from " + redacted(uri) + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SourceException.unavailable(source, "interrupted calling " + redacted(uri), e);
        }
    }

    /** How long one attempt may take: {@code connectTimeout + readTimeout}, or what is left of the deadline. */
    private Duration attemptLimit(Deadline deadline) {
        return deadline.cap(connectTimeout.plus(readTimeout));
    }

    /** The work of one attempt, on a worker thread; it records the connection it opens in {@code open}. */
    private interface Attempt<T> {
        T run(AtomicReference<HttpURLConnection> open) throws Exception;
    }

    /**
     * Runs {@code work} on a worker and waits at most {@code limit} for it; an attempt that overruns is cancelled,
     * its connection disconnected (on a worker of its own: disconnect() can wait for the monitor the stuck read
     * holds).
     *
     * @throws ExecutionException carrying what {@code work} threw
     */
    private static <T> T bounded(Duration limit, Attempt<T> work)
            throws TimeoutException, ExecutionException, InterruptedException {
        AtomicReference<HttpURLConnection> open = new AtomicReference<>();
        Future<T> attempt = WORKERS.submit(() -> work.run(open));
        try {
            return attempt.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            attempt.cancel(true);
            HttpURLConnection connection = open.get();
            if (connection != null) {
                WORKERS.execute(connection::disconnect);
            }
            throw e;
        } catch (InterruptedException e) {
            attempt.cancel(true);
            throw e;
        }
    }

    /** What every attempt does to its connection: the method, the timeouts, no redirect followed, who calls. */
    private void prepare(HttpURLConnection connection, String method, Deadline deadline) throws IOException {
        connection.setRequestMethod(method);
        connection.setConnectTimeout(positiveMillis(deadline.cap(connectTimeout)));
        connection.setReadTimeout(positiveMillis(deadline.cap(readTimeout)));
        // Never followed: a redirect would carry the key headers (or a channel's body) wherever it points.
        connection.setInstanceFollowRedirects(false);
        connection.setRequestProperty("User-Agent", "minerwatch");
    }

    private Object exchangeOnce(
            String source,
            URI uri,
            String method,
            Map<String, String> headers,
            String body,
            Deadline deadline,
            AtomicReference<HttpURLConnection> open)
            throws SourceException {
        HttpURLConnection connection = null;
        try {
            connection = connector.open(uri);
            open.set(connection);
            prepare(connection, method, deadline);
            connection.setRequestProperty("Accept", "application/json");
            headers.forEach(connection::setRequestProperty);
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            rateLimits.put(source, rateLimitHeaders(connection));
            if (status == 429) {
                throw SourceException.throttled(source, retryAfter(connection.getHeaderField("Retry-After")));
            }
            if (status >= 500) {
                throw SourceException.unavailable(source, "HTTP " + status + " from " + redacted(uri), null);
            }
            if (status >= 300 && status < 400) {
                throw SourceException.malformed(
                        source,
                        null,
                        "HTTP " + status + " from " + redacted(uri)
                                + " redirects to " + location(uri, connection.getHeaderField("Location"))
                                + "; not followed (redirects are refused, so that no key header leaves the provider's host)");
            }
            if (status != 200) {
                throw SourceException.malformed(source, null, "HTTP " + status + " from " + redacted(uri));
            }
            byte[] bytes = readBody(connection.getInputStream());
            try {
                Object json = bytes.length == 0 ? null : Json.parse(bytes);
                if (json == null) {
                    throw SourceException.malformed(source, null, "empty answer from " + redacted(uri));
                }
                return json;
            } catch (JsonProcessingException e) {
                throw SourceException.malformed(
                        source, null, "answer from " + redacted(uri) + " is not JSON: " + snippet(bytes));
            }
        } catch (SocketTimeoutException e) {
            throw SourceException.unavailable(source, "timed out (" + e.getMessage() + ") calling " + redacted(uri), e);
        } catch (IOException e) {
            throw SourceException.unavailable(
                    source,
                    e.getClass().getSimpleName() + " calling " + redacted(uri)
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static Map<String, String> rateLimitHeaders(HttpURLConnection connection) {
        Map<String, String> found = new TreeMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
            if ((lower.startsWith("x-ratelimit-") || lower.startsWith("ratelimit") || lower.equals("retry-after"))
                    && !values.isEmpty()) {
                found.put(lower, String.join(",", values));
            }
        });
        return Map.copyOf(found);
    }

    /** HttpURLConnection reads 0 as "no timeout": a timeout is at least 1 ms. */
    private static int positiveMillis(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** A redirect's target, without its query, for the report. */
    private static String location(URI from, String header) {
        if (header == null) {
            return "(no Location)";
        }
        try {
            return redacted(from.resolve(header.trim()));
        } catch (IllegalArgumentException e) {
            return "an unreadable Location";
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
