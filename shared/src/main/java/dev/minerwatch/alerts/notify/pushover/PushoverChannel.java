package dev.minerwatch.alerts.notify.pushover;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushover's message API, {@code POST /1/messages.json} of a form ({@code token}, {@code user}, {@code title}, {@code
 * message}, {@code priority}; {@code url} and {@code url_title} with the dashboard's link). Priority: 0 for info, a
 * resolution, the digest and a test; 1 (high) for a warning, its reminders and a critical alert's reminders; 2
 * (emergency) for a critical alert as it fires, repeated every {@link #RETRY} until acknowledged or {@link #EXPIRE}
 * has passed, tagged with the rule's state ({@code tags}; a group of alerts with each critical one's). When that rule
 * state resolves or its alert is acknowledged, its emergencies are cancelled first ({@code POST
 * /1/receipts/cancel_by_tag/<tag>.json}), so no receipt needs keeping; then the resolution or the acknowledgement is
 * posted. A cancelling that fails fails the message, so that the retry cancels again (cancelling is
 * idempotent). No error names the token or the user key, even should Pushover echo them.
 */
final class PushoverChannel implements Channel {

    /** How often an emergency repeats until acknowledged: Pushover's least is 30 s. */
    static final Duration RETRY = Duration.ofMinutes(5);
    /** How long an emergency repeats at most: Pushover's most is 3 hours. */
    static final Duration EXPIRE = Duration.ofHours(1);

    /** Pushover's limits: a title of 250 characters, a message of 1,024. */
    private static final int MAX_TITLE = 250;

    private static final int MAX_MESSAGE = 1_024;

    private static final String NORMAL = "0";
    private static final String HIGH = "1";
    private static final String EMERGENCY = "2";

    private final URI base;
    private final String userKey;
    private final String appToken;
    private final ChannelType.Post post;

    /** @throws IllegalArgumentException naming the variable of a key that is not Pushover's (never echoing it) */
    PushoverChannel(URI base, String userKey, String appToken, ChannelType.Post post) {
        // Pushover's keys and tokens are 30 letters and digits.
        checkKey(Pushover.USER_KEY, userKey);
        checkKey(Pushover.APP_TOKEN, appToken);
        this.base = base;
        this.userKey = userKey;
        this.appToken = appToken;
        this.post = post;
    }

    private static void checkKey(String variable, String value) {
        if (!value.matches("[A-Za-z0-9]{30}")) {
            throw new IllegalArgumentException(variable + " is not a Pushover key (30 letters and digits)");
        }
    }

    @Override
    public String name() {
        return Pushover.TYPE.name();
    }

    @Override
    public Publication publish(AlertMessage message, Deadline deadline) {
        for (String tag : tags(message, "RESOLVED", "ACKNOWLEDGED")) {
            Publication cancelled = redacted(post.post(
                    name(),
                    URI.create(base + "/1/receipts/cancel_by_tag/" + tag + ".json"),
                    ChannelType.Post.form(Map.of("token", appToken)),
                    ChannelType.Post.FORM,
                    deadline));
            if (!cancelled.isAccepted()) {
                return new Publication(null, "cancelling its emergency: " + cancelled.error(), cancelled.permanent());
            }
        }
        String event = message.attributes().getOrDefault("event", "");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", appToken);
        form.put("user", userKey);
        form.put("title", Channel.fit(message.subject(), MAX_TITLE));
        form.put("message", Channel.text(message, MAX_MESSAGE));
        String priority = priority(event, message.attributes().get("severity"));
        form.put("priority", priority);
        if (EMERGENCY.equals(priority)) {
            form.put("retry", String.valueOf(RETRY.toSeconds()));
            form.put("expire", String.valueOf(EXPIRE.toSeconds()));
            List<String> tags = tags(message, "FIRED");
            if (!tags.isEmpty()) {
                form.put("tags", String.join(",", tags));
            }
        }
        message.link().ifPresent(url -> {
            form.put("url", url);
            form.put("url_title", AlertMessage.LINK_LABEL);
        });
        return redacted(post.post(
                name(),
                URI.create(base + "/1/messages.json"),
                ChannelType.Post.form(form),
                ChannelType.Post.FORM,
                deadline));
    }

    /** The priority of an event ({@code FIRED}, ...) of a severity; empty or null for the digest and a test. */
    static String priority(String event, String severity) {
        boolean fired = "FIRED".equals(event);
        boolean reminder = "REMINDER".equals(event);
        if ("critical".equals(severity) && fired) {
            return EMERGENCY;
        }
        if (("critical".equals(severity) && reminder) || ("warning".equals(severity) && (fired || reminder))) {
            return HIGH;
        }
        return NORMAL;
    }

    /**
     * The tags of the critical alerts the message tells of (one, or a group's) whose event is one of {@code events}:
     * each the middle of its {@code event_id} ({@code <day>#<state key>#<version>}), with its {@code /} (a per-series
     * state's) and anything else a URL's path would not hold as it is as {@code -}. None for a message of no rule (the
     * digest, a test).
     */
    static List<String> tags(AlertMessage message, String... events) {
        if (message.attributes().containsKey(AlertMessage.KIND)) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        for (Map<String, Object> member : message.members()) {
            String eventId = String.valueOf(member.get(AlertMessage.EVENT_ID));
            if ("critical".equals(member.get("severity")) && List.of(events).contains(member.get("event"))) {
                AlertEvent.stateKeyOf(eventId)
                        .map(stateKey -> stateKey.replaceAll("[^A-Za-z0-9_]", "-"))
                        .filter(tag -> !tags.contains(tag))
                        .ifPresent(tags::add);
            }
        }
        return tags;
    }

    private Publication redacted(Publication publication) {
        return publication.redacting(appToken, Pushover.APP_TOKEN).redacting(userKey, Pushover.USER_KEY);
    }
}
