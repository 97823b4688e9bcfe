package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.store.ChannelReceipts;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** Delivers alert messages to subscribers. */
public interface Notifier {

    /**
     * Publishes messages, in as few requests as the channel allows. A message the channel does not accept is
     * reported in its result, never thrown, so that the caller keeps it for a retry and marks the others sent.
     *
     * @return one result per message, in the order given
     */
    List<Publication> publish(List<AlertMessage> messages);

    /**
     * Told the messages the outbox has recorded as sent, once the record is written: where channels beside the
     * primary post, so that a slow channel never holds the outbox and a message is never published twice because
     * one was.
     */
    default void recordedSent(List<AlertMessage> messages) {}

    /**
     * Posts what the channels' quiet hours held, where they have ended ({@link ChannelForwarder#release}): for the
     * channels beside the primary, as the forwarder function does on its schedule in AWS. Nothing for a notifier
     * without channels.
     *
     * @return each deferred alert due and what became of it, for the report
     */
    default List<String> releaseQuietHours() {
        return List.of();
    }

    /** Prints each message as an email and an SMS subscriber would receive it: the local stand-in for SNS. */
    static Notifier console(PrintWriter out) {
        return new ConsoleNotifier(out, message -> List.of());
    }

    /**
     * {@link #console(PrintWriter)}, saying under each message to whom of the subscribers recorded locally it would go
     * ({@code recipients}: each one's half-hidden endpoint).
     */
    static Notifier console(PrintWriter out, Function<AlertMessage, List<String>> recipients) {
        return new ConsoleNotifier(out, recipients);
    }

    /**
     * {@code primary} (SNS, or the console), and beside it the channels {@code channels} posts to, as the forwarder
     * function does: the primary's answer is the message's; the channels get what the outbox recorded as sent, after
     * the record; a channel that fails is told to {@code warnings}, never retried.
     */
    static Notifier withChannels(Notifier primary, ChannelForwarder channels, Consumer<String> warnings) {
        return new FanOutNotifier(primary, channels, warnings);
    }

    /**
     * {@code notifier}, each message {@linkplain AlertMessage#linkedTo linked} to its page on the dashboard at {@code
     * dashboard} (an absolute URL ending in {@code /}) before it is published: every channel gets the link.
     */
    static Notifier linkedTo(URI dashboard, Notifier notifier) {
        return rewriting(
                notifier,
                messages -> messages.stream().map(m -> m.linkedTo(dashboard)).toList());
    }

    /** {@code notifier}, each list of messages rewritten by {@code rewrite} before it is published or recorded. */
    private static Notifier rewriting(Notifier notifier, UnaryOperator<List<AlertMessage>> rewrite) {
        return new Notifier() {
            @Override
            public List<Publication> publish(List<AlertMessage> messages) {
                return notifier.publish(rewrite.apply(messages));
            }

            @Override
            public void recordedSent(List<AlertMessage> messages) {
                notifier.recordedSent(rewrite.apply(messages));
            }

            @Override
            public List<String> releaseQuietHours() {
                return notifier.releaseQuietHours();
            }
        };
    }

    /**
     * {@code notifier}, each alert that fires and each reminder {@linkplain AlertMessage#ackLinked ack-linked} to
     * {@code ackUrl} before it is published, signed with the key {@code key} gives, valid for {@link #ACK_LINK_VALIDITY}
     * after {@code clock}'s now: every channel gets the link. Without a key (none configured, or it cannot be read)
     * the messages go out without the link.
     */
    static Notifier ackLinked(URI ackUrl, Supplier<Optional<String>> key, Clock clock, Notifier notifier) {
        return rewriting(notifier, messages -> {
            Optional<String> secret;
            try {
                secret = key.get().filter(k -> !k.isEmpty());
            } catch (IllegalStateException e) {
                // The key's parameter cannot be read: the alerts go out, without the link, rather than wait for it.
                secret = Optional.empty();
            }
            if (secret.isEmpty()) {
                return messages;
            }
            String signing = secret.get();
            Instant expiry = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(ACK_LINK_VALIDITY);
            return messages.stream()
                    .map(m -> m.ackLinked(ackUrl, signing, expiry))
                    .toList();
        });
    }

    /** The topic's subscriptions that may have quiet hours of their own: {@code EMAIL_QUIET_HOURS}, {@code SMS_...}. */
    List<String> QUIET_SUBSCRIPTIONS = List.of("email", "sms");

    /** Each subscription's quiet hours and whether a critical alert waits too. */
    List<String> SUBSCRIPTION_QUIET_HOURS_VARIABLES = QUIET_SUBSCRIPTIONS.stream()
            .flatMap(name -> java.util.stream.Stream.of(
                    name.toUpperCase(java.util.Locale.ROOT) + ChannelType.QUIET_HOURS,
                    name.toUpperCase(java.util.Locale.ROOT) + ChannelType.QUIET_HOURS_CRITICAL))
            .toList();

    /**
     * {@code topic} (SNS, or the console standing in for it) with its email and SMS subscriptions' quiet hours
     * ({@code EMAIL_QUIET_HOURS}, {@code SMS_QUIET_HOURS}, each with {@code _CRITICAL}) as {@code variables} give
     * them: an alert a subscription's hours hold is published marked for it and released to it alone when they end,
     * with the others held, as one message ({@link QuietSubscriptions}). {@code topic} itself without any.
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    static Notifier withQuietSubscriptions(
            Notifier topic, Function<String, Optional<String>> variables, ChannelReceipts receipts, Clock clock) {
        List<QuietSubscriptions.Named> hours = new ArrayList<>();
        for (String subscription : QUIET_SUBSCRIPTIONS) {
            QuietHours.of(subscription.toUpperCase(java.util.Locale.ROOT), variables)
                    .ifPresent(quiet -> hours.add(new QuietSubscriptions.Named(subscription, quiet)));
        }
        return QuietSubscriptions.of(topic, hours, receipts, clock);
    }

    /** The mistakes in the subscriptions' quiet hours ({@link #withQuietSubscriptions}), each naming its variable. */
    static List<String> subscriptionProblems(Function<String, Optional<String>> variables) {
        List<String> problems = new ArrayList<>();
        for (String subscription : QUIET_SUBSCRIPTIONS) {
            try {
                QuietHours.of(subscription.toUpperCase(java.util.Locale.ROOT), variables);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    /** How long the link that acknowledges an alert is valid after the message. */
    Duration ACK_LINK_VALIDITY = Duration.ofDays(7);

    /**
     * What became of one message: the channel's id for it, or why it was not accepted and whether that is for good.
     *
     * @param permanent the channel refused this message itself (it would refuse it again, however often sent), as
     *                  opposed to a failure of the moment or of the whole request (network, throttling, credentials,
     *                  a missing topic), which a later run may get past
     */
    record Publication(String messageId, String error, boolean permanent) {

        public static Publication accepted(String messageId) {
            return new Publication(messageId, null, false);
        }

        /** Not accepted this time; a later attempt may be. */
        public static Publication rejected(String error) {
            return new Publication(null, error, false);
        }

        /** Refused for what the message is: sending it again would be refused again. */
        public static Publication refused(String error) {
            return new Publication(null, error, true);
        }

        public boolean isAccepted() {
            return error == null;
        }

        /**
         * This publication with every {@code secret} in its error written as {@code <variable>}: for a channel whose
         * secret travels in the body or a header, which a service may echo in its answer (the URL's path never
         * reaches an error).
         */
        public Publication redacting(String secret, String variable) {
            return error == null || secret.isEmpty() || !error.contains(secret)
                    ? this
                    : new Publication(messageId, error.replace(secret, "<" + variable + ">"), permanent);
        }
    }
}
