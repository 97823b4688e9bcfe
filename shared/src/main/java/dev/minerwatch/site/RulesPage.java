package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code rules.html}: each rule's definition as the rule file has it, and its record in the stored alert history. */
final class RulesPage extends Page {

    RulesPage(Pages pages) {
        super(pages);
    }

    String render() {
        StringBuilder body = new StringBuilder(16_384);
        body.append("<h1>Rules</h1>\n<p class=\"lede\">Rule set ")
                .append(text(rules.version()))
                .append(": each rule's definition, as in the rule file, and its record in the stored alert history.")
                .append("</p>\n");
        Map<String, Map<String, Object>> definitions = definitions();
        for (Rule rule : rules.rules()) {
            List<AlertEvent> fired = history.stream()
                    .map(HistoryEntry::event)
                    .filter(e -> e.ruleId().equals(rule.id()) && e.kind() == EventKind.FIRED)
                    .toList();
            body.append("<section id=\"")
                    .append(anchor(rule))
                    .append("\" aria-labelledby=\"h-")
                    .append(anchor(rule))
                    .append("\"><h2 id=\"h-")
                    .append(anchor(rule))
                    .append("\">")
                    .append(text(heading(rule)))
                    .append(" ")
                    .append(severity(rule.severity()))
                    .append("</h2>\n<dl class=\"definition\">");
            Map<String, Object> definition = new LinkedHashMap<>(definitions.getOrDefault(rule.id(), Map.of()));
            definition.putIfAbsent("id", rule.id());
            definition.putIfAbsent("kind", rule.kind());
            definition.putIfAbsent("series", rule.series().id());
            if (keptPrivate(rule)) {
                definition
                        .keySet()
                        .removeIf(key -> !List.of("id", "kind", "series", "title", "severity")
                                .contains(key));
                definition.put("fleet", "not public");
            }
            definition.forEach((key, value) -> body.append("<dt>")
                    .append(text(key))
                    .append("</dt><dd>")
                    .append(text(value instanceof String string ? string : Json.write(value)))
                    .append("</dd>"));
            body.append("</dl>\n");
            Map<Integer, Integer> perYear = new TreeMap<>();
            fired.forEach(e -> perYear.merge(e.day().getYear(), 1, Integer::sum));
            if (fired.isEmpty()) {
                body.append("<p>Never fired in the stored history.</p>\n");
            } else {
                body.append("<table class=\"record\"><caption>Fired per year</caption><thead><tr>")
                        .append("<th scope=\"col\">Year</th><th scope=\"col\">Events</th></tr></thead><tbody>");
                perYear.forEach((year, count) -> body.append("<tr><th scope=\"row\">")
                        .append(year)
                        .append("</th><td class=\"num\">")
                        .append(count)
                        .append("</td></tr>"));
                body.append("</tbody></table>\n<p>Last fired: ");
                body.append(String.join(
                        ", ",
                        fired.stream()
                                .limit(5)
                                .map(e -> "<a href=\"" + Site.eventPage(e.key()) + "\">" + e.day() + "</a>")
                                .toList()));
                body.append(".</p>\n");
            }
            body.append("</section>\n");
        }
        return Html.page("", "Rules", "Rules", at, body.toString());
    }

    /** Each rule's entry in the rule file the set was read from, by id; the defaults for a rule it does not name. */
    private Map<String, Map<String, Object>> definitions() {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        if (rules.document().get("rules") instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> map && map.get("id") instanceof String id) {
                    Map<String, Object> definition = new LinkedHashMap<>();
                    map.forEach((key, value) -> definition.put(String.valueOf(key), value));
                    byId.put(id, definition);
                }
            }
        }
        return byId;
    }
}
