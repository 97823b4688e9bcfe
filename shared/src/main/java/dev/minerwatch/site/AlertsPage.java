package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code alerts.html}: the alert history, newest day first, with a filter that only hides rows. */
final class AlertsPage extends Page {

    AlertsPage(Pages pages) {
        super(pages);
    }

    String render() {
        StringBuilder body = new StringBuilder(8_192 + history.size() * 400);
        body.append("<h1>Alerts</h1>\n<p class=\"lede\">")
                .append(history.size())
                .append(history.size() == 1 ? " event" : " events")
                .append(" in the stored history, newest day first.</p>\n");
        Set<String> ruleIds = new LinkedHashSet<>();
        rules.rules().forEach(r -> ruleIds.add(r.id()));
        history.forEach(e -> ruleIds.add(e.event().ruleId()));
        body.append("<form class=\"filter\" id=\"filter\" hidden>\n")
                .append(select("rule", "Rule", ruleIds))
                .append(select("severity", "Severity", List.of("critical", "warning", "info")))
                .append(select("kind", "Kind", List.of("fired", "resolved", "reminder", "acknowledged", "digest")))
                .append("<label>Text <input type=\"search\" name=\"text\" id=\"filter-text\"></label>\n")
                .append("<output id=\"filter-count\" for=\"filter-rule filter-severity filter-kind filter-text\">")
                .append("</output>\n</form>\n");
        body.append("<div class=\"scroll\"><table id=\"alerts\"><caption>The alert history</caption>\n")
                .append("<thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Rule</th>")
                .append("<th scope=\"col\">Severity</th><th scope=\"col\">Kind</th><th scope=\"col\">Value</th>")
                .append("<th scope=\"col\">Threshold</th><th scope=\"col\">Delivery</th></tr></thead>\n<tbody>\n");
        for (HistoryEntry entry : history) {
            AlertEvent event = entry.event();
            String severity = event.origin().severity() == null
                    ? ""
                    : event.origin().severity().id();
            boolean shown = !keptPrivate(event);
            body.append("<tr data-rule=\"")
                    .append(text(event.ruleId()))
                    .append("\" data-severity=\"")
                    .append(severity)
                    .append("\" data-kind=\"")
                    .append(kind(event.kind()))
                    .append("\"><td>")
                    .append(event.day())
                    .append("</td><th scope=\"row\"><a href=\"")
                    .append(text(Site.eventPage(event.key())))
                    .append("\">")
                    .append(text(event.origin().title()))
                    .append("</a></th><td>")
                    .append(severity)
                    .append("</td><td>")
                    .append(kind(event.kind()))
                    .append("</td><td class=\"num\">")
                    .append(figure(
                            shown, event.figures().value(), event.figures().unit()))
                    .append("</td><td class=\"num\">")
                    .append(figure(
                            shown, event.figures().threshold(), event.figures().unit()))
                    .append("</td><td>")
                    .append(delivery(entry))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div>\n");
        if (history.isEmpty()) {
            body.append("<p>No rule has fired yet.</p>\n");
        }
        return Html.page("", "Alerts", "Alerts", at, body.toString(), FILTER);
    }

    private static String select(String name, String label, Collection<String> values) {
        StringBuilder select = new StringBuilder("<label>")
                .append(label)
                .append(" <select name=\"")
                .append(name)
                .append("\" id=\"filter-")
                .append(name)
                .append("\"><option value=\"\">any</option>");
        values.forEach(v -> select.append("<option>").append(text(v)).append("</option>"));
        return select.append("</select></label>\n").toString();
    }
}
