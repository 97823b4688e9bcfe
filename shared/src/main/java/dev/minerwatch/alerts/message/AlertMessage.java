package dev.minerwatch.alerts.message;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A notification in the shape SNS delivers with {@code MessageStructure=json}: one body per protocol, a subject
 * for email, and the message attributes subscriptions filter on.
 *
 * @param defaultBody the body for protocols without their own (SQS, HTTP, Lambda)
 * @param email       the full explanation for email subscribers
 * @param sms         one 160-character GSM-7 segment
 * @param attributes  {@code rule}, {@code severity} and {@code event}, for subscription filter policies (the digest:
 *                    {@code kind=digest} and {@code event}), and {@code event_id}, the event's key, by which a consumer
 *                    drops a duplicate delivery
 * @param facts       the event as data, for machine consumers (the webhook channel's body): {@code event_id},
 *                    {@code status} ({@code firing}, {@code resolved} or {@code digest}), {@code rule}, {@code severity},
 *                    {@code title}, {@code value}, {@code threshold}, {@code unit}, {@code date}, {@code sources};
 *                    and {@code url}, the page about it on the dashboard, once {@linkplain #linkedTo linked}; {@code
 *                    ackUrl}, the signed link that acknowledges an alert, once {@linkplain #ackLinked ack-linked}. The text
 *                    bodies hold no link: each protocol writes it in its own form ({@link #emailBody()}, {@link
 *                    #smsBody()}, a chat's link markup)
 */
public record AlertMessage(
        String subject,
        String defaultBody,
        String email,
        String sms,
        Map<String, String> attributes,
        Map<String, Object> facts) {

    public static final int MAX_SUBJECT_LENGTH = 99;
    /** The attribute that identifies the event: equal on a duplicate delivery, distinct between events. */
    public static final String EVENT_ID = "event_id";
    /** The attribute that marks a message other than an alert, and its value for the daily digest. */
    public static final String KIND = "kind";

    public static final String DIGEST = "digest";

    /** The {@link #KIND} of an escalation: an alert nobody acknowledged, sent to its rule's {@code escalate_to}. */
    public static final String ESCALATION = "escalation";

    /**
     * The attribute that sends a message to one target alone, whatever its filters: a channel's name, or {@code sms}
     * for the topic's SMS subscription.
     */
    public static final String DELIVER_TO = "deliver_to";

    /**
     * The {@link #KIND} of an alert a subscription's quiet hours held, published again for that subscription when they
     * end: each subscriber of it judges it by its own filter (severity, rules), the others are kept from it ({@link
     * #notFor}), and the channel forwarder leaves it alone (the channels had it).
     */
    public static final String QUIET_RELEASE = "quiet_release";

    /** The fact of an escalation that names the alert it escalates. */
    public static final String ESCALATES = "escalates";
    /** The fact that holds the link to the dashboard's page about the message. */
    public static final String URL = "url";

    /** The fact that holds the signed link that acknowledges the alert ({@link #ackLinked}). */
    public static final String ACK_URL = "ackUrl";

    /** The label of the acknowledgement's link, in every body for people. */
    public static final String ACK_LABEL = "Acknowledge";

    /** What the parameters of an acknowledgement's link are worth ({@link #verifyAckLink}). */
    public enum AckVerdict {
        VALID,
        /** A parameter missing or not of its form. */
        MALFORMED,
        /** The signature is not the key's over this event and expiry: forged, tampered with, or of another key. */
        FORGED,
        /** Signed, but its expiry has passed. */
        EXPIRED
    }

    /** The label of the dashboard's link, in the email and in the chats. */
    public static final String LINK_LABEL = "On the dashboard";

    /** The key and version that mark the JSON of {@link #toJson()}. */
    private static final String FORMAT = "minerwatch_message";

    private static final int FORMAT_VERSION = 1;

    public AlertMessage {
        Objects.requireNonNull(subject, "subject");
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        attributes =
                Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(attributes))); // one order, for printing
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("subject longer than " + MAX_SUBJECT_LENGTH + " characters: " + subject);
        }
        if (!Gsm7.fitsOneSegment(sms)) {
            throw new IllegalArgumentException("SMS body is not one GSM-7 segment: " + sms);
        }
    }

    /** A message without facts: what a test of a channel's handling of the bodies needs. */
    public AlertMessage(String subject, String defaultBody, String email, String sms, Map<String, String> attributes) {
        this(subject, defaultBody, email, sms, attributes, Map.of());
    }

    /** What subscribers read of {@code event}: each body, the subject and the attributes ({@link AlertMessageFormatter}). */
    public static AlertMessage of(AlertEvent event) {
        return AlertMessageFormatter.format(event);
    }

    /**
     * A test notification ({@code kind=test}, severity {@code info}): every channel takes it, and a subscription whose
     * filter passes info alerts of every rule (the template's email); one that hears fewer (SMS, critical only) does not.
     */
    public static AlertMessage test(Instant now, String eventId) {
        return AlertMessageFormatter.test(now, eventId);
    }

    /**
     * A message of plain text, such as one published by hand to the topic: the subject cut to {@link
     * #MAX_SUBJECT_LENGTH}, the text as every body, and as the SMS cut to one GSM-7 segment.
     */
    public static AlertMessage plainText(String subject, String text, Map<String, String> attributes) {
        return new AlertMessage(
                subject.length() > MAX_SUBJECT_LENGTH ? subject.substring(0, MAX_SUBJECT_LENGTH) : subject,
                text,
                text,
                Gsm7.fitOneSegment(text),
                attributes);
    }

    /** The topic's subscriptions a message can be kept from ({@link #notFor}). */
    public static final List<String> SUBSCRIPTIONS = List.of("email", "sms");

    /**
     * The attribute that keeps a message from one of the topic's subscriptions ({@code skip_email}, {@code skip_sms}),
     * whose filter policy refuses it: an alert that subscription's quiet hours hold (it gets it, with the others held,
     * when they end), or a message for another target alone (an escalation, a release).
     */
    public static String notFor(String subscription) {
        return "skip_" + subscription;
    }

    /**
     * This message for {@code target} alone ({@link #DELIVER_TO}: a channel's name, or a subscription's): every
     * subscription but {@code target} is kept from it ({@link #notFor}).
     */
    public AlertMessage onlyFor(String target) {
        return withAttribute(DELIVER_TO, target).keptFromAllBut(target);
    }

    /** This message kept from every subscription of the topic but {@code subscription} ({@link #notFor}). */
    public AlertMessage keptFromAllBut(String subscription) {
        AlertMessage kept = this;
        for (String other : SUBSCRIPTIONS) {
            if (!other.equals(subscription)) {
                kept = kept.withAttribute(notFor(other), "for " + subscription + " alone");
            }
        }
        return kept;
    }

    /** This message with one more attribute (or {@code name}'s value replaced). */
    public AlertMessage withAttribute(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(attributes);
        more.put(name, value);
        return new AlertMessage(subject, defaultBody, email, sms, more, facts);
    }

    /**
     * Whether this message is about a rule's alert (it fired, resolved, reminds or was acknowledged): it has an
     * {@code event_id} and no {@code kind} (the digest, a test, a cap's summary have one), and is not for one target
     * alone ({@link #onlyFor}: what a subscription's quiet hours held, released to it).
     */
    public boolean isAlert() {
        return attributes.containsKey(EVENT_ID) && !attributes.containsKey(KIND) && !attributes.containsKey(DELIVER_TO);
    }

    /**
     * The alerts one delivery brings a person's channel, as one message ({@link MessageGroup}): the subject says how
     * many and names the most severe, the body lists each with its figures and links, the attributes are the most
     * severe's. One alert is its own message.
     *
     * @throws IllegalArgumentException for no alerts, or a message that is no {@linkplain #isAlert() alert}
     */
    public static AlertMessage grouped(List<AlertMessage> alerts) {
        return MessageGroup.of(alerts);
    }

    /**
     * The alerts a channel's quiet hours held ({@code window}, such as {@code 22:00-07:00 Europe/Berlin}), as the one
     * message that goes out when they end: what fired and what resolved meanwhile, each rule state named once (an
     * alert that fired and resolved inside the window as both), then the figures of each that still holds.
     */
    public static AlertMessage afterQuietHours(List<AlertMessage> alerts, String window) {
        return MessageGroup.afterQuietHours(alerts, window);
    }

    /**
     * The alerts this message tells of, as their facts, each with its {@code event} ({@code FIRED}, {@code
     * RESOLVED}, ...): those of a {@linkplain #grouped group}, or this message's own.
     */
    public List<Map<String, Object>> members() {
        return MessageGroup.members(this);
    }

    /** The {@link #KIND} of a {@linkplain #batch batch}. */
    public static final String BATCH = "batch";

    /** The fact of a batch that holds its alerts, each as {@link #toJson()} writes it. */
    private static final String BATCHED = "alerts";

    /**
     * The alerts of one delivery as one message for the channel forwarder (kind {@code batch}), so that it can post
     * them to a person's channel as one message ({@link #grouped}). No subscription's filter passes it: it has no
     * severity.
     */
    public static AlertMessage batch(List<AlertMessage> alerts) {
        String text = "minerwatch: " + alerts.size() + " alert" + (alerts.size() == 1 ? "" : "s")
                + " for the channel forwarder";
        return new AlertMessage(
                text,
                text,
                text,
                Gsm7.fitOneSegment(text),
                Map.of(KIND, BATCH),
                Map.of(BATCHED, alerts.stream().map(AlertMessage::toJson).toList()));
    }

    /**
     * The alerts of a {@linkplain #batch batch}; empty for any other message.
     *
     * @throws IllegalArgumentException naming the field of an alert that is not a message
     */
    public List<AlertMessage> batched() {
        if (!BATCH.equals(attributes.get(KIND)) || !(facts.get(BATCHED) instanceof List<?> alerts)) {
            return List.of();
        }
        return alerts.stream()
                .map(alert -> alert instanceof Map<?, ?> json ? Json.asObject(json) : Map.<String, Object>of())
                .map(AlertMessage::fromJson)
                .toList();
    }

    /**
     * This message with a link to its page on the dashboard at {@code dashboard} (an absolute URL ending in {@code
     * /}): an event's page ({@link AlertEvent#pagePath(String)}), or for the digest the dashboard itself. A message
     * about no event (a test, plain text) is returned as it is.
     */
    public AlertMessage linkedTo(URI dashboard) {
        String eventId = attributes.get(EVENT_ID);
        String kind = attributes.get(KIND);
        if (eventId == null || kind != null && !kind.equals(DIGEST) && !kind.equals(ESCALATION)) {
            return this;
        }
        Map<String, Object> linked = new LinkedHashMap<>(facts);
        String page = ESCALATION.equals(kind) && facts.get(ESCALATES) != null
                ? AlertEvent.pagePath(facts.get(ESCALATES).toString())
                : kind == null ? AlertEvent.pagePath(eventId) : "";
        linked.put(URL, dashboard + page);
        return new AlertMessage(subject, defaultBody, email, sms, attributes, linked);
    }

    /** The link to the dashboard's page about the message, when it is {@linkplain #linkedTo linked}. */
    public Optional<String> link() {
        return Optional.ofNullable(facts.get(URL)).map(Object::toString);
    }

    /**
     * This message with the signed link that acknowledges it ({@code <ackUrl>?e=<event id>&x=<expiry>&s=<signature>},
     * the signature an HMAC-SHA256 under {@code key}) valid until {@code expiry}: for an alert that fires or its
     * reminder only; any other message is returned as it is.
     */
    public AlertMessage ackLinked(URI ackUrl, String key, Instant expiry) {
        String eventId = attributes.get(EVENT_ID);
        String event = attributes.get("event");
        boolean escalation = ESCALATION.equals(attributes.get(KIND)) && facts.get(ESCALATES) != null;
        if (eventId == null
                || !escalation
                        && (attributes.get(KIND) != null || !("FIRED".equals(event) || "REMINDER".equals(event)))) {
            return this;
        }
        // An escalation's link acknowledges the alert it escalates.
        String acknowledged = escalation ? facts.get(ESCALATES).toString() : eventId;
        Map<String, Object> linked = new LinkedHashMap<>(facts);
        linked.put(ACK_URL, AckLink.url(ackUrl, key, acknowledged, expiry));
        return new AlertMessage(subject, defaultBody, email, sms, attributes, linked);
    }

    /**
     * Whether {@code e} (the event id), {@code x} (the expiry) and {@code s} (the signature) of a link, decoded, are
     * signed with {@code key} and unexpired at {@code now}.
     */
    public static AckVerdict verifyAckLink(String key, String e, String x, String s, Instant now) {
        return AckLink.verify(key, e, x, s, now);
    }

    /** The signed link that acknowledges the alert, when the message is {@linkplain #ackLinked ack-linked}. */
    public Optional<String> ackLink() {
        return Optional.ofNullable(facts.get(ACK_URL)).map(Object::toString);
    }

    /**
     * What every body for people says of the alert: the email's text, and under it "Acknowledge: <link>" when the
     * message is {@linkplain #ackLinked ack-linked}.
     */
    public String text() {
        return email + ackLink().map(url -> "\n\n" + ACK_LABEL + ": " + url).orElse("");
    }

    /** What an email subscriber reads: the {@linkplain #text() text}, and the dashboard's link under it when there is one. */
    public String emailBody() {
        return text() + link().map(url -> "\n\n" + LINK_LABEL + ": " + url).orElse("");
    }

    /**
     * What an SMS subscriber reads: the SMS, the dashboard's link after it when both fit one segment, and the
     * acknowledgement's link after that when it still fits.
     */
    public String smsBody() {
        String linked =
                link().map(url -> sms + " " + url).filter(Gsm7::fitsOneSegment).orElse(sms);
        return ackLink()
                .map(url -> linked + " " + ACK_LABEL.toLowerCase(Locale.ROOT) + ": " + url)
                .filter(Gsm7::fitsOneSegment)
                .orElse(linked);
    }

    /**
     * The {@code Message} of an SNS publish with {@code MessageStructure=json}: one body per protocol (each with the
     * dashboard's link when the message has one: the SMS only when it fits), and for
     * Lambda subscribers (the channel forwarder) the whole message as JSON ({@link #toJson()}), so that each
     * channel gets the same bodies and facts as when minerwatch posts to it directly.
     */
    public String snsMessageJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(
                "default",
                defaultBody
                        + link().map(url -> "; " + LINK_LABEL.toLowerCase(Locale.ROOT) + ": " + url)
                                .orElse("")
                        + ackLink()
                                .map(url -> "; " + ACK_LABEL.toLowerCase(Locale.ROOT) + ": " + url)
                                .orElse(""));
        json.put("email", emailBody());
        json.put("sms", smsBody());
        json.put("lambda", Json.write(toJson()));
        return Json.write(json);
    }

    /** The message as JSON simple objects, read back by {@link #fromJson}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(FORMAT, FORMAT_VERSION);
        json.put("subject", subject);
        json.put("default", defaultBody);
        json.put("email", email);
        json.put("sms", sms);
        json.put("attributes", attributes);
        json.put("facts", facts);
        return json;
    }

    /** Whether {@code json} is a message of {@link #toJson()}'s format. */
    public static boolean isMessageJson(Map<String, Object> json) {
        return Integer.valueOf(FORMAT_VERSION).equals(json.get(FORMAT));
    }

    /**
     * A message written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the field that is missing or of the wrong type
     */
    public static AlertMessage fromJson(Map<String, Object> json) {
        if (!isMessageJson(json)) {
            throw new IllegalArgumentException("not a minerwatch message: no \"" + FORMAT + "\": " + FORMAT_VERSION);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        field(json, "attributes", Map.class)
                .forEach((name, value) -> attributes.put(name.toString(), value.toString()));
        Map<String, Object> facts = new LinkedHashMap<>();
        field(json, "facts", Map.class).forEach((name, value) -> facts.put(name.toString(), value));
        return new AlertMessage(
                field(json, "subject", String.class),
                field(json, "default", String.class),
                field(json, "email", String.class),
                field(json, "sms", String.class),
                attributes,
                facts);
    }

    private static <T> T field(Map<String, Object> json, String name, Class<T> type) {
        Object value = json.get(name);
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("minerwatch message field '" + name + "' is "
                    + (value == null ? "missing" : "not a " + type.getSimpleName() + ": " + value));
        }
        return type.cast(value);
    }
}
