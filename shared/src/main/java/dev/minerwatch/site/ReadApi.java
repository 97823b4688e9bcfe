package dev.minerwatch.site;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read API's documents, version 1: {@code state.json}, {@code events.json}, {@code series/<id>.json} and {@code
 * rules.json}, each described by its JSON Schema beside this class ({@code v1/*.schema.json}). Version 1 only ever
 * gains optional fields; a change that would break a reader is version 2, beside it.
 */
final class ReadApi {

    static final String VERSION = "v1";

    /** What a chart can show: six significant digits. */
    private static final MathContext CHART_PRECISION = new MathContext(6, RoundingMode.HALF_EVEN);

    private ReadApi() {}

    /** The state now: each series' newest point and freshness, each rule's state, the outbox. */
    @SuppressWarnings("unchecked") // the rules' entries are the maps made above
    static Map<String, Object> state(Overview overview) {
        Map<String, Object> state = document(overview.at());
        List<Object> series = new ArrayList<>();
        for (Overview.SeriesFreshness freshness : overview.series()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", freshness.series().id());
            one.put("unit", freshness.series().unit());
            one.put("newest", freshness.newest().map(ReadApi::point).orElse(null));
            one.put(
                    "ageSeconds",
                    freshness.age(overview.at()).map(age -> age.toSeconds()).orElse(null));
            one.put("watched", freshness.freshness().isPresent());
            one.put("stale", freshness.stale());
            series.add(one);
        }
        state.put("series", series);
        List<Object> rules = new ArrayList<>();
        for (Overview.RuleStatus status : overview.rules()) {
            Map<String, Object> one = new LinkedHashMap<>(rule(status.rule()));
            one.put("active", status.active());
            one.put(
                    "since",
                    status.state()
                            .filter(s -> s.active())
                            .map(s -> s.lastEventDay())
                            .map(String::valueOf)
                            .orElse(null));
            one.put("lastEvent", status.lastEvent().map(ReadApi::event).orElse(null));
            rules.add(one);
        }
        state.put("rules", rules);
        for (FleetMargin fleet : FleetMargin.of(overview)) {
            rules.stream()
                    .map(rule -> (Map<String, Object>) rule)
                    .filter(rule -> rule.get("id").equals(fleet.rule()))
                    .forEach(rule -> rule.put("fleet", fleet(fleet)));
        }
        Map<String, Object> outbox = new LinkedHashMap<>();
        outbox.put("waiting", overview.waiting());
        outbox.put("held", overview.held());
        outbox.put("parked", overview.parked().size());
        state.put("outbox", outbox);
        state.put(
                "silences",
                overview.silences().stream()
                        .map(silence -> {
                            Map<String, Object> one = new LinkedHashMap<>();
                            one.put("id", silence.id());
                            one.put("rule", silence.ruleId());
                            one.put("until", silence.endsAt().toString());
                            one.put("reason", Disclosure.OPERATORS_OWN); // the reason is the operator's
                            return one;
                        })
                        .toList());
        return state;
    }

    /** A public fleet's economics at the newest hashprice: only a rule with {@code "public": true} has them. */
    private static Map<String, Object> fleet(FleetMargin fleet) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("powerUsdPerKwh", finite(fleet.powerUsdPerKwh()));
        one.put("hashpriceDay", fleet.hashprice().day().toString());
        one.put("hashprice", finite(fleet.hashprice().value()));
        one.put("marginUsdPerPhDay", finite(fleet.marginUsdPerPhDay()));
        one.put("breakevenPowerUsdPerKwh", finite(fleet.breakevenUsdPerKwh()));
        one.put("breakevenHashpriceUsdPerPhDay", finite(fleet.breakevenHashprice()));
        return one;
    }

    /** The alert history, newest day first, each event with its figures, provenance and delivery. */
    static Map<String, Object> events(Instant at, List<HistoryEntry> history) {
        Map<String, Object> events = document(at);
        events.put("events", history.stream().map(ReadApi::event).toList());
        return events;
    }

    /** One series' stored daily points, oldest first, each with its finality and provenance. */
    static Map<String, Object> series(Instant at, SeriesId series, List<DailyPoint> points) {
        Map<String, Object> document = document(newestObservation(points, at));
        document.put("id", series.id());
        document.put("unit", series.unit());
        document.put("points", points.stream().map(ReadApi::point).toList());
        return document;
    }

    /**
     * The same points as {@link #series}, as columns for the charts: each day (days since 1970-01-01), its value to
     * six significant digits (a chart's pixel needs fewer), and the days not yet final, without the provenance: a
     * fifteenth of the bytes.
     */
    static Map<String, Object> columns(Instant at, SeriesId series, List<DailyPoint> points) {
        Map<String, Object> document = document(newestObservation(points, at));
        document.put("id", series.id());
        document.put("unit", series.unit());
        document.put("epochDays", points.stream().map(p -> p.day().toEpochDay()).toList());
        document.put(
                "values",
                points.stream()
                        .map(p -> Double.isFinite(p.value())
                                ? new BigDecimal(p.value())
                                        .round(CHART_PRECISION)
                                        .stripTrailingZeros()
                                : null)
                        .toList());
        document.put(
                "provisional",
                points.stream()
                        .filter(p -> !p.isFinal())
                        .map(p -> p.day().toString())
                        .toList());
        return document;
    }

    /**
     * Each rule's definition and its record: in the stored alert history (events per year, the last ones) and, over
     * the stored points, in the backtest (fires per year, the last ones), but a fleet's, which is its own.
     */
    static Map<String, Object> rules(Instant at, List<Rule> rules, List<HistoryEntry> history, Backtest backtest) {
        Map<String, Object> document = document(at);
        List<Object> all = new ArrayList<>();
        for (Rule rule : rules) {
            Map<String, Object> one = new LinkedHashMap<>(rule(rule));
            List<AlertEvent> fired = history.stream()
                    .map(HistoryEntry::event)
                    .filter(event -> event.stateKey().equals(rule.stateKey()) && event.kind() == EventKind.FIRED)
                    .toList();
            Map<String, Integer> perYear = new TreeMap<>();
            fired.forEach(event -> perYear.merge(String.valueOf(event.day().getYear()), 1, Integer::sum));
            one.put("eventsPerYear", perYear);
            one.put(
                    "lastFired",
                    fired.stream().limit(5).map(event -> event.day().toString()).toList());
            if (backtest.replayed().isPresent() && !Disclosure.withheld(rule) && !rule.watchesFreshness()) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("from", backtest.replayed().get().first().toString());
                record.put("to", backtest.replayed().get().last().toString());
                Map<String, Integer> firedPerYear = new TreeMap<>();
                backtest.perYear(rule).forEach((year, count) -> firedPerYear.put(String.valueOf(year), count));
                record.put("firedPerYear", firedPerYear);
                record.put(
                        "lastFired",
                        backtest.firedNewestFirst(rule).stream()
                                .limit(5)
                                .map(LocalDate::toString)
                                .toList());
                one.put("backtest", record);
            }
            all.add(one);
        }
        document.put("rules", all);
        return document;
    }

    /**
     * A series document's {@code generatedAt}: the instant of its newest observation ({@code at} when it has none), so
     * that an unchanged series is an unchanged file and a publication puts only the series that changed.
     */
    private static Instant newestObservation(List<DailyPoint> points, Instant at) {
        return points.stream().map(DailyPoint::asOf).max(Instant::compareTo).orElse(at);
    }

    private static Map<String, Object> document(Instant at) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("apiVersion", VERSION);
        document.put("generatedAt", at.toString());
        return document;
    }

    private static Map<String, Object> rule(Rule rule) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("id", rule.id());
        one.put("title", rule.title());
        one.put("severity", rule.severity().id());
        one.put("kind", rule.kind());
        one.put("series", rule.series().id());
        return one;
    }

    static Map<String, Object> point(DailyPoint point) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("day", point.day().toString());
        one.put("value", point.value());
        if (point.ohlc() != null) {
            one.put("open", point.ohlc().open());
            one.put("high", point.ohlc().high());
            one.put("low", point.ohlc().low());
            one.put("close", point.ohlc().close());
        }
        one.put("final", point.isFinal());
        one.put("asOf", point.asOf().toString());
        one.put("sources", point.sources());
        if (!point.details().isEmpty()) {
            one.put("details", new TreeMap<>(point.details()));
        }
        return one;
    }

    /** A figure as JSON has it: JSON has no NaN or infinity, so those are null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static Map<String, Object> event(HistoryEntry entry) {
        AlertEvent event = entry.event();
        AlertEvent.Figures figures = event.figures();
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("id", event.key());
        one.put("rule", event.ruleId());
        one.put("title", event.origin().title());
        one.put(
                "severity",
                event.origin().severity() == null
                        ? null
                        : event.origin().severity().id());
        one.put("kind", event.kind().name().toLowerCase(Locale.ROOT));
        one.put("series", figures.series().id());
        one.put("day", figures.day().toString());
        one.put("value", finite(figures.value()));
        one.put("threshold", finite(figures.threshold()));
        one.put("rearmLevel", event.resolves() ? finite(figures.rearmLevel()) : null);
        one.put("unit", figures.unit());
        one.put("asOf", figures.asOf().toString());
        one.put("dayFinal", figures.dayFinal());
        one.put("sources", event.explanation().sources());
        one.put("thresholdBasis", event.explanation().thresholdBasis());
        one.put("detail", event.explanation().detail());
        one.put("status", entry.status());
        one.put("sentAt", entry.sentAt() == null ? null : entry.sentAt().toString());
        return one;
    }
}
