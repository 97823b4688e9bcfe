package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.notify.Notifier.Publication;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST to a channel, as a {@link Publication}, over the providers' HTTP stack ({@link HttpJsonClient#send}):
 * 2xx is accepted; 429, 5xx and network failures are tried again (three attempts, the wait of a {@code Retry-After}
 * honoured up to {@link #MAX_WAIT}) and then rejected for a later run; any other status is the channel refusing the
 * message for good. Redirects are never followed, and no error names the URL: for Slack, Discord and Telegram the
 * URL is the secret. The registry builds one for all the channels it configures ({@link ChannelType.Post#overHttp}).
 */
final class ChannelPost implements ChannelType.Post {

    static final int ATTEMPTS = 3;
    /** The time for an attempt's connection, and then for its answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** The first backoff; it doubles, with full jitter (up to 250 ms, then 500 ms), unless Retry-After says otherwise. */
    private static final Duration BACKOFF = Duration.ofMillis(250);
    /** The most one post may take: its attempts, each at its timeouts, and the longest waits between them. */
    static final Duration BUDGET = TIMEOUT.multipliedBy(2L * ATTEMPTS).plus(MAX_WAIT.multipliedBy(ATTEMPTS - 1L));

    private static final int MAX_EXCERPT = 200;

    private final HttpJsonClient http;

    ChannelPost() {
        this(new HttpJsonClient(
                TIMEOUT,
                TIMEOUT,
                new HttpJsonClient.RetryPolicy(ATTEMPTS, BACKOFF, MAX_WAIT),
                duration -> Thread.sleep(duration)));
    }

    ChannelPost(HttpJsonClient http) {
        this.http = http;
    }

    @Override
    public Publication post(String channel, URI uri, String body, Map<String, String> headers, Deadline deadline) {
        HttpJsonClient.Answer answer;
        try {
            answer = http.send(channel, uri, headers, body, deadline);
        } catch (SourceException e) {
            return Publication.rejected(e.getMessage());
        }
        if (answer.isSuccess()) {
            return Publication.accepted(channel + "-" + answer.status());
        }
        String failure = channel + ": HTTP " + answer.status() + excerpt(answer.firstLine());
        return answer.isTransient()
                ? Publication.rejected(failure + " (after " + answer.attempts()
                        + (answer.attempts() == 1 ? " attempt)" : " attempts)"))
                : Publication.refused(failure);
    }

    /** The start of the channel's answer, which says why; never more than a line. */
    private static String excerpt(String line) {
        String text = line.replaceAll("\\s+", " ");
        return text.isEmpty() ? "" : ": " + (text.length() > MAX_EXCERPT ? text.substring(0, MAX_EXCERPT) + "…" : text);
    }
}
