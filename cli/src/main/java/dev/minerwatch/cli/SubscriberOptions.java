package dev.minerwatch.cli;

import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the subscribers are: the alert topic's subscriptions ({@code --topic-arn}, or {@code ALERT_TOPIC_ARN}, the
 * stack's {@code AlertTopicArn} output), or, without a topic, the local store's record of them.
 */
final class SubscriberOptions extends LocalOptions {

    @Option(
            names = "--topic-arn",
            paramLabel = "ARN",
            description = "The alert topic (default: ALERT_TOPIC_ARN; the stack's AlertTopicArn output). Without one,"
                    + " the subscribers are recorded in the local store.")
    String topicArn;

    /** The environment of the command, its topic as given. */
    LocalEnvironment start() {
        Map<String, String> overrides = new HashMap<>();
        if (topicArn != null) {
            overrides.put(Settings.TOPIC_ARN, topicArn);
        }
        return start(overrides);
    }

    /** The subscribers of the topic, or of the store without one. */
    static Subscribers of(LocalEnvironment environment, Minerwatch minerwatch) {
        Settings settings = environment.settings();
        return settings.topicArn()
                .<Subscribers>map(arn -> new SnsSubscribers(AwsClients.sns(settings), arn))
                .orElseGet(() -> Subscribers.inStore(minerwatch.storage().subscribers(), environment.clock()));
    }
}
