package dev.minerwatch.notify;

import dev.minerwatch.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 *                    {@code title}, {@code value}, {@code threshold}, {@code unit}, {@code date}, {@code sources}
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

    /** The {@code Message} of an SNS publish with {@code MessageStructure=json}. */
    public String snsMessageJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("default", defaultBody);
        json.put("email", email);
        json.put("sms", sms);
        return Json.write(json);
    }
}
