package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Reading;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.sources.Sources.Mempool.DifficultyAdjustment;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The site's pages for people: {@code index.html} (now), {@code alerts.html}, {@code rules.html} and one page per
 * event. Every figure is in the markup, readable without JavaScript; the charts ({@code assets/charts.js} over
 * uPlot) draw the same data from the read API's column documents, and the alert filter ({@code assets/filter.js})
 * only hides rows.
 */
final class Pages {

    /** The ETF flow sum the front page shows: the last five sessions, a trading week. */
    static final int ETF_SESSIONS = 5;

    /** How far an event's chart reaches on each side of its day. */
    static final int EVENT_CHART_DAYS = 90;

    private static final String CHARTS = "assets/charts.js";
    private static final String FILTER = "assets/filter.js";

    private final Overview overview;
    private final List<HistoryEntry> history;
    private final RuleSet rules;
    private final Map<SeriesId, List<DailyPoint>> points;
    private final Retarget retarget;
    private final Map<String, Set<String>> receipts;
    private final Instant at;

    /**
     * @param receipts the chat and webhook channels that took each event still within the receipts' retention, by
     *     event key
     */
    Pages(
            Overview overview,
            List<HistoryEntry> history,
            RuleSet rules,
            Map<SeriesId, List<DailyPoint>> points,
            Retarget retarget,
            Map<String, Set<String>> receipts) {
        this.overview = overview;
        this.history = history;
        this.rules = rules;
        this.points = points;
        this.retarget = retarget;
        this.receipts = receipts;
        this.at = overview.at();
    }

    /** Every page, by its path under the site's root. */
    Map<String, String> all() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("index.html", index());
        pages.put("alerts.html", alerts());
        pages.put("rules.html", rules());
        for (HistoryEntry entry : history) {
            pages.put(Site.eventPage(entry.event().key()), event(entry));
        }
        return pages;
    }

    // ---- index.html -------------------------------------------------------------------------------------------

    String index() {
        StringBuilder body = new StringBuilder(16_384);
        body.append("<h1>Now</h1>\n<p class=\"lede\">What minerwatch knows at ")
                .append(Html.minute(at))
                .append(": ")
                .append(overview.fresh() ? "every series is fresh." : "<strong>some series are stale</strong>.")
                .append(' ')
                .append(activeSummary())
                .append("</p>\n");
        body.append("<section aria-labelledby=\"figures\"><h2 id=\"figures\">Key figures</h2>\n<dl class=\"cards\">\n");
        figures(body);
        body.append("</dl></section>\n");
        body.append(chart(
                "price",
                "BTC against the production cost",
                List.of(SeriesId.BTC_USD, SeriesId.PRODUCTION_COST_USD),
                rulesOn(SeriesId.BTC_USD),
                "365",
                null,
                null,
                "Daily BTC price and the estimated cost of producing one BTC; shaded: days a rule on the price held."));
        body.append(chart(
                "hashprice",
                "Hashprice",
                List.of(SeriesId.HASHPRICE_USD_PH_DAY),
                rulesOn(SeriesId.HASHPRICE_USD_PH_DAY),
                "365",
                null,
                null,
                "What one PH/s of hashrate earns per day, in USD."));
        ruleTable(body);
        freshnessTable(body);
        outbox(body);
        return Html.page("", "Now", "Now", at, body.toString(), "assets/uplot/uPlot.iife.min.js", CHARTS);
    }

    private String activeSummary() {
        long active =
                overview.rules().stream().filter(Overview.RuleStatus::active).count();
        return active == 0
                ? "No rule holds."
                : active + (active == 1 ? " rule holds" : " rules hold") + ": "
                        + String.join(
                                ", ",
                                overview.rules().stream()
                                        .filter(Overview.RuleStatus::active)
                                        .map(s -> text(s.rule().title()))
                                        .toList())
                        + ".";
    }

    private void figures(StringBuilder body) {
        Optional<DailyPoint> price = newest(SeriesId.BTC_USD);
        Optional<DailyPoint> cost = newest(SeriesId.PRODUCTION_COST_USD);
        String priceNote = price.flatMap(p -> cost.map(c -> {
                    double margin = (p.value() - c.value()) / c.value();
                    return Amounts.percent(margin).replace("+", "") + (margin >= 0 ? " above" : " below")
                            + " the production cost of " + Amounts.format(c.value(), "USD") + " ("
                            + c.day() + ")";
                }))
                .orElse("no production cost to compare with");
        card(body, "btc", "BTC price", price.map(p -> Amounts.format(p.value(), "USD")), price, priceNote);
        card(
                body,
                "cost",
                "Production cost",
                cost.map(c -> Amounts.format(c.value(), "USD")),
                cost,
                "the estimated all-in cost of mining one BTC");
        Optional<DailyPoint> hashprice = newest(SeriesId.HASHPRICE_USD_PH_DAY);
        card(
                body,
                "hashprice",
                "Hashprice",
                hashprice.map(p -> Amounts.format(p.value(), "USD") + " per PH/s per day"),
                hashprice,
                "revenue of one PH/s for a day");
        Optional<DailyPoint> hashrate = newest(SeriesId.HASHRATE_EHS);
        card(
                body,
                "hashrate",
                "Network hashrate",
                hashrate.map(p -> Amounts.format(p.value(), "EH/s")),
                hashrate,
                "daily average");
        List<DailyPoint> sessions = lastSessions(SeriesId.ETF_NET_FLOW_USD, ETF_SESSIONS);
        Optional<String> etfSum = sessions.size() == ETF_SESSIONS
                ? Optional.of(Amounts.format(
                        sessions.stream().mapToDouble(DailyPoint::value).sum(), "USD"))
                : Optional.empty();
        card(
                body,
                "etf",
                "US spot ETF flows, last " + ETF_SESSIONS + " sessions",
                etfSum,
                sessions.isEmpty() ? Optional.empty() : Optional.of(sessions.get(sessions.size() - 1)),
                sessions.isEmpty()
                        ? "no sessions stored"
                        : "sessions " + sessions.get(0).day() + " to "
                                + sessions.get(sessions.size() - 1).day());
        Optional<DifficultyAdjustment> estimate = retarget.estimateIfKnown();
        body.append("<div class=\"card\" id=\"retarget\"><dt>Next retarget</dt><dd class=\"figure\">")
                .append(estimate.map(e -> String.format(Locale.ROOT, "%+.2f%%", e.difficultyChangePercent()))
                        .orElse("unknown"))
                .append("</dd><dd>")
                .append(estimate.map(e -> "around " + day(e.estimatedRetarget()) + " at block "
                                + e.nextRetargetHeight() + ", " + e.remainingBlocks() + " blocks to go ("
                                + String.format(Locale.ROOT, "%.1f", e.progressPercent()) + "% of the epoch mined)")
                        .orElseGet(() -> text(retarget.unavailable())))
                .append("</dd></div>\n");
        body.append("<div class=\"card\" id=\"halving\"><dt>Next halving</dt><dd class=\"figure\">")
                .append(estimate.map(e -> "block " + e.nextHalvingHeight()).orElse("unknown"))
                .append("</dd><dd>")
                .append(estimate.map(e -> (e.nextHalvingHeight() - e.height()) + " blocks to go, around "
                                + day(e.estimatedHalving()) + " (" + days(e.estimatedHalving()) + ")")
                        .orElse("needs the chain's height, which mempool's retarget estimate gives"))
                .append("</dd></div>\n");
    }

    private void card(
            StringBuilder body,
            String id,
            String title,
            Optional<String> figure,
            Optional<DailyPoint> point,
            String note) {
        body.append("<div class=\"card\" id=\"")
                .append(id)
                .append("\"><dt>")
                .append(text(title))
                .append("</dt><dd class=\"figure\">")
                .append(text(figure.orElse("no data")))
                .append("</dd><dd>")
                .append(text(note));
        point.ifPresent(p -> body.append("; ").append(p.day()).append(p.isFinal() ? ", final" : ", provisional"));
        body.append("</dd></div>\n");
    }

    private String days(Instant when) {
        long days = Duration.between(at, when).toDays();
        return days == 0 ? "today" : days > 0 ? "in " + days + " days" : days + " days ago";
    }

    private void ruleTable(StringBuilder body) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        History all = History.window(
                points.values().stream().flatMap(Collection::stream).toList());
        body.append("<section aria-labelledby=\"rules\"><h2 id=\"rules\">Rules</h2>\n")
                .append("<div class=\"scroll\"><table><caption>Each rule's state and its reading of ")
                .append(today)
                .append("</caption>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Value</th><th scope=\"col\">Threshold</th><th scope=\"col\">Since</th>")
                .append("<th scope=\"col\">Last event</th></tr></thead>\n<tbody>\n");
        for (Overview.RuleStatus status : overview.rules()) {
            Rule rule = status.rule();
            Reading reading = rule.read(all, today, at);
            boolean shown = !private_(rule);
            body.append("<tr><th scope=\"row\"><a href=\"rules.html#")
                    .append(anchor(rule))
                    .append("\">")
                    .append(text(heading(rule)))
                    .append("</a> ")
                    .append(severity(rule.severity()))
                    .append("</th><td>")
                    .append(state(status, reading))
                    .append("</td><td class=\"num\">")
                    .append(figure(shown, reading.value(), reading.unit()))
                    .append("</td><td class=\"num\">")
                    .append(figure(shown, reading.threshold(), reading.unit()))
                    .append("</td><td>")
                    .append(status.state()
                            .filter(s -> s.active())
                            .map(s -> String.valueOf(s.lastEventDay()))
                            .orElse(""))
                    .append("</td><td>")
                    .append(status.lastEvent()
                            .map(e -> "<a href=\"" + Site.eventPage(e.event().key()) + "\">"
                                    + e.event().day() + " " + kind(e.event().kind()) + "</a>")
                            .orElse("none"))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div></section>\n");
    }

    /**
     * A rule's anchor on {@code rules.html}: its state key, since one staleness rule watches each series under one
     * id.
     */
    static String anchor(Rule rule) {
        return rule.stateKey().replace('/', '-');
    }

    /** A rule's title, with the series it watches where one rule id watches several. */
    private static String heading(Rule rule) {
        return rule.watchesFreshness() ? rule.title() + " (" + rule.series().id() + ")" : rule.title();
    }

    /** A fleet's power price and margin are a miner's own: shown only where its rule is published. */
    static boolean private_(Rule rule) {
        return rule.breakevenFleet().isPresent();
    }

    private static String state(Overview.RuleStatus status, Reading reading) {
        if (status.active()) {
            return "<span class=\"state holds\">holds</span>";
        }
        if (reading.signal() == Signal.NO_DATA) {
            return "<span class=\"state nodata\">no data</span>";
        }
        return "<span class=\"state quiet\">quiet</span>";
    }

    private void freshnessTable(StringBuilder body) {
        body.append("<section aria-labelledby=\"freshness\"><h2 id=\"freshness\">Freshness</h2>\n")
                .append("<div class=\"scroll\"><table><caption>Each series' newest point</caption>\n")
                .append("<thead><tr><th scope=\"col\">Series</th><th scope=\"col\">Newest value</th>")
                .append("<th scope=\"col\">Day</th><th scope=\"col\">Age</th><th scope=\"col\">Sources</th>")
                .append("<th scope=\"col\">Fresh</th></tr></thead>\n<tbody>\n");
        for (Overview.SeriesFreshness series : overview.series()) {
            Optional<DailyPoint> newest = series.newest();
            body.append("<tr><th scope=\"row\"><a href=\"api/v1/series/")
                    .append(series.series().id())
                    .append(".json\">")
                    .append(series.series().id())
                    .append("</a></th><td class=\"num\">")
                    .append(newest.map(p -> text(
                                    Amounts.format(p.value(), series.series().unit())))
                            .orElse("none"))
                    .append("</td><td>")
                    .append(newest.map(p -> p.day() + (p.isFinal() ? " final" : " provisional"))
                            .orElse(""))
                    .append("</td><td>")
                    .append(series.age(at).map(Pages::age).orElse(""))
                    .append("</td><td>")
                    .append(newest.map(p -> text(String.join(", ", p.sources())))
                            .orElse(""))
                    .append("</td><td>")
                    .append(
                            series.stale()
                                    ? "<span class=\"state holds\">stale</span>"
                                    : "<span class=\"state quiet\">fresh</span>")
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div></section>\n");
    }

    private void outbox(StringBuilder body) {
        body.append("<section aria-labelledby=\"delivery\"><h2 id=\"delivery\">Delivery</h2>\n<p>")
                .append(overview.waiting())
                .append(overview.waiting() == 1 ? " event waits" : " events wait")
                .append(" in the outbox (")
                .append(overview.held())
                .append(" held by a silence); ")
                .append(overview.parked().size())
                .append(" refused for good. ")
                .append(overview.silences().isEmpty() ? "No silence is in force." : "Silences in force:")
                .append("</p>\n");
        if (!overview.silences().isEmpty()) {
            body.append("<ul>");
            overview.silences()
                    .forEach(s -> body.append("<li>")
                            .append(text(s.ruleId()))
                            .append(" until ")
                            .append(Html.minute(s.endsAt()))
                            .append(": ")
                            .append(text(s.reason()))
                            .append("</li>"));
            body.append("</ul>\n");
        }
        body.append("</section>\n");
    }

    // ---- alerts.html ------------------------------------------------------------------------------------------

    String alerts() {
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
                .append(select("kind", "Kind", List.of("fired", "resolved", "reminder", "digest")))
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
            boolean shown = !privateEvent(event);
            body.append("<tr data-rule=\"")
                    .append(text(event.ruleId()))
                    .append("\" data-severity=\"")
                    .append(severity)
                    .append("\" data-kind=\"")
                    .append(kind(event.kind()))
                    .append("\"><td>")
                    .append(event.day())
                    .append("</td><th scope=\"row\"><a href=\"")
                    .append(Site.eventPage(event.key()))
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

    // ---- rules.html -------------------------------------------------------------------------------------------

    String rules() {
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
            if (private_(rule)) {
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

    // ---- events/<key>.html ------------------------------------------------------------------------------------

    String event(HistoryEntry entry) {
        AlertEvent event = entry.event();
        AlertEvent.Figures figures = event.figures();
        boolean shown = !privateEvent(event);
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
                .append("</h1>\n<p class=\"lede\">")
                .append(text(shown ? event.explanation().detail() : "A fleet's figures are not public."))
                .append("</p>\n<section aria-labelledby=\"figures\"><h2 id=\"figures\">Figures</h2>\n")
                .append("<dl class=\"definition\">");
        term(
                body,
                "Rule",
                "<a href=\"../rules.html#" + event.stateKey().replace('/', '-') + "\">" + text(event.ruleId())
                        + "</a>");
        term(body, "Day", event.day() + (figures.dayFinal() ? " (final)" : " (provisional: the day was open)"));
        term(body, "Series", text(figures.series().id()));
        term(body, "Value", text(figure(shown, figures.value(), figures.unit())));
        term(body, "Threshold", text(figure(shown, figures.threshold(), figures.unit())));
        if (event.resolves() && shown) {
            term(body, "Re-arms at", text(figure(figures.rearmLevel(), figures.unit())));
        }
        term(body, "Threshold basis", text(event.explanation().thresholdBasis()));
        term(body, "Sources", text(String.join(", ", event.explanation().sources())));
        term(body, "Observed", "<time datetime=\"" + figures.asOf() + "\">" + Html.minute(figures.asOf()) + "</time>");
        term(body, "Event id", "<code>" + text(event.key()) + "</code>");
        body.append("</dl></section>\n<section aria-labelledby=\"delivered\"><h2 id=\"delivered\">Delivery</h2>\n<p>")
                .append(delivery(entry))
                .append(". ")
                .append(channels(event.key()))
                .append("</p></section>\n");
        if (shown) {
            List<SeriesId> series = new ArrayList<>(List.of(figures.series()));
            if (figures.series() == SeriesId.BTC_USD) {
                series.add(SeriesId.PRODUCTION_COST_USD);
            }
            body.append(chart(
                    "event",
                    "Around the event",
                    series,
                    List.of(event.ruleId()),
                    null,
                    event.day().minusDays(EVENT_CHART_DAYS) + " " + event.day().plusDays(EVENT_CHART_DAYS),
                    event.day(),
                    "The " + figures.series().id() + " series up to " + EVENT_CHART_DAYS
                            + " days either side of the event (the dashed line); shaded: days the rule held."));
        }
        return Html.page(
                "../",
                event.origin().title() + " " + event.day(),
                null,
                at,
                body.toString(),
                "assets/uplot/uPlot.iife.min.js",
                CHARTS);
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

    // ---- shared pieces ----------------------------------------------------------------------------------------

    /**
     * A chart's figure: the data attributes {@code charts.js} draws from, a caption, and a text for readers without
     * the chart.
     *
     * @param range days shown first (the range buttons change it), or null with {@code window}
     * @param window {@code first last} days shown, or null
     * @param mark a day the chart marks with a line: the event's, on its page; or null
     */
    private String chart(
            String id,
            String title,
            List<SeriesId> series,
            List<String> shadeRules,
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
                .append("\" data-rules=\"")
                .append(text(String.join(" ", shadeRules)))
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
        figure.append(">\n<div class=\"plot\" role=\"img\" aria-label=\"")
                .append(text(caption))
                .append("\"></div>\n<figcaption>")
                .append(text(caption))
                .append(" <span class=\"status\" role=\"status\">The chart needs JavaScript; the figures are in the")
                .append(" tables.</span></figcaption>\n</figure></section>\n");
        return figure.toString();
    }

    private List<String> rulesOn(SeriesId series) {
        return rules.rules().stream()
                .filter(r -> r.series() == series && !r.watchesFreshness() && !private_(r))
                .map(Rule::id)
                .toList();
    }

    private boolean privateEvent(AlertEvent event) {
        return rules.rules().stream()
                .filter(r -> r.id().equals(event.ruleId()))
                .findFirst()
                .map(Pages::private_)
                .orElse(false);
    }

    private Optional<DailyPoint> newest(SeriesId series) {
        return overview.of(series).newest();
    }

    private List<DailyPoint> lastSessions(SeriesId series, int count) {
        List<DailyPoint> all = points.getOrDefault(series, List.of());
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** A figure of a rule, or "not public" where it would show a fleet's own economics. */
    private static String figure(boolean shown, double value, String unit) {
        return shown ? figure(value, unit) : "not public";
    }

    private static String figure(double value, String unit) {
        if (!Double.isFinite(value) || unit == null) {
            return "none";
        }
        return Amounts.format(value, unit);
    }

    private static String severity(Severity severity) {
        return "<span class=\"severity " + severity.id() + "\">" + severity.id() + "</span>";
    }

    private static String kind(EventKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String delivery(HistoryEntry entry) {
        String status = entry.status().toLowerCase(Locale.ROOT);
        return entry.sentAt() == null ? status : status + " " + Html.minute(entry.sentAt());
    }

    private static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    private static String age(Duration age) {
        long hours = age.toHours();
        return hours < 48 ? hours + " h" : age.toDays() + " days";
    }
}
