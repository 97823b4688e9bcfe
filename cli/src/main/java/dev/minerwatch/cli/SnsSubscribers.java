package dev.minerwatch.cli;

import dev.minerwatch.alerts.subscribers.Subscriber;
import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * The alert topic's email and SMS subscriptions, each with the filter policy of its {@link Subscriber}: what {@code
 * subscribe}, {@code subscribers} and {@code unsubscribe} manage against a stack. It needs {@code sns:Subscribe},
 * {@code sns:Unsubscribe}, {@code sns:ListSubscriptionsByTopic}, {@code sns:GetSubscriptionAttributes} and {@code
 * sns:SetSubscriptionAttributes} on the topic alone (docs/subscribers.md).
 */
final class SnsSubscribers implements Subscribers {

    /** What SNS lists in place of the ARN of a subscription that awaits its confirmation. */
    private static final String PENDING = "PendingConfirmation";

    private final SnsClient sns;
    private final String topicArn;

    SnsSubscribers(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** A subscription of the topic, as SNS lists it. */
    private record Listed(Subscriber.Protocol protocol, String endpoint, String arn) {
        boolean pending() {
            return PENDING.equals(arn);
        }
    }

    private List<Listed> listed() {
        List<Listed> listed = new ArrayList<>();
        sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn))
                .subscriptions()
                .forEach(s -> Subscriber.Protocol.of(s.protocol())
                        .ifPresent(protocol -> listed.add(new Listed(protocol, s.endpoint(), s.subscriptionArn()))));
        return listed;
    }

    private Optional<Listed> find(String endpoint) {
        return listed().stream().filter(s -> s.endpoint().equals(endpoint)).findFirst();
    }

    /**
     * @throws IllegalStateException when the endpoint's subscription awaits its confirmation: SNS lets no one change
     *     it until then
     */
    @Override
    public boolean subscribe(Subscriber subscriber) {
        String policy = Json.write(subscriber.filterPolicy());
        Optional<Listed> existing = find(subscriber.endpoint());
        if (existing.isPresent() && existing.get().pending()) {
            throw new IllegalStateException(subscriber.masked() + " awaits the confirmation SNS sent it: its filter can"
                    + " change once it is confirmed (SNS removes it after three days unconfirmed)");
        }
        if (existing.isPresent()) {
            // The scope first: a policy on the message attributes, whatever the subscription had.
            sns.setSubscriptionAttributes(b -> b.subscriptionArn(existing.get().arn())
                    .attributeName("FilterPolicyScope")
                    .attributeValue("MessageAttributes"));
            sns.setSubscriptionAttributes(b -> b.subscriptionArn(existing.get().arn())
                    .attributeName("FilterPolicy")
                    .attributeValue(policy));
            return false;
        }
        sns.subscribe(b -> b.topicArn(topicArn)
                .protocol(subscriber.protocol().id())
                .endpoint(subscriber.endpoint())
                .returnSubscriptionArn(true)
                .attributes(Map.of("FilterPolicy", policy, "FilterPolicyScope", "MessageAttributes")));
        return true;
    }

    @Override
    public List<Subscription> list() {
        List<Subscription> subscriptions = new ArrayList<>();
        for (Listed listed : listed()) {
            if (listed.pending()) {
                // Its attributes cannot be read until it is confirmed: shown with the defaults' words, and said so.
                subscriptions.add(new Subscription(
                        defaults(listed), "pending confirmation (its filter shows once" + " confirmed)"));
                continue;
            }
            Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(listed.arn()))
                    .attributes();
            String state = "true".equals(attributes.get("PendingConfirmation")) ? "pending confirmation" : "confirmed";
            try {
                subscriptions.add(new Subscription(subscriber(listed, attributes.get("FilterPolicy")), state));
            } catch (IllegalStateException foreign) {
                // Written by hand: listed with it as it is, rather than hiding every other subscriber.
                subscriptions.add(new Subscription(
                        defaults(listed),
                        state + "; its filter policy is not minerwatch's: " + attributes.get("FilterPolicy")));
            }
        }
        subscriptions.sort(
                Comparator.comparing((Subscription s) -> s.subscriber().protocol())
                        .thenComparing(s -> s.subscriber().endpoint()));
        return subscriptions;
    }

    /** The subscriber its filter policy describes; one without a policy of minerwatch's form hears everything. */
    private static Subscriber subscriber(Listed listed, String policy) {
        if (policy == null || policy.isBlank()) {
            return listed.protocol() == Subscriber.Protocol.EMAIL
                    ? Subscriber.email(listed.endpoint(), List.of(), null, true)
                    : Subscriber.sms(listed.endpoint(), List.of(), dev.minerwatch.rules.Severity.INFO);
        }
        try {
            return Subscriber.fromPolicy(listed.protocol(), listed.endpoint(), Json.parseObject(policy));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "the subscription of " + listed.endpoint().charAt(0) + "*** has a filter"
                            + " policy minerwatch did not write: " + policy,
                    e);
        }
    }

    private static Subscriber defaults(Listed listed) {
        return listed.protocol() == Subscriber.Protocol.EMAIL
                ? Subscriber.email(listed.endpoint(), List.of(), null, null)
                : Subscriber.sms(listed.endpoint(), List.of(), null);
    }

    /**
     * @throws IllegalStateException when the endpoint's subscription awaits its confirmation: SNS removes it itself
     *     after three days unconfirmed
     */
    @Override
    public boolean unsubscribe(String endpoint) {
        Optional<Listed> existing = find(endpoint);
        if (existing.isEmpty()) {
            return false;
        }
        if (existing.get().pending()) {
            throw new IllegalStateException("the subscription awaits its confirmation: SNS removes it after three days"
                    + " unconfirmed, and it can be removed once confirmed");
        }
        try {
            sns.unsubscribe(b -> b.subscriptionArn(existing.get().arn()));
        } catch (SnsException e) {
            throw new IllegalStateException("SNS did not remove the subscription: " + e.getMessage(), e);
        }
        return true;
    }
}
