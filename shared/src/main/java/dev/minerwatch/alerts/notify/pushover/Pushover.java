package dev.minerwatch.alerts.notify.pushover;

import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.net.URI;
import java.util.List;

/**
 * Pushover: {@code PUSHOVER_USER_KEY} (a user's or a group's) with {@code PUSHOVER_APP_TOKEN} (an application's), and
 * {@code PUSHOVER_BASE_URL} for a test server (docs/channels.md).
 */
public final class Pushover {

    /** The user or group key the messages go to: a secret. */
    public static final String USER_KEY = "PUSHOVER_USER_KEY";
    /** The application's API token the messages are sent with: a secret. */
    public static final String APP_TOKEN = "PUSHOVER_APP_TOKEN";
    /** The API's base URL, {@code https://api.pushover.net} unless a test server stands in. */
    public static final String BASE_URL = "PUSHOVER_BASE_URL";

    static final String DEFAULT_BASE_URL = "https://api.pushover.net";

    public static final ChannelType TYPE = new ChannelType(
            "pushover",
            List.of(
                    Variable.requiredSecret(USER_KEY),
                    Variable.requiredSecret(APP_TOKEN),
                    Variable.optional(BASE_URL).checkedBy(Pushover::baseUrl)),
            (variables, post) -> new PushoverChannel(
                    baseUrl(variables.apply(BASE_URL).orElse(DEFAULT_BASE_URL)),
                    ChannelType.value(variables, USER_KEY),
                    ChannelType.value(variables, APP_TOKEN),
                    post));

    private Pushover() {}

    private static URI baseUrl(String value) {
        return ChannelType.baseUrl(BASE_URL, value);
    }
}
