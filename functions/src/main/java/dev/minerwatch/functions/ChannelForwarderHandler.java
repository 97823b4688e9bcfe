package dev.minerwatch.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelForwarder;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * Subscribed to the alert topic: posts each message to the chat and webhook channels configured (their secrets from
 * SSM SecureString parameters), a batch's alerts to a person's channel as one message. Scheduled every quarter hour
 * ({@code {"release": ...}}): posts what the channels' quiet hours held, once they have ended. A channel that fails fails the invocation, so Lambda retries the delivery and, after
 * the retries, sends the event to the dead-letter queue; the errors alarm fires.
 */
public final class ChannelForwarderHandler implements RequestStreamHandler, Resource {

    private final Minerwatch minerwatch;
    private final Clock clock;
    private ChannelForwarder forwarder;

    public ChannelForwarderHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /**
     * With the components and clock given, as every handler: for running it in-process ({@code ./minerwatch invoke},
     * the cold-start bench, tests).
     */
    public ChannelForwarderHandler(Minerwatch minerwatch, Clock clock) {
        minerwatch.requireValidConfiguration();
        this.minerwatch = minerwatch;
        this.clock = clock;
        Core.getGlobalContext().register(this);
    }

    /** Built on the first message, so that no secret is read before a SnapStart snapshot. */
    private synchronized ChannelForwarder forwarder() {
        if (forwarder == null) {
            forwarder = minerwatch.channelForwarder();
        }
        return forwarder;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Object event = Json.parse(input.readAllBytes());
        // One deadline for the whole delivery: the function's remaining time less what the report and the receipts
        // need, so that a hanging channel ends its post, not the invocation (and with it the healthy channels').
        Deadline deadline = Deadline.in(budget(context));
        Map<String, Object> report = new LinkedHashMap<>();
        List<ChannelForwarder.Outcome> outcomes;
        if (event instanceof Map<?, ?> schedule && schedule.containsKey(RELEASE)) {
            // The schedule's quarter hours: what the channels' quiet hours held, released once they have ended.
            outcomes = forwarder().release(deadline);
            report.put("releasedAt", clock.instant().toString());
        } else {
            List<AlertMessage> messages = SnsNotification.messages(event);
            // The alerts of one batch together: a person's channel gets them as one message.
            outcomes = messages.isEmpty() ? List.of() : forwarder().forward(messages, deadline);
            report.put("forwardedAt", clock.instant().toString());
            report.put("messages", messages.size());
        }
        report.put(
                "channels", forwarder().channels().stream().map(Channel::name).toList());
        report.put("outcomes", ChannelForwarder.toJson(outcomes));
        String json = Json.write(report);
        context.getLogger().log(json + "\n");
        if (outcomes.stream().anyMatch(ChannelForwarder.Outcome::failed)) {
            throw new IllegalStateException("a channel did not take a message; Lambda retries the delivery: " + json);
        }
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The key of the schedule's input that asks for the release of what quiet hours held. */
    static final String RELEASE = "release";

    /** What the receipts and the report need after the posts: a few store writes. */
    static final Duration MARGIN = Duration.ofSeconds(4);

    /** The time the posts may take: the invocation's remaining time less {@link #MARGIN}, at most a channel's own. */
    static Duration budget(Context context) {
        Duration remaining =
                Duration.ofMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        return remaining.isNegative()
                ? Duration.ZERO
                : remaining.compareTo(Channel.BUDGET) > 0 ? Channel.BUDGET : remaining;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // The parse and format paths, with no channel and no I/O: what the first message would load.
        SnsNotification.messages(Map.of(
                "Records", List.of(Map.of("Sns", Map.of("MessageId", "priming", "Message", "minerwatch priming")))));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the channels' secrets are read on the first message after the restore.
    }
}
