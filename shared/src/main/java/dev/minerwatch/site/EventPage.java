package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** {@code events/<key>.html}: one event, its figures, provenance and delivery, and the chart around it. */
final class EventPage extends Page {
    /** How far an event's chart reaches on each side of its day. */
    static final int EVENT_CHART_DAYS = 90;

    EventPage(Pages pages) {
        super(pages);
    }

    String render(HistoryEntry entry) {
        AlertEvent event = entry.event();
        AlertEvent.Figures figures = event.figures();
        boolean shown = !keptPrivate(event);
        StringBuilder body = new StringBuilder(8_192);
        body.append("<p class=\"crumbs\"><a href=\"../alerts.html\">Alerts</a> › ")
                .append(event.day())
                .append("</p>\n<h1>")
                .append(text(event.origin().title()))
                .append(": ")
                .append(kind(event.kind()))
                .append(" ")
                .append(
                        event.origin().severity() == null
                                ? ""
                                : severity(event.origin().severity()))
                .append("</h1>\n")
                .append(
                        // The digest is lines of text: kept as lines.
                        event.kind() == EventKind.DIGEST
                                ? "<pre class=\"digest\">"
                                        + text(event.explanation().detail()) + "</pre>\n"
                                : "<p class=\"lede\">"
                                        + text(
                                                shown
                                                        ? event.explanation().detail()
                                                        : "A fleet's figures are not public.")
                                        + "</p>\n")
                .append("<section aria-labelledby=\"figures\"><h2 id=\"figures\">Figures</h2>\n")
                .append("<dl class=\"definition\">");
        term(
                body,
                "Rule",
                event.kind() == EventKind.DIGEST
                        ? "<a href=\"../index.html\">" + text(event.ruleId()) + "</a>"
                        : "<a href=\"../rules.html#" + text(ruleAnchor(event)) + "\">" + text(event.ruleId()) + "</a>");
        term(body, "Day", event.day() + (figures.dayFinal() ? " (final)" : " (provisional: the day was open)"));
        term(body, "Series", text(figures.series().id()));
        term(body, "Value", text(figure(shown, figures.value(), figures.unit())));
        term(body, "Threshold", text(figure(shown, figures.threshold(), figures.unit())));
        if (event.resolves() && shown) {
            term(body, "Re-arms at", text(figure(figures.rearmLevel(), figures.unit())));
        }
        term(body, "Threshold basis", shown ? text(event.explanation().thresholdBasis()) : "not public");
        term(body, "Sources", text(String.join(", ", event.explanation().sources())));
        term(body, "Observed", "<time datetime=\"" + figures.asOf() + "\">" + Html.minute(figures.asOf()) + "</time>");
        term(body, "Event id", "<code>" + text(event.key()) + "</code>");
        body.append("</dl></section>\n<section aria-labelledby=\"delivered\"><h2 id=\"delivered\">Delivery</h2>\n<p>")
                .append(delivery(entry))
                .append(". ")
                .append(channels(event.key()))
                .append("</p></section>\n");
        if (shown && event.kind() != EventKind.DIGEST) {
            List<SeriesId> series = new ArrayList<>(List.of(figures.series()));
            if (figures.series() == SeriesId.BTC_USD) {
                series.add(SeriesId.PRODUCTION_COST_USD);
            }
            body.append(chart(
                    "event",
                    "Around the event",
                    series,
                    List.of(event.stateKey()),
                    null,
                    event.day().minusDays(EVENT_CHART_DAYS) + " " + event.day().plusDays(EVENT_CHART_DAYS),
                    event.day(),
                    "The " + figures.series().id() + " series up to " + EVENT_CHART_DAYS
                            + " days either side of the event (the dashed line); shaded: days the rule held."));
        }
        // Dated by the event's own record, not the drawing: an event's page changes only when the event does, so a
        // publication puts only the pages that changed.
        return Html.page(
                "../",
                event.origin().title() + " " + event.day(),
                null,
                event.recordedAt(),
                body.toString(),
                UPLOT,
                CHARTS);
    }

    /** The anchor of the event's rule on rules.html: its state's, an acknowledgement's being its rule's. */
    private static String ruleAnchor(AlertEvent event) {
        String state = event.stateKey();
        return (state.endsWith(":ack") ? state.substring(0, state.length() - ":ack".length()) : state)
                .replace('/', '-');
    }

    private String channels(String eventKey) {
        Set<String> took = receipts.get(eventKey);
        if (took == null) {
            return "Chat and webhook receipts are kept two days; none is kept for this event.";
        }
        return took.isEmpty()
                ? "No chat or webhook channel took it."
                : "Taken by " + text(String.join(", ", new TreeSet<>(took))) + ".";
    }

    private static void term(StringBuilder body, String term, String html) {
        body.append("<dt>").append(term).append("</dt><dd>").append(html).append("</dd>");
    }
}
