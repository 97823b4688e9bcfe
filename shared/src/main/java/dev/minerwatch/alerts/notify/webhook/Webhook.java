package dev.minerwatch.alerts.notify.webhook;

import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.time.Clock;
import java.util.List;

/**
 * A generic JSON webhook: {@code WEBHOOK_URL}, its bodies signed with {@code WEBHOOK_SECRET} when one is set
 * (docs/channels.md).
 */
public final class Webhook {

    /** The endpoint, an https:// URL: a secret. */
    public static final String URL = "WEBHOOK_URL";
    /** The HMAC secret each body is signed with: optional. */
    public static final String SECRET = "WEBHOOK_SECRET";
    /** The header of the signature: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}. */
    public static final String SIGNATURE_HEADER = "X-Minerwatch-Signature";

    public static final ChannelType TYPE = new ChannelType(
            "webhook",
            List.of(Variable.requiredSecret(URL), Variable.optionalSecret(SECRET)),
            (variables, post) -> new WebhookChannel(
                    ChannelType.httpsUrl(URL, ChannelType.value(variables, URL)),
                    variables.apply(SECRET),
                    post,
                    Clock.systemUTC()));

    private Webhook() {}
}
