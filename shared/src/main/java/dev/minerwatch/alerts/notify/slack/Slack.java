package dev.minerwatch.alerts.notify.slack;

import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.util.List;

/** A Slack incoming webhook: {@code SLACK_WEBHOOK_URL} (docs/channels.md). */
public final class Slack {

    /** The incoming webhook's URL: a secret. */
    public static final String WEBHOOK_URL = "SLACK_WEBHOOK_URL";

    public static final ChannelType TYPE = new ChannelType(
            "slack",
            List.of(Variable.requiredSecret(WEBHOOK_URL)),
            (variables, post) -> new SlackChannel(
                    ChannelType.httpsUrl(WEBHOOK_URL, ChannelType.value(variables, WEBHOOK_URL)), post));

    private Slack() {}
}
