package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.notify.Notifier.Publication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * One JSON POST to a channel, as a {@link Publication}: 2xx is accepted; 429, 5xx and network failures are tried
 * again (three attempts, the wait of a {@code Retry-After} honoured up to {@link #MAX_WAIT}) and then rejected for
 * a later run; any other status is the channel refusing the message for good. Redirects are never followed, and no
 * error names the URL: for Slack, Discord and Telegram the URL is the secret.
 */
final class ChannelPost {

    static final int ATTEMPTS = 3;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The SDK's exponential backoff with full jitter: up to 250 ms, then 500 ms, unless Retry-After says otherwise. */
    private static final BackoffStrategy BACKOFF = BackoffStrategy.exponentialDelay(Duration.ofMillis(250), MAX_WAIT);

    private final HttpClient http;
    private final Duration timeout;

    ChannelPost(Duration timeout) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.timeout = timeout;
    }

    Publication post(String channel, URI uri, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Duration wait = BACKOFF.computeDelay(attempt + 1); // the delay before the next attempt
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Publication.accepted(channel + "-" + status);
                }
                failure = channel + ": HTTP " + status + excerpt(response.body());
                if (status != 429 && status < 500) {
                    return Publication.refused(failure);
                }
                wait = response.headers()
                        .firstValue("Retry-After")
                        .map(ChannelPost::seconds)
                        .map(d -> d.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : d)
                        .orElse(wait);
            } catch (IOException e) {
                failure = channel + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " (" + withoutUri(e.getMessage(), uri) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Publication.rejected(channel + ": interrupted");
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Publication.rejected(failure);
                }
            }
        }
        return Publication.rejected(failure + " (after " + ATTEMPTS + " attempts)");
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return MAX_WAIT;
        }
    }

    /** The start of the channel's answer, which says why; never more than a line. */
    private static String excerpt(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** An exception's message with the URL (and its secret path) taken out. */
    private static String withoutUri(String message, URI uri) {
        return message.replace(uri.toString(), "<" + uri.getHost() + ">").replace(uri.getPath(), "/…");
    }
}
