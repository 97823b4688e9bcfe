package dev.minerwatch.alerts.notify.discord;

import dev.minerwatch.alerts.notify.ChannelType;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.util.List;

/** A Discord channel webhook: {@code DISCORD_WEBHOOK_URL} (docs/channels.md). */
public final class Discord {

    /** The channel webhook's URL: a secret. */
    public static final String WEBHOOK_URL = "DISCORD_WEBHOOK_URL";

    public static final ChannelType TYPE = new ChannelType(
            "discord",
            List.of(Variable.requiredSecret(WEBHOOK_URL)),
            (variables, post) -> new DiscordChannel(
                    ChannelType.httpsUrl(WEBHOOK_URL, ChannelType.value(variables, WEBHOOK_URL)), post));

    private Discord() {}
}
