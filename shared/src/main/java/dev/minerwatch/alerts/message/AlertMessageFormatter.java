package dev.minerwatch.alerts.message;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule.Escalation;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.sources.Provider;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Writes an alert event as the email, SMS and default bodies subscribers receive. */
final class AlertMessageFormatter {

    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private AlertMessageFormatter() {}

    static AlertMessage format(AlertEvent event) {
        if (event.kind() == EventKind.DIGEST) {
            return digest(event);
        }
        if (event.kind() == EventKind.ACKNOWLEDGED) {
            return acknowledged(event);
        }
        if (event.kind() == EventKind.ESCALATED) {
            return escalated(event);
        }
        String label = switch (event.kind()) {
            case FIRED -> "ALERT";
            case REMINDER -> "REMINDER";
            default -> "RESOLVED";
        };
        String subject = truncate(
                "minerwatch " + label + " [" + event.origin().severity().id() + "]: "
                        + event.origin().title() + " (" + event.day() + ")",
                AlertMessage.MAX_SUBJECT_LENGTH);
        return new AlertMessage(
                subject,
                defaultBody(event),
                email(event),
                sms(event),
                attributes(event),
                facts(event, firing(event) ? "firing" : "resolved"));
    }

    /** What an alert's subscriptions filter on: its rule, severity, kind and key. */
    private static Map<String, String> attributes(AlertEvent event) {
        return Map.of(
                "rule",
                event.ruleId(),
                "severity",
                event.origin().severity().id(),
                "event",
                event.kind().name(),
                AlertMessage.EVENT_ID,
                event.key());
    }

    /** Whether the rule holds: it fired, or a reminder says it still does. */
    private static boolean firing(AlertEvent event) {
        return event.kind() == EventKind.FIRED || event.kind() == EventKind.REMINDER;
    }

    /** The event as data: what a webhook consumer reads instead of the text. */
    private static Map<String, Object> facts(AlertEvent event, String status) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(AlertMessage.EVENT_ID, event.key());
        facts.put("status", status);
        facts.put("rule", event.ruleId());
        facts.put("severity", event.origin().severity().id());
        facts.put("title", event.origin().title());
        facts.put("value", number(event.figures().value()));
        facts.put("threshold", number(event.figures().threshold()));
        facts.put("unit", event.figures().unit());
        facts.put("date", event.day().toString());
        facts.put("sources", event.explanation().sources());
        if (event.kind() == EventKind.REMINDER) {
            facts.put("reminder", true);
        }
        if (event.kind() == EventKind.ACKNOWLEDGED) {
            facts.put("acknowledgement", event.explanation().detail());
        }
        return facts;
    }

    /** A number as JSON writes it, without binary noise; null for none. */
    private static Object number(double value) {
        return Double.isFinite(value) ? new BigDecimal(Amounts.plain(value)) : null;
    }

    /**
     * A test message ({@code notify --test}), marked as one in every body and by the attribute {@code kind=test}; its
     * severity {@code info} lets the email subscription's default filter pass it (SMS, critical only, does not).
     */
    static AlertMessage test(Instant now, String eventId) {
        String subject = "minerwatch TEST: a test notification, no alert (" + UTC_TIME.format(now) + ")";
        String text = "This is a test of minerwatch's notification channels, sent by ./minerwatch notify --test at "
                + UTC_TIME.format(now) + ". Nothing has happened: no rule fired.";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(AlertMessage.EVENT_ID, eventId);
        facts.put("status", "test");
        facts.put("title", "a test notification");
        facts.put("date", LocalDate.ofInstant(now, ZoneOffset.UTC).toString());
        return new AlertMessage(
                subject,
                text,
                text,
                Gsm7.fitOneSegment("minerwatch TEST: a test notification, no alert."),
                Map.of(AlertMessage.KIND, "test", "severity", "info", AlertMessage.EVENT_ID, eventId),
                facts);
    }

    /**
     * The digest: its text for every protocol, and the attribute {@code kind=digest} that subscriptions filter on
     * (email receives it by default, SMS does not). It has no severity: it is no alert.
     */
    private static AlertMessage digest(AlertEvent event) {
        return new AlertMessage(
                truncate(event.origin().title(), AlertMessage.MAX_SUBJECT_LENGTH),
                event.explanation().detail(),
                event.explanation().detail(),
                Gsm7.fitOneSegment(event.origin().title()),
                Map.of(
                        AlertMessage.KIND,
                        AlertMessage.DIGEST,
                        "event",
                        event.kind().name(),
                        AlertMessage.EVENT_ID,
                        event.key()),
                facts(event, AlertMessage.DIGEST));
    }

    /**
     * An acknowledgement ({@code minerwatch ack}): "title acknowledged by whom: why", its detail, in every body, with
     * the rule's attributes, so every subscription and channel that heard the alert hears that someone is on it.
     */
    private static AlertMessage acknowledged(AlertEvent event) {
        String text = event.explanation().detail();
        return new AlertMessage(
                truncate(
                        "minerwatch ACKNOWLEDGED [" + event.origin().severity().id() + "]: "
                                + event.origin().title() + " (" + event.day() + ")",
                        AlertMessage.MAX_SUBJECT_LENGTH),
                text + " (event " + event.key() + ")",
                text + ".\n\nNo reminder is sent until the alert resolves. Rule " + event.ruleId() + ", event "
                        + event.key() + ".",
                Gsm7.fitOneSegment("minerwatch ACKNOWLEDGED: " + text),
                attributes(event),
                facts(event, "acknowledged"));
    }

    /**
     * An escalation: the alert nobody acknowledged, "escalated to <target>", with its figures, to the one target its
     * rule names ({@code deliver_to}: a channel, or {@code sms} for the topic's SMS subscription) and nowhere else
     * ({@link AlertMessage#onlyFor}: the other subscriptions' filter policies refuse it, the forwarder posts it to that
     * channel alone). It carries the key of the
     * alert it escalates ({@code escalates}), which its acknowledgement's link acknowledges.
     */
    private static AlertMessage escalated(AlertEvent event) {
        String target = Escalation.targetOf(event).orElse("");
        String escalates = Escalation.escalatedKey(event).orElse(event.key());
        AlertEvent.Figures figures = event.figures();
        String text = event.explanation().detail() + ". Value " + amount(event, figures.value()) + " against "
                + amount(event, figures.threshold()) + " (" + figures.series() + ", " + event.day() + ").";
        Map<String, String> attributes = new LinkedHashMap<>(attributes(event));
        attributes.put(AlertMessage.KIND, AlertMessage.ESCALATION);
        Map<String, Object> facts = facts(event, "escalated");
        facts.put(AlertMessage.ESCALATES, escalates);
        facts.put(AlertMessage.DELIVER_TO, target);
        AlertMessage escalation = new AlertMessage(
                truncate(
                        "minerwatch ESCALATED [" + event.origin().severity().id() + "]: "
                                + event.origin().title() + " (" + event.day() + ")",
                        AlertMessage.MAX_SUBJECT_LENGTH),
                text + " (event " + escalates + ")",
                text + "\n\n" + event.explanation().meaning() + "\n\nRule " + event.ruleId() + ", event " + escalates
                        + ".",
                Gsm7.fitOneSegment(
                        "minerwatch ESCALATED: " + event.explanation().detail()),
                attributes,
                facts);
        return escalation.onlyFor(target);
    }

    private static String defaultBody(AlertEvent event) {
        AlertEvent.Figures figures = event.figures();
        AlertEvent.Explanation explanation = event.explanation();
        // A reminder says how long the rule has been active: its detail does.
        String reminder = event.kind() == EventKind.REMINDER ? ", " + explanation.detail() : "";
        return event.kind() + " " + event.ruleId() + " on " + event.day() + reminder + ": value "
                + amount(event, figures.value())
                + ", threshold " + amount(event, figures.threshold()) + distance(event) + ", as of "
                + figures.asOf() + ", sources " + String.join(",", explanation.sources()) + ", "
                + explanation.thresholdBasis()
                + ", day " + (figures.dayFinal() ? "final" : "not final") + ", event " + event.key()
                + Provider.attribution(explanation.sources()).map(a -> "; " + a).orElse("");
    }

    private static String email(AlertEvent event) {
        AlertEvent.Origin origin = event.origin();
        AlertEvent.Figures figures = event.figures();
        AlertEvent.Explanation explanation = event.explanation();
        boolean fired = firing(event);
        String headline =
                (fired ? origin.title() : origin.title() + " has resolved") + ": " + explanation.detail() + ".";
        return String.join(
                "\n",
                headline,
                "",
                // A value in another unit than its series' (a fleet's margin) is computed from that series.
                row(
                        "Value",
                        amount(event, figures.value()) + " ("
                                + (figures.unit().equals(figures.series().unit()) ? "" : "from ")
                                + figures.series() + ", " + event.day() + ")"),
                row("Threshold", amount(event, figures.threshold())),
                row("Distance", signedAmount(event, figures.value() - figures.threshold()) + distance(event)),
                fired
                        ? row(
                                "Resolves past",
                                event.resolves()
                                        ? amount(event, figures.rearmLevel())
                                        : "never: each day past the threshold is an alert of its own")
                        : row("Fires again at", amount(event, figures.threshold())),
                row("As of", UTC_TIME.format(figures.asOf())),
                row(
                        "Sources",
                        explanation.sources().isEmpty()
                                ? "-"
                                : String.join(", ", explanation.sources())
                                        + Provider.attribution(explanation.sources())
                                                .map(a -> " (" + a + ")")
                                                .orElse("")),
                row("Threshold from", explanation.thresholdBasis()),
                row(
                        "Day final",
                        figures.dayFinal()
                                ? "yes"
                                : "no (the day is open or its figure not yet settled: it may still change)"),
                row("Severity", origin.severity().id()),
                "",
                "What it means: " + explanation.meaning(),
                "",
                "Rule " + event.ruleId() + ", event " + event.key() + ", execution "
                        + event.recording().executionId() + ".");
    }

    /** Short enough for one GSM-7 segment; {@link Gsm7#fitOneSegment} guarantees it whatever the inputs. */
    private static String sms(AlertEvent event) {
        String title = event.origin().title().toLowerCase(Locale.ROOT);
        String text = firing(event)
                ? "minerwatch " + (event.kind() == EventKind.REMINDER ? "REMINDER " : "")
                        + event.origin().severity().name() + ": " + title + " on " + event.day() + ": "
                        + amount(event, event.figures().value()) + " vs "
                        + amount(event, event.figures().threshold())
                        + (Double.isNaN(event.distance()) ? "" : " (" + Amounts.percent(event.distance()) + ")") + "."
                : "minerwatch RESOLVED: " + title + " on " + event.day() + ": "
                        + amount(event, event.figures().value()) + " past "
                        + amount(event, event.figures().rearmLevel()) + ".";
        // The licence's attribution, shortened, where the segment has room for all of it.
        String attributed = text + " Data: TFTC, CC BY 4.0.";
        if (Provider.attribution(event.explanation().sources()).isPresent()
                && Gsm7.fitOneSegment(attributed).equals(attributed)) {
            text = attributed;
        }
        return Gsm7.fitOneSegment(text);
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-18s %s", label + ":", value);
    }

    static String amount(AlertEvent event, double value) {
        return Amounts.format(value, event.figures().unit());
    }

    private static String signedAmount(AlertEvent event, double value) {
        return (value < 0 ? "-" : "+") + amount(event, Math.abs(value));
    }

    /** " (−20.3% of the threshold)"; nothing against a threshold of 0 (a margin), where a share means nothing. */
    private static String distance(AlertEvent event) {
        double distance = event.distance();
        return Double.isNaN(distance) ? "" : " (" + Amounts.percent(distance) + " of the threshold)";
    }

    /** One line of at most {@code max} characters: SNS refuses a subject with a line break or longer than 100. */
    static String truncate(String text, int max) {
        String line = text.replaceAll("\\p{Cntrl}+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
