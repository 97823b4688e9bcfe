package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier.Publication;
import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.ChannelReceipts;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What the {@code ChannelForwarderFunction} does with each message the alert topic delivers: posts it to every
 * configured channel that wants it, once. A channel that fails fails the forwarding, so Lambda retries the delivery
 * (and after the retries sends it to the dead-letter queue). Each post is claimed in the store before it is made (a
 * conditional write): a retry posts only to the channels that did not take the event, of two concurrent deliveries
 * only the claiming one posts, and a delivery that cannot write its claim does not post at all (it fails, and Lambda
 * retries it). What a crash can still duplicate: a delivery that dies after a channel took the event and before its
 * receipt is written leaves a claim that lapses after {@link ChannelReceipts#CLAIM}; the retry after that posts
 * again, so that channel gets one duplicate, with the same {@code event_id}.
 *
 * <p>The alerts of one delivery reach a person's channel as one message ({@link AlertMessage#grouped}), each claimed
 * and receipted for itself. A channel's quiet hours ({@code <NAME>_QUIET_HOURS}) defer its alerts in the store until
 * they end; {@link #release} posts them then, as one message per channel.
 *
 * <p>A channel with a daily cap ({@code <NAME>_MAX_PER_DAY}) counts its alerts per UTC day of the delivery in the same
 * conditional write as the claim: past the cap an alert is held (recorded for the digest, not posted), and the first
 * one held that day posts the day's one summary ({@link #capSummary}). The digest and test messages are not counted.
 */
public final class ChannelForwarder {

    /** One channel's answer to one message. */
    public record Outcome(String eventId, String channel, String result, boolean failed) {

        private static final String FAILED = "FAILED ";

        static Outcome failed(String eventId, String channel, String error) {
            return new Outcome(eventId, channel, FAILED + error, true);
        }

        /** Why the channel did not take it; empty when it did. */
        public String error() {
            return failed ? result.substring(result.startsWith(FAILED) ? FAILED.length() : 0) : "";
        }
    }

    private static final String NO_EVENT_ID = "(no event_id)";

    /** Marks the answer of a post the channel's daily cap held. */
    private static final String HELD = "held by its daily cap";

    private final List<Channel> channels;
    private final ChannelReceipts receipts;
    private final Clock clock;

    public ChannelForwarder(List<Channel> channels, ChannelReceipts receipts, Clock clock) {
        this.channels = List.copyOf(channels);
        this.receipts = receipts;
        this.clock = clock;
    }

    public List<Channel> channels() {
        return channels;
    }

    /** {@link #forward(List, Deadline)} of one message within one channel's {@link Channel#BUDGET}. */
    public List<Outcome> forward(AlertMessage message) {
        return forward(List.of(message), Deadline.in(Channel.BUDGET));
    }

    /** {@link #forward(List, Deadline)} of one message. */
    public List<Outcome> forward(AlertMessage message, Deadline deadline) {
        return forward(List.of(message), deadline);
    }

    /**
     * Posts the messages of one delivery to every channel that wants them and has not taken them yet, all channels
     * at once, each done by {@code deadline}: a channel that hangs, trickles or asks to wait an hour costs the others
     * nothing. The alerts a person's channel wants go to it as one message ({@link Channel#groups()}, {@link
     * AlertMessage#grouped}); a machine's channel gets one post per alert, and every other message (the digest, a
     * test) goes on its own. A failure does not stop the others. Each post is claimed first, each alert of a group
     * for itself; when the receipts cannot be read or a claim cannot be written, that post is not made and fails: a
     * retry rather than a duplicate.
     *
     * @return one outcome per message and channel: by message, then in the channels' order
     */
    public List<Outcome> forward(List<AlertMessage> messages, Deadline deadline) {
        Map<String, Set<String>> took = new HashMap<>();
        String unread = null;
        // Receipts are read only for a message some channel wants: the others cost no store request.
        try {
            for (AlertMessage message : messages) {
                String eventId = message.attributes().get(AlertMessage.EVENT_ID);
                if (eventId != null && channels.stream().anyMatch(c -> wants(c, message))) {
                    took.put(eventId, receipts.channelsThatTook(eventId));
                }
            }
        } catch (RuntimeException e) {
            unread = "receipts not read (" + e.getMessage() + "): not posted, so that a retry posts it once";
        }
        Delivery delivery =
                new Delivery(messages, took, unread, UUID.randomUUID().toString(), deadline);
        List<Future<Outcome[]>> posts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Channel channel : channels) {
                posts.add(threads.submit(() -> deliver(delivery, channel)));
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            for (Future<Outcome[]> post : posts) {
                outcomes.add(post.resultNow()[i]);
            }
            unreachable(messages.get(i)).ifPresent(outcomes::add);
        }
        return outcomes;
    }

    /**
     * One delivery's messages, the channels that took each already, and its owner's name for its claims.
     *
     * @param unread why the receipts could not be read; null when they were
     */
    private record Delivery(
            List<AlertMessage> messages,
            Map<String, Set<String>> took,
            String unread,
            String owner,
            Deadline deadline) {

        private static String eventId(AlertMessage message) {
            return message.attributes().getOrDefault(AlertMessage.EVENT_ID, NO_EVENT_ID);
        }
    }

    /** What a delivery makes of each of its messages for one channel: an outcome per message, in their order. */
    private Outcome[] deliver(Delivery delivery, Channel channel) {
        List<AlertMessage> messages = delivery.messages();
        Outcome[] outcomes = new Outcome[messages.size()];
        List<Integer> grouped = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < messages.size(); i++) {
            AlertMessage message = messages.get(i);
            String eventId = Delivery.eventId(message);
            // Judged once, at one instant: a window that ends meanwhile cannot hold and release the same message.
            Optional<Instant> quietUntil = channel.quietHours().flatMap(hours -> hours.holds(message, now));
            if (!wants(channel, message)) {
                outcomes[i] = new Outcome(eventId, channel.name(), "not wanted (its filter)", false);
            } else if (!message.attributes().containsKey(AlertMessage.EVENT_ID)) {
                // Nothing to keep a receipt under: the post is made once, as asked.
                outcomes[i] = outcome(eventId, channel, publish(channel, message, delivery.deadline()));
            } else if (delivery.unread() != null) {
                outcomes[i] = Outcome.failed(eventId, channel.name(), delivery.unread());
            } else if (delivery.took().getOrDefault(eventId, Set.of()).contains(channel.name())) {
                outcomes[i] = new Outcome(eventId, channel.name(), "took it already (a retried delivery)", false);
            } else if (quietUntil.isPresent()) {
                outcomes[i] = defer(channel, message, eventId, quietUntil.get());
            } else if (channel.groups() && message.isAlert()) {
                grouped.add(i);
            } else {
                Claimed claimed = claim(channel, message, eventId, delivery);
                Publication posted = claimed.overCap()
                        ? held(channel, claimed, delivery.deadline())
                        : claimed.refusal()
                                .orElseGet(() -> settle(
                                        channel,
                                        List.of(eventId),
                                        delivery.owner(),
                                        publish(channel, message, delivery.deadline())));
                outcomes[i] = outcome(eventId, channel, posted);
            }
        }
        if (!grouped.isEmpty()) {
            List<Outcome> together = postTogether(
                    channel, grouped.stream().map(messages::get).toList(), delivery, AlertMessage::grouped);
            for (int k = 0; k < grouped.size(); k++) {
                outcomes[grouped.get(k)] = together.get(k);
            }
        }
        return outcomes;
    }

    /**
     * Posts {@code alerts} to a channel as the one message {@code compose} makes of those claimed: each is claimed
     * for itself first (under the channel's cap; past it, held for the digest, and the day's summary posted after the
     * message), then the message is posted, then each claim becomes a receipt, or is given up when the post failed.
     *
     * @return an outcome per alert, in their order
     */
    private List<Outcome> postTogether(
            Channel channel,
            List<AlertMessage> alerts,
            Delivery delivery,
            Function<List<AlertMessage>, AlertMessage> compose) {
        Outcome[] outcomes = new Outcome[alerts.size()];
        List<Integer> claimed = new ArrayList<>();
        Map<Integer, Claimed> overCap = new LinkedHashMap<>();
        for (int i = 0; i < alerts.size(); i++) {
            AlertMessage message = alerts.get(i);
            Claimed claim = claim(channel, message, Delivery.eventId(message), delivery);
            if (claim.overCap()) {
                overCap.put(i, claim);
            } else if (claim.refusal().isPresent()) {
                outcomes[i] = outcome(
                        Delivery.eventId(message), channel, claim.refusal().get());
            } else {
                claimed.add(i);
            }
        }
        if (!claimed.isEmpty()) {
            AlertMessage together =
                    compose.apply(claimed.stream().map(alerts::get).toList());
            Publication posted = settle(
                    channel,
                    claimed.stream().map(i -> Delivery.eventId(alerts.get(i))).toList(),
                    delivery.owner(),
                    publish(channel, together, delivery.deadline()));
            String in = claimed.size() == 1 ? "" : " (in one message of " + claimed.size() + " alerts)";
            for (int i : claimed) {
                Outcome alone = outcome(Delivery.eventId(alerts.get(i)), channel, posted);
                outcomes[i] = alone.failed()
                        ? alone
                        : new Outcome(alone.eventId(), alone.channel(), alone.result() + in, false);
            }
        }
        // The cap's summary after the alerts it let through, counting all this delivery held.
        overCap.forEach((i, claim) -> outcomes[i] =
                outcome(Delivery.eventId(alerts.get(i)), channel, held(channel, claim, delivery.deadline())));
        return List.of(outcomes);
    }

    /** Keeps an alert a channel's quiet hours hold until {@code until}, once however often it is delivered. */
    private Outcome defer(Channel channel, AlertMessage message, String eventId, Instant until) {
        try {
            receipts.defer(new ChannelReceipts.Deferred(channel.name(), eventId, until, Json.write(message.toJson())));
            return new Outcome(eventId, channel.name(), QUIET + until, false);
        } catch (RuntimeException e) {
            return Outcome.failed(
                    eventId, channel.name(), "held by its quiet hours, but not kept (" + e.getMessage() + ")");
        }
    }

    /** The answer for an alert a channel's quiet hours hold, before the instant they end. */
    private static final String QUIET = "held by its quiet hours until ";

    /**
     * Posts what quiet hours held, now that they have ended: to each channel, its deferred alerts that are due, as one
     * message naming what fired and what resolved meanwhile ({@link AlertMessage#afterQuietHours}), each claimed first
     * as any post, so that two runs releasing at once post it once. A deferred alert the channel took already (a run
     * that died before it could undefer) is dropped; one whose post fails stays deferred for the next run. A channel no
     * longer configured keeps its deferred alerts until they expire.
     *
     * @return an outcome per deferred alert that was due, by channel
     */
    public List<Outcome> release(Deadline deadline) {
        Instant now = clock.instant();
        Map<String, List<ChannelReceipts.Deferred>> due = new LinkedHashMap<>();
        for (ChannelReceipts.Deferred deferred : receipts.deferred()) {
            if (!deferred.due().isAfter(now)) {
                due.computeIfAbsent(deferred.channel(), name -> new ArrayList<>())
                        .add(deferred);
            }
        }
        List<Future<List<Outcome>>> posts = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Channel channel : channels) {
                List<ChannelReceipts.Deferred> mine = due.get(channel.name());
                if (mine != null) {
                    posts.add(threads.submit(() -> release(channel, mine, deadline)));
                }
            }
        }
        return posts.stream().flatMap(post -> post.resultNow().stream()).toList();
    }

    private List<Outcome> release(Channel channel, List<ChannelReceipts.Deferred> deferred, Deadline deadline) {
        List<Outcome> outcomes = new ArrayList<>();
        List<AlertMessage> alerts = new ArrayList<>();
        List<ChannelReceipts.Deferred> releasing = new ArrayList<>();
        for (ChannelReceipts.Deferred post : deferred) {
            try {
                if (receipts.channelsThatTook(post.eventId()).contains(channel.name())) {
                    receipts.undefer(post.channel(), post.eventId());
                    outcomes.add(
                            new Outcome(post.eventId(), channel.name(), "took it already (a retried release)", false));
                    continue;
                }
                alerts.add(AlertMessage.fromJson(Json.parseObject(post.message())));
                releasing.add(post);
            } catch (IOException | IllegalArgumentException e) {
                // A deferred alert that cannot be read would fail every run: it is dropped, and said.
                receipts.undefer(post.channel(), post.eventId());
                outcomes.add(Outcome.failed(
                        post.eventId(),
                        channel.name(),
                        "its deferred alert is unreadable and" + " dropped (" + e.getMessage() + ")"));
            } catch (RuntimeException e) {
                outcomes.add(Outcome.failed(post.eventId(), channel.name(), "not released (" + e.getMessage() + ")"));
            }
        }
        if (alerts.isEmpty()) {
            return outcomes;
        }
        String window = channel.quietHours().map(QuietHours::window).orElse("its quiet hours");
        Delivery delivery =
                new Delivery(alerts, Map.of(), null, UUID.randomUUID().toString(), deadline);
        List<Outcome> released = new ArrayList<>();
        if (channel.groups()) {
            released.addAll(
                    postTogether(channel, alerts, delivery, held -> AlertMessage.afterQuietHours(held, window)));
        } else {
            // A machine's channel keeps one post per alert, after the quiet hours as before them.
            for (AlertMessage alert : alerts) {
                released.addAll(postTogether(channel, List.of(alert), delivery, one -> one.get(0)));
            }
        }
        for (int i = 0; i < released.size(); i++) {
            Outcome outcome = released.get(i);
            if (!outcome.failed()) {
                try {
                    receipts.undefer(channel.name(), releasing.get(i).eventId());
                } catch (RuntimeException e) {
                    // Taken, its receipt written: the next run finds the receipt and drops it then.
                }
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * The failure of a message for one channel alone (an escalation) whose channel is not configured here: it would
     * reach nobody, and that is said (in AWS the forwarder fails, so the alarm fires) rather than passed over. A message
     * for a subscription of the topic is SNS's to deliver.
     */
    private Optional<Outcome> unreachable(AlertMessage message) {
        String target = message.attributes().get(AlertMessage.DELIVER_TO);
        if (target == null
                || AlertMessage.SUBSCRIPTIONS.contains(target)
                || channels.stream().anyMatch(c -> c.name().equals(target))) {
            return Optional.empty();
        }
        return Optional.of(Outcome.failed(
                Delivery.eventId(message),
                target,
                "no channel " + target + " is configured here: the message for it alone reaches nobody"));
    }

    /**
     * Whether {@code channel} gets {@code message}: a message for one target ({@link AlertMessage#DELIVER_TO}, an
     * escalation) goes to that channel alone, whatever its filter; any other, as the channel's filter says.
     */
    private static boolean wants(Channel channel, AlertMessage message) {
        String target = message.attributes().get(AlertMessage.DELIVER_TO);
        return target != null ? target.equals(channel.name()) : channel.wants(message);
    }

    private static Outcome outcome(String eventId, Channel channel, Publication posted) {
        if (posted.isAccepted() && posted.messageId().startsWith(HELD)) {
            return new Outcome(eventId, channel.name(), posted.messageId(), false);
        }
        return posted.isAccepted()
                ? new Outcome(eventId, channel.name(), "ok (" + posted.messageId() + ")", false)
                : Outcome.failed(eventId, channel.name(), posted.error());
    }

    /**
     * What claiming one message's post to a channel found.
     *
     * @param refusal the answer without a post (another delivery holds the channel, the claim could not be
     *                written); empty when the delivery may post, or when the cap held it
     * @param day     the UTC day the cap counts in
     * @param max     the cap; 0 for none
     */
    private record Claimed(Optional<Publication> refusal, boolean overCap, LocalDate day, int max) {}

    /** Claims one message's post to a channel for the delivery, under the channel's cap when the message counts. */
    private Claimed claim(Channel channel, AlertMessage message, String eventId, Delivery delivery) {
        ChannelReceipts.Claim claim;
        OptionalInt max = counted(message) ? channel.maxPerDay() : OptionalInt.empty();
        Instant now = clock.instant();
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        try {
            if (max.isPresent()) {
                claim = receipts.claim(
                        eventId,
                        channel.name(),
                        delivery.owner(),
                        now,
                        ChannelReceipts.CLAIM,
                        new ChannelReceipts.Cap(day, max.getAsInt(), title(message), kind(message)));
            } else {
                claim = receipts.claim(eventId, channel.name(), delivery.owner(), now, ChannelReceipts.CLAIM)
                        ? ChannelReceipts.Claim.CLAIMED
                        : ChannelReceipts.Claim.HELD_ELSEWHERE;
            }
        } catch (RuntimeException e) {
            return new Claimed(
                    Optional.of(Publication.rejected(channel.name() + ": claim not written (" + e.getMessage()
                            + "): not posted, so that a retry posts it once")),
                    false,
                    day,
                    0);
        }
        return switch (claim) {
            case CLAIMED -> new Claimed(Optional.empty(), false, day, 0);
            case OVER_CAP -> new Claimed(Optional.empty(), true, day, max.getAsInt());
            case HELD_ELSEWHERE ->
                new Claimed(
                        Optional.of(Publication.rejected(channel.name()
                                + ": another delivery of this event holds the channel; a retry finds its receipt")),
                        false,
                        day,
                        0);
        };
    }

    /**
     * After a post under the claims of {@code eventIds}: each claim becomes a receipt when the channel took the post,
     * or is given up when it did not, so that a retry may post.
     */
    private Publication settle(Channel channel, List<String> eventIds, String owner, Publication posted) {
        try {
            for (String eventId : eventIds) {
                if (posted.isAccepted()) {
                    receipts.channelTook(eventId, channel.name(), clock.instant());
                } else {
                    receipts.releaseClaim(eventId, channel.name(), owner);
                }
            }
            return posted;
        } catch (RuntimeException e) {
            return posted.isAccepted()
                    ? Publication.accepted(posted.messageId() + ", receipt not kept (" + e.getMessage()
                            + "): a retry after the claim lapses would post it again")
                    : posted; // the claim lapses by itself
        }
    }

    /**
     * Whether a message counts against a daily cap: an alert does; the digest, a test message and an escalation (which
     * exists to get through) do not.
     */
    private static boolean counted(AlertMessage message) {
        String kind = message.attributes().get(AlertMessage.KIND);
        return !AlertMessage.DIGEST.equals(kind)
                && !"test".equals(kind)
                && !message.attributes().containsKey(AlertMessage.DELIVER_TO);
    }

    private static String title(AlertMessage message) {
        return String.valueOf(message.facts().getOrDefault("title", message.subject()));
    }

    private static String kind(AlertMessage message) {
        return String.valueOf(message.facts().getOrDefault("status", "alert"));
    }

    /**
     * The answer for an alert the channel's cap held: not a failure (a retry would be held again). The first held
     * alert of the channel's day takes the day's summary flag and posts the one summary; a summary that fails is not
     * retried (the flag is taken: one summary at most). A summary whose flag or count cannot be read is not posted,
     * and the alert stays held.
     */
    private Publication held(Channel channel, Claimed claim, Deadline deadline) {
        LocalDate day = claim.day();
        int max = claim.max();
        String result = HELD + " (" + max + " on " + day + ")";
        long heldSoFar;
        try {
            if (!receipts.takeCapSummary(channel.name(), day)) {
                return Publication.accepted(result);
            }
            heldSoFar = receipts.held(day).stream()
                    .filter(h -> h.channel().equals(channel.name()))
                    .count();
        } catch (RuntimeException e) {
            // The alert is recorded as held; the next one held that day takes the summary if this one did not.
            return Publication.accepted(result + "; its summary not posted (" + e.getMessage() + ")");
        }
        Publication summary = publish(channel, capSummary(heldSoFar, max, day), deadline);
        return Publication.accepted(result + "; "
                + (summary.isAccepted()
                        ? "its summary posted (" + summary.messageId() + ")"
                        : "its summary not posted: " + summary.error()));
    }

    /**
     * The day's one summary of a channel's cap: how many alerts it held so far (more may be held after it; no second
     * summary says so), and that the digest lists them.
     */
    static AlertMessage capSummary(long held, int max, LocalDate day) {
        String text = "minerwatch: " + held + " more alert" + (held == 1 ? "" : "s") + " held today for this channel"
                + " (cap " + max + "); they will be in the digest";
        return AlertMessage.plainText(
                "minerwatch: daily cap reached", text, Map.of(AlertMessage.KIND, "cap_summary", "day", day.toString()));
    }

    /** One channel's post; a channel whose code throws has failed, not the forwarding. */
    private static Publication publish(Channel channel, AlertMessage message, Deadline deadline) {
        try {
            return channel.publish(message, deadline);
        } catch (RuntimeException e) {
            return Publication.rejected(channel.name() + ": " + e.getClass().getSimpleName());
        }
    }

    /** The outcomes as JSON simple objects, for the function's log and answer. */
    public static List<Map<String, Object>> toJson(List<Outcome> outcomes) {
        return outcomes.stream()
                .map(o -> {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("event_id", o.eventId());
                    json.put("channel", o.channel());
                    json.put("result", o.result());
                    return json;
                })
                .toList();
    }
}
