package dev.minerwatch.notify;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** Writes an alert event as the email, SMS and default bodies subscribers receive. */
public final class AlertMessageFormatter {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    private AlertMessageFormatter() {
    }

    public static AlertMessage format(AlertEvent event) {
        String state = event.kind() == EventKind.FIRED ? "ALERT" : "RESOLVED";
        String subject = truncate("minerwatch " + state + " [" + event.severity().id() + "]: " + event.title()
                + (event.kind() == EventKind.RESOLVED ? " (resolved)" : ""), AlertMessage.MAX_SUBJECT_LENGTH);
        return new AlertMessage(subject, defaultBody(event), email(event), sms(event), Map.of(
                "rule", event.ruleId(),
                "severity", event.severity().id(),
                "event", event.kind().name()));
    }

    private static String defaultBody(AlertEvent event) {
        return event.kind() + " " + event.ruleId() + " on " + event.day() + ": value " + amount(event, event.value())
                + ", threshold " + amount(event, event.threshold()) + " (" + percent(event.distance()) + "), as of "
                + event.asOf() + ", sources " + String.join(",", event.sources()) + ", " + event.thresholdBasis()
                + ", day " + (event.dayFinal() ? "final" : "not final") + ", event " + event.key();
    }

    private static String email(AlertEvent event) {
        boolean fired = event.kind() == EventKind.FIRED;
        String headline = fired
                ? event.title() + ": " + event.series() + " is " + magnitude(event.distance()) + " "
                + (event.distance() < 0 ? "under" : "over") + " the threshold."
                : event.title() + " has resolved: " + event.series() + " is back above " + amount(event, event.rearmLevel()) + ".";
        return String.join("\n",
                headline,
                "",
                row("Value", amount(event, event.value()) + " (" + event.day() + ")"),
                row("Threshold", amount(event, event.threshold())),
                row("Distance", signedAmount(event, event.value() - event.threshold()) + " (" + percent(event.distance()) + ")"),
                row(fired ? "Resolves above" : "Fires again under", fired ? amount(event, event.rearmLevel()) : amount(event, event.threshold())),
                row("As of", UTC_TIME.format(event.asOf())),
                row("Sources", String.join(", ", event.sources())),
                row("Threshold from", event.thresholdBasis()),
                row("Day final", event.dayFinal() ? "yes" : "no (the day is still open; its value may still move)"),
                row("Severity", event.severity().id()),
                "",
                "What it means: " + event.meaning(),
                "",
                "Rule " + event.ruleId() + ", event " + event.key() + ", execution " + event.executionId() + ".");
    }

    /** Short enough for one GSM-7 segment; {@link Gsm7#fitOneSegment} guarantees it whatever the inputs. */
    private static String sms(AlertEvent event) {
        String text = event.kind() == EventKind.FIRED
                ? "minerwatch " + event.severity().name() + ": " + event.series() + " " + amount(event, event.value()) + " is "
                + magnitude(event.distance()) + " under " + amount(event, event.threshold()) + " ("
                + event.title().toLowerCase(Locale.ROOT) + ") on " + event.day() + "."
                : "minerwatch RESOLVED: " + event.series() + " " + amount(event, event.value()) + " is back above " + amount(event, event.rearmLevel()) + " ("
                + event.title().toLowerCase(Locale.ROOT) + ") on " + event.day() + ".";
        return Gsm7.fitOneSegment(text);
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "%-18s %s", label + ":", value);
    }

    /** A value in its series' unit: dollars as $69,280.50, others as 915.85 EH/s. */
    static String amount(AlertEvent event, double value) {
        String unit = event.series().unit();
        if (unit.startsWith("USD")) {
            String dollars = String.format(Locale.US, "$%,.2f", value).replace(".00", "");
            return unit.equals("USD") ? dollars : dollars + unit.substring(3);
        }
        return String.format(Locale.US, "%,.2f", value).replace(".00", "") + " " + unit;
    }

    private static String signedAmount(AlertEvent event, double value) {
        return (value < 0 ? "-" : "+") + amount(event, Math.abs(value));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    private static String magnitude(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", Math.abs(fraction) * 100);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
