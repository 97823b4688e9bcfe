package dev.minerwatch.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SNS topic whose deliveries a test can read: each subscriber is an SQS queue subscribed with raw message
 * delivery, optionally behind a filter policy, as an email or SMS subscription would be.
 */
public final class TopicInbox {

    private final SnsClient sns;
    private final SqsClient sqs;
    private final String topicArn;

    private TopicInbox(SnsClient sns, SqsClient sqs, String topicArn) {
        this.sns = sns;
        this.sqs = sqs;
        this.topicArn = topicArn;
    }

    public static TopicInbox create(SnsClient sns, SqsClient sqs, String topicName) {
        return new TopicInbox(sns, sqs, sns.createTopic(b -> b.name(topicName)).topicArn());
    }

    public String topicArn() {
        return topicArn;
    }

    /** A queue subscribed to every message of the topic. */
    public Subscriber subscribe(String queueName) {
        return subscribe(queueName, null);
    }

    /** A queue subscribed through a filter policy on message attributes, such as {@code {"severity":["critical"]}}. */
    public Subscriber subscribe(String queueName, String filterPolicy) {
        String queueUrl = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = filterPolicy == null
                ? Map.of("RawMessageDelivery", "true")
                : Map.of(
                        "RawMessageDelivery",
                        "true",
                        "FilterPolicy",
                        filterPolicy,
                        "FilterPolicyScope",
                        "MessageAttributes");
        sns.subscribe(
                b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn).attributes(attributes));
        return new Subscriber(queueUrl);
    }

    /** One subscribed queue. */
    public final class Subscriber {
        private final String queueUrl;

        private Subscriber(String queueUrl) {
            this.queueUrl = queueUrl;
        }

        /**
         * Every message delivered so far, and any arriving within {@code quietPeriod} of the last one (emulators
         * deliver asynchronously). Messages are deleted once read.
         */
        public List<Message> drain(Duration quietPeriod) {
            List<Message> messages = new ArrayList<>();
            // A long poll holds moto_server (one request at a time) for its whole wait: poll at once when the quiet
            // period is shorter than a second.
            int waitSeconds = quietPeriod.compareTo(Duration.ofSeconds(1)) >= 0 ? 1 : 0;
            Instant quietUntil = Instant.now().plus(quietPeriod);
            while (Instant.now().isBefore(quietUntil)) {
                List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                                .maxNumberOfMessages(10)
                                .waitTimeSeconds(waitSeconds)
                                .messageAttributeNames("All"))
                        .messages();
                for (Message message : batch) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                }
                if (!batch.isEmpty()) {
                    messages.addAll(batch);
                    quietUntil = Instant.now().plus(quietPeriod);
                } else if (waitSeconds == 0) {
                    pause();
                }
            }
            return messages;
        }

        /**
         * {@link #drain} less the batches minerwatch publishes for its channel forwarder ({@code kind=batch}): what a
         * subscription without a filter gets of the alerts themselves.
         */
        public List<Message> drainWithoutBatches(Duration quietPeriod) {
            return drain(quietPeriod).stream()
                    .filter(m -> !m.messageAttributes().containsKey("kind")
                            || !"batch".equals(m.messageAttributes().get("kind").stringValue()))
                    .toList();
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while draining a queue", e);
            }
        }
    }
}
