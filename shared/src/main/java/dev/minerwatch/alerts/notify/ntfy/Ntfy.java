package dev.minerwatch.alerts.notify.ntfy;

import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.util.List;

/**
 * An ntfy topic: {@code NTFY_URL}, the topic's URL ({@code https://ntfy.sh/minerwatch-alerts}), with {@code NTFY_TOKEN}
 * for a protected topic (docs/channels.md).
 */
public final class Ntfy {

    /** The topic's URL: whoever knows the topic's name reads it (on ntfy.sh, anyone), so a secret. */
    public static final String URL = "NTFY_URL";
    /** An access token for a protected topic, sent as {@code Authorization: Bearer <token>}: a secret. */
    public static final String TOKEN = "NTFY_TOKEN";

    public static final ChannelType TYPE = new ChannelType(
            "ntfy",
            List.of(Variable.requiredSecret(URL), Variable.optionalSecret(TOKEN)),
            (variables, post) -> new NtfyChannel(
                    ChannelType.httpsUrl(URL, ChannelType.value(variables, URL)), variables.apply(TOKEN), post));

    private Ntfy() {}
}
