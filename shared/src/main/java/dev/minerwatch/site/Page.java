package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What every page of the site draws from, and the pieces they share: the chart's figure, figures in their units, a
 * severity, a kind, a delivery. Every figure is in the markup, readable without JavaScript; the charts ({@code
 * assets/charts.js} over uPlot) draw the same data from the read API's column documents.
 */
abstract sealed class Page permits IndexPage, AlertsPage, RulesPage, EventPage {

    static final String CHARTS = "assets/charts.js";
    static final String UPLOT = "assets/uplot/uPlot.iife.min.js";
    static final String FILTER = "assets/filter.js";

    final Overview overview;
    final List<HistoryEntry> history;
    final RuleSet rules;
    final Map<SeriesId, List<DailyPoint>> points;
    final Retarget retarget;
    final Map<String, Set<String>> receipts;
    final Instant at;
    final Backtest backtest;
    private final Set<String> publicFleets;

    Page(Pages pages) {
        this.overview = pages.overview();
        this.history = pages.history();
        this.rules = pages.rules();
        this.points = pages.points();
        this.retarget = pages.retarget();
        this.receipts = pages.receipts();
        this.at = pages.overview().at();
        this.backtest = pages.backtest();
        this.publicFleets = Disclosure.publicFleets(pages.rules());
    }

    /**
     * A chart's figure: the data attributes {@code charts.js} draws from, a caption, and a text for readers without
     * the chart.
     *
     * @param shadeStates the rule states whose alert spans the chart shades, by state key
     * @param range days shown first (the range buttons change it), or null with {@code window}
     * @param window {@code first last} days shown, or null
     * @param mark a day the chart marks with a line: the event's, on its page; or null
     */
    String chart(
            String id,
            String title,
            List<SeriesId> series,
            List<String> shadeStates,
            String range,
            String window,
            LocalDate mark,
            String caption) {
        StringBuilder figure = new StringBuilder(1024);
        figure.append("<section aria-labelledby=\"chart-")
                .append(id)
                .append("\"><h2 id=\"chart-")
                .append(id)
                .append("\">")
                .append(text(title))
                .append("</h2>\n<figure class=\"chart\" data-series=\"")
                .append(String.join(" ", series.stream().map(SeriesId::id).toList()))
                .append("\" data-spans=\"")
                .append(text(spans(shadeStates)))
                .append('"');
        if (range != null) {
            figure.append(" data-range=\"").append(range).append('"');
        }
        if (window != null) {
            figure.append(" data-window=\"").append(window).append('"');
        }
        if (mark != null) {
            figure.append(" data-mark=\"").append(mark).append('"');
        }
        figure.append(">\n<div class=\"plot\" aria-hidden=\"true\"></div>\n<figcaption>")
                .append(text(caption))
                .append(" <span class=\"status\" role=\"status\">The chart needs JavaScript; the figures are in the")
                .append(" tables.</span></figcaption>\n</figure></section>\n");
        return figure.toString();
    }

    /**
     * A rule's anchor on {@code rules.html}: its state key, since one staleness rule watches each series under one
     * id.
     */
    /**
     * The days each of {@code states} held, as {@code first:last} (last empty while it still holds), separated by
     * spaces: a state's events in the order of its versions, a fired one opening and a resolution closing its span;
     * for a rule that fires each day, each day it fired.
     */
    String spans(List<String> states) {
        List<String> spans = new ArrayList<>();
        for (String state : states) {
            List<AlertEvent> events = history.stream()
                    .map(HistoryEntry::event)
                    .filter(e -> e.stateKey().equals(state)
                            && (e.kind() == EventKind.FIRED || e.kind() == EventKind.RESOLVED))
                    .sorted(Comparator.comparingLong(AlertEvent::stateVersion))
                    .toList();
            boolean eachDay = rules.rules().stream()
                    .filter(rule -> rule.stateKey().equals(state))
                    .anyMatch(Rule::eachDay);
            LocalDate open = null;
            for (AlertEvent event : events) {
                if (event.kind() == EventKind.FIRED && eachDay) {
                    spans.add(event.day() + ":" + event.day());
                } else if (event.kind() == EventKind.FIRED && open == null) {
                    open = event.day();
                } else if (event.kind() == EventKind.RESOLVED && open != null) {
                    spans.add(open + ":" + event.day());
                    open = null;
                }
            }
            if (open != null) {
                spans.add(open + ":");
            }
        }
        return String.join(" ", spans);
    }

    static String anchor(Rule rule) {
        return rule.stateKey().replace('/', '-');
    }

    /** A rule's title, with the series it watches where one rule id watches several. */
    static String heading(Rule rule) {
        return rule.watchesFreshness() ? rule.title() + " (" + rule.series().id() + ")" : rule.title();
    }

    /** A fleet's power price and margin are a miner's own: shown only where its rule says {@code "public": true}. */
    static boolean keptPrivate(Rule rule) {
        return Disclosure.withheld(rule);
    }

    boolean keptPrivate(AlertEvent event) {
        return Disclosure.withheld(event, publicFleets);
    }

    /** A figure of a rule, or "not public" where it would show a fleet's own economics. */
    static String figure(boolean shown, double value, String unit) {
        return shown ? figure(value, unit) : "not public";
    }

    static String figure(double value, String unit) {
        if (!Double.isFinite(value) || unit == null) {
            return "none";
        }
        return Amounts.format(value, unit);
    }

    static String severity(Severity severity) {
        return "<span class=\"severity " + severity.id() + "\">" + severity.id() + "</span>";
    }

    static String kind(EventKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    static String delivery(HistoryEntry entry) {
        String status = entry.status().toLowerCase(Locale.ROOT);
        return entry.sentAt() == null ? status : status + " " + Html.minute(entry.sentAt());
    }

    static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
