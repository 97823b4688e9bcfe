package dev.minerwatch.site;

import static dev.minerwatch.site.Html.text;

import dev.minerwatch.rules.Reading;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import dev.minerwatch.sources.Sources.Mempool.DifficultyAdjustment;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code index.html}, "now": the key figures, each rule's reading, each series' freshness, the outbox. */
final class IndexPage extends Page {
    /** The ETF flow sum the front page shows: the last five sessions, a trading week. */
    static final int ETF_SESSIONS = 5;

    IndexPage(Pages pages) {
        super(pages);
    }

    String render() {
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
        return Html.page("", "Now", "Now", at, body.toString(), UPLOT, CHARTS);
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
                    return Amounts.percent(Math.abs(margin)).replace("+", "") + (margin >= 0 ? " above" : " below")
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
        // As the digest sums them: the newest five sessions on or before today, fewer when fewer are stored.
        List<DailyPoint> sessions = SeriesHistory.of(
                        SeriesId.ETF_NET_FLOW_USD, points.getOrDefault(SeriesId.ETF_NET_FLOW_USD, List.of()))
                .lastPoints(LocalDate.ofInstant(at, ZoneOffset.UTC), ETF_SESSIONS);
        Optional<String> etfSum = sessions.isEmpty()
                ? Optional.empty()
                : Optional.of(Amounts.format(
                        sessions.stream().mapToDouble(DailyPoint::value).sum(), "USD"));
        card(
                body,
                "etf",
                "US spot ETF flows, last " + (sessions.isEmpty() ? ETF_SESSIONS : sessions.size()) + " sessions",
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
                .append("<div class=\"scroll\"><table><caption>Each rule's state and its reading as the evaluation")
                .append(" reads it: of ")
                .append(today)
                .append(", or of ")
                .append(today.minusDays(1))
                .append(
                        " for a rule that reads closed days</caption>\n<thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Value</th><th scope=\"col\">Threshold</th><th scope=\"col\">Since</th>")
                .append("<th scope=\"col\">Last event</th></tr></thead>\n<tbody>\n");
        for (Overview.RuleStatus status : overview.rules()) {
            Rule rule = status.rule();
            // As the scheduled evaluation reads it: a closed-day rule reads the newest closed day, not the open one.
            Reading reading = rule.read(all, rule.dayRead(RuleEngine.EvaluationTime.live(at)), at);
            boolean shown = !keptPrivate(rule);
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
                            .map(e -> "<a href=\""
                                    + text(Site.eventPage(e.event().key())) + "\">"
                                    + e.event().day() + " " + kind(e.event().kind()) + "</a>")
                            .orElse("none"))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table></div></section>\n");
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
                    .append(series.age(at).map(IndexPage::age).orElse(""))
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
                            .append("</li>"));
            body.append("</ul>\n");
        }
        body.append("</section>\n");
    }

    private List<String> rulesOn(SeriesId series) {
        return rules.rules().stream()
                .filter(r -> r.series() == series && !r.watchesFreshness() && !keptPrivate(r))
                .map(Rule::stateKey)
                .toList();
    }

    private Optional<DailyPoint> newest(SeriesId series) {
        return overview.of(series).newest();
    }

    private static String age(Duration age) {
        long hours = age.toHours();
        return hours < 48 ? hours + " h" : age.toDays() + " days";
    }
}
