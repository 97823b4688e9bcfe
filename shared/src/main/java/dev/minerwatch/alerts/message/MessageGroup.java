package dev.minerwatch.alerts.message;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The alerts one delivery brings a person's channel, as one message: the subject says how many there are and names
 * the most severe that holds (or, when all have resolved, the most severe); the body lists each, most severe first,
 * with its figures and its links. Its attributes are the named alert's (a channel's priority follows it), its facts
 * list each alert's ({@code events}).
 */
final class MessageGroup {

    /** The fact that lists the grouped alerts' facts, each with its {@code event} ({@code FIRED}, ...). */
    static final String EVENTS = "events";

    /** The most severe first; of one severity, an alert that holds before one that resolved; then as given. */
    private static final Comparator<AlertMessage> MOST_SEVERE_FIRST =
            Comparator.comparing(MessageGroup::severity).thenComparing(m -> !holds(m));

    private MessageGroup() {}

    /**
     * The one message of {@code alerts}: the alert itself when there is one.
     *
     * @throws IllegalArgumentException when {@code alerts} is empty or holds a message that is no alert
     */
    static AlertMessage of(List<AlertMessage> alerts) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a group of no alerts");
        }
        alerts.stream().filter(m -> !m.isAlert()).findFirst().ifPresent(m -> {
            throw new IllegalArgumentException("not an alert, so not grouped: " + m.subject());
        });
        if (alerts.size() == 1) {
            return alerts.get(0);
        }
        List<AlertMessage> ordered = alerts.stream().sorted(MOST_SEVERE_FIRST).toList();
        // The subject and the priority follow the most severe alert that holds: a resolution is good news.
        AlertMessage first =
                ordered.stream().filter(MessageGroup::holds).findFirst().orElse(ordered.get(0));
        String subject = fit("minerwatch: " + alerts.size() + " alerts; most severe: " + first.subject());
        String email = ordered.stream().map(MessageGroup::section).collect(Collectors.joining("\n\n----\n\n"));
        String defaultBody = ordered.stream().map(AlertMessage::defaultBody).collect(Collectors.joining(" | "));
        Map<String, String> attributes = new LinkedHashMap<>(first.attributes());
        attributes.put(
                AlertMessage.EVENT_ID,
                "group:" + first.attributes().get(AlertMessage.EVENT_ID) + "+" + (alerts.size() - 1));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(AlertMessage.EVENT_ID, attributes.get(AlertMessage.EVENT_ID));
        facts.put("status", ordered.stream().anyMatch(MessageGroup::holds) ? "firing" : "resolved");
        facts.put("title", alerts.size() + " alerts");
        facts.put("severity", first.attributes().get("severity"));
        List<Map<String, Object>> events = new ArrayList<>();
        for (AlertMessage alert : ordered) {
            Map<String, Object> member = new LinkedHashMap<>(alert.facts());
            member.put("event", alert.attributes().get("event"));
            events.add(member);
        }
        facts.put(EVENTS, events);
        return new AlertMessage(subject, defaultBody, email, Gsm7.fitOneSegment(subject), attributes, facts);
    }

    /**
     * The alerts a channel's quiet hours held ({@code window} names them), as the one message that goes out when they
     * end: first what happened meanwhile, each rule state named once (an alert that fired and resolved inside the
     * window as both), then the figures and links of each alert that still holds. Its attributes are those of what
     * still holds (or, when nothing does, of each state's newest event): a channel's priority follows what is still so.
     */
    static AlertMessage afterQuietHours(List<AlertMessage> alerts, String window) {
        AlertMessage group = of(alerts);
        Map<String, List<AlertMessage>> byState = new LinkedHashMap<>();
        for (AlertMessage alert : alerts) {
            byState.computeIfAbsent(stateKey(alert), key -> new ArrayList<>()).add(alert);
        }
        List<String> lines = new ArrayList<>();
        List<AlertMessage> holding = new ArrayList<>();
        List<AlertMessage> newestOfEach = new ArrayList<>();
        int fired = 0;
        int resolved = 0;
        for (List<AlertMessage> state : byState.values()) {
            Set<String> events = new HashSet<>();
            state.forEach(alert -> events.add(alert.attributes().get("event")));
            AlertMessage newest = state.stream()
                    .max(Comparator.comparingLong(MessageGroup::version))
                    .orElseThrow();
            boolean fire = events.contains("FIRED");
            boolean resolve = events.contains("RESOLVED");
            fired += fire ? 1 : 0;
            resolved += resolve ? 1 : 0;
            String what = fire && resolve
                    ? "Fired and resolved"
                    : fire
                            ? "Fired"
                            : resolve ? "Resolved" : events.contains("REMINDER") ? "Still holds" : "Acknowledged";
            lines.add("- " + what + ": " + title(newest) + " ["
                    + newest.attributes().get("severity") + "]");
            newestOfEach.add(newest);
            if (holds(newest)) {
                holding.add(newest);
            }
        }
        String counts = (fired > 0 ? fired + " fired" : "")
                + (fired > 0 && resolved > 0 ? ", " : "")
                + (resolved > 0 ? resolved + " resolved" : "")
                + (fired + resolved == 0 ? alerts.size() + " held" : "");
        String subject = fit("minerwatch: while quiet, " + counts + " (" + window + ")");
        String email = "While this channel was quiet (" + window + "):\n\n" + String.join("\n", lines)
                + (holding.isEmpty()
                        ? "\n\nNothing of it still holds."
                        : "\n\n----\n\n"
                                + holding.stream()
                                        .sorted(MOST_SEVERE_FIRST)
                                        .map(MessageGroup::section)
                                        .collect(Collectors.joining("\n\n----\n\n")));
        // The priority follows what still holds, not an alert that fired and resolved meanwhile (a resolved critical
        // alert is no emergency); when nothing holds, the newest of each state: resolutions.
        AlertMessage named = of(holding.isEmpty() ? newestOfEach : holding);
        Map<String, Object> facts = new LinkedHashMap<>(group.facts());
        facts.put("status", holding.isEmpty() ? "resolved" : "firing");
        return new AlertMessage(
                subject,
                subject + ": " + String.join("; ", lines),
                email,
                Gsm7.fitOneSegment(subject),
                named.attributes(),
                facts);
    }

    /** The rule state an alert is of: the middle of its {@code event_id} ({@code <day>#<state key>#<version>}). */
    private static String stateKey(AlertMessage alert) {
        String eventId = alert.attributes().get(AlertMessage.EVENT_ID);
        return AlertEvent.stateKeyOf(eventId).orElse(eventId);
    }

    private static long version(AlertMessage alert) {
        String eventId = alert.attributes().get(AlertMessage.EVENT_ID);
        try {
            return Long.parseLong(eventId.substring(eventId.lastIndexOf('#') + 1));
        } catch (NumberFormatException noVersion) {
            return 0;
        }
    }

    private static String title(AlertMessage alert) {
        return String.valueOf(alert.facts().getOrDefault("title", alert.subject()));
    }

    /** One alert in the group's body: its subject, its text, and its links. */
    private static String section(AlertMessage alert) {
        return alert.subject() + "\n\n" + alert.text()
                + alert.link()
                        .map(url -> "\n" + AlertMessage.LINK_LABEL + ": " + url)
                        .orElse("");
    }

    /**
     * Each grouped alert's facts with its {@code event}; for a message that is no group, its own facts (with its
     * {@code event}) alone.
     */
    static List<Map<String, Object>> members(AlertMessage message) {
        if (message.facts().get(EVENTS) instanceof List<?> events) {
            List<Map<String, Object>> members = new ArrayList<>();
            for (Object event : events) {
                if (event instanceof Map<?, ?> fields) {
                    Map<String, Object> member = new LinkedHashMap<>();
                    fields.forEach((name, value) -> member.put(name.toString(), value));
                    members.add(member);
                }
            }
            return members;
        }
        Map<String, Object> own = new LinkedHashMap<>(message.facts());
        Optional.ofNullable(message.attributes().get("event")).ifPresent(event -> own.put("event", event));
        return List.of(own);
    }

    private static Severity severity(AlertMessage alert) {
        String id = alert.attributes().getOrDefault("severity", "info");
        try {
            return Severity.valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return Severity.INFO;
        }
    }

    /** Whether the alert says its rule holds: it fired, or a reminder. */
    private static boolean holds(AlertMessage alert) {
        String event = alert.attributes().get("event");
        return "FIRED".equals(event) || "REMINDER".equals(event);
    }

    private static String fit(String subject) {
        return AlertMessageFormatter.truncate(subject, AlertMessage.MAX_SUBJECT_LENGTH);
    }
}
