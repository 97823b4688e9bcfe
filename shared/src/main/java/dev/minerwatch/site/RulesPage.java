package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** {@code rules.html}: each rule's definition as the rule file has it, and its record in the stored alert history. */
final class RulesPage extends Page {

    RulesPage(Pages pages) {
        super(pages);
    }

    String render() {
        StringBuilder body = new StringBuilder(16_384);
        body.append("<h1>Rules</h1>\n<p class=\"lede\">Rule set ")
                .append(text(rules.version()))
                .append(": each rule's definition, as in the rule file; its record over the stored points (the rules")
                .append(" replayed over every stored day, as <code>minerwatch replay</code> does) and in the stored")
                .append(" alert history (what was notified).")
                .append("</p>\n");
        Map<String, Map<String, Object>> definitions = definitions();
        for (Rule rule : rules.rules()) {
            List<AlertEvent> fired = history.stream()
                    .map(HistoryEntry::event)
                    .filter(e -> e.stateKey().equals(rule.stateKey()) && e.kind() == EventKind.FIRED)
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
            record(body, rule, fired);
            body.append("</section>\n");
        }
        return Html.page("", "Rules", "Rules", at, body.toString());
    }

    /** A rule's fires per year, replayed over the stored points and as recorded, and the last of each. */
    private void record(StringBuilder body, Rule rule, List<AlertEvent> recorded) {
        boolean replayed = backtest.replayed().isPresent() && !keptPrivate(rule) && !rule.watchesFreshness();
        Map<Integer, Integer> backtested = replayed ? backtest.perYear(rule) : Map.of();
        Map<Integer, Integer> notified = new TreeMap<>();
        recorded.forEach(e -> notified.merge(e.day().getYear(), 1, Integer::sum));
        Set<Integer> years = new TreeSet<>(backtested.keySet());
        years.addAll(notified.keySet());
        if (years.isEmpty()) {
            body.append("<p>")
                    .append(
                            replayed
                                    ? "Never fired over the stored points, nor since it was deployed."
                                    : "Never fired.")
                    .append("</p>\n");
            return;
        }
        body.append("<table class=\"record\"><caption>Fired per year")
                .append(
                        replayed
                                ? " (backtest over " + backtest.replayed().get().first() + " to "
                                        + backtest.replayed().get().last() + ")"
                                : "")
                .append("</caption><thead><tr><th scope=\"col\">Year</th>");
        if (replayed) {
            body.append("<th scope=\"col\">Backtest</th>");
        }
        body.append("<th scope=\"col\">Notified</th></tr></thead><tbody>");
        for (int year : years) {
            body.append("<tr><th scope=\"row\">").append(year).append("</th>");
            if (replayed) {
                body.append("<td class=\"num\">")
                        .append(backtested.getOrDefault(year, 0))
                        .append("</td>");
            }
            body.append("<td class=\"num\">")
                    .append(notified.getOrDefault(year, 0))
                    .append("</td></tr>");
        }
        body.append("</tbody></table>\n");
        if (replayed && !backtest.firedNewestFirst(rule).isEmpty()) {
            body.append("<p>Last fired in the backtest: ")
                    .append(String.join(
                            ", ",
                            backtest.firedNewestFirst(rule).stream()
                                    .limit(5)
                                    .map(LocalDate::toString)
                                    .toList()))
                    .append(".</p>\n");
        }
        if (!recorded.isEmpty()) {
            body.append("<p>Last notified: ")
                    .append(String.join(
                            ", ",
                            recorded.stream()
                                    .limit(5)
                                    .map(e -> "<a href=\"" + text(Site.eventPage(e.key())) + "\">" + e.day() + "</a>")
                                    .toList()))
                    .append(".</p>\n");
        }
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
