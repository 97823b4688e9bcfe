package dev.minerwatch.notify;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes to an SNS topic with {@code MessageStructure=json} and filterable message attributes. */
public final class SnsNotifier implements Notifier {

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public String publish(AlertMessage message) throws NotificationException {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        message.attributes().forEach((name, value) ->
                attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        try {
            return sns.publish(b -> b.topicArn(topicArn)
                    .subject(message.subject())
                    .messageStructure("json")
                    .message(message.snsMessageJson())
                    .messageAttributes(attributes)).messageId();
        } catch (SdkException e) {
            throw new NotificationException("SNS publish to " + topicArn + " failed: " + e.getMessage(), e);
        }
    }
}
