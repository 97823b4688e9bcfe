package dev.minerwatch.cli;

import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.alerts.subscribers.SubscribersContract;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sns.SnsClient;

/** The subscribers contract on the alert topic's subscriptions, on the emulator: a new topic for each test. */
@ExtendWith(LocalAwsExtension.class)
class SnsSubscribersIT extends SubscribersContract {

    private Subscribers subscribers;

    @BeforeEach
    void topic(LocalAws aws) {
        SnsClient sns = AwsClients.sns(Settings.of(aws.environment()));
        String arn = sns.createTopic(b -> b.name("alerts-" + UUID.randomUUID())).topicArn();
        subscribers = new SnsSubscribers(sns, arn);
    }

    @Override
    protected Subscribers subscribers() {
        return subscribers;
    }
}
