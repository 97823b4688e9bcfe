package dev.minerwatch.site;

import dev.minerwatch.rules.Rule;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code metrics.txt} in the OpenMetrics text format, for Prometheus (and Grafana behind it) to scrape: each series'
 * newest value and age, each rule's state, and each public fleet's margin. Written by hand: a handful of gauges needs no client library in the
 * functions' artifact.
 */
final class OpenMetrics {

    /** What a scraper is told the document is. */
    static final String CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private OpenMetrics() {}

    static String of(Overview overview) {
        StringBuilder text = new StringBuilder();
        family(text, "minerwatch_series_value", "gauge", null, "The newest stored value of each series, in its unit.");
        for (Overview.SeriesFreshness freshness : overview.series()) {
            freshness
                    .newest()
                    .ifPresent(point -> sample(
                            text,
                            "minerwatch_series_value",
                            labels(
                                    "series",
                                    freshness.series().id(),
                                    "unit",
                                    freshness.series().unit()),
                            point.value()));
        }
        family(
                text,
                "minerwatch_series_age_seconds",
                "gauge",
                "seconds",
                "How long ago each series' newest value was observed.");
        for (Overview.SeriesFreshness freshness : overview.series()) {
            freshness
                    .age(overview.at())
                    .ifPresent(age -> sample(
                            text,
                            "minerwatch_series_age_seconds",
                            labels("series", freshness.series().id()),
                            age.toMillis() / 1000.0));
        }
        family(text, "minerwatch_series_stale", "gauge", null, "1 when a series is stale or missing, else 0.");
        for (Overview.SeriesFreshness freshness : overview.series()) {
            sample(
                    text,
                    "minerwatch_series_stale",
                    labels("series", freshness.series().id()),
                    freshness.stale() ? 1 : 0);
        }
        family(
                text,
                "minerwatch_rule_active",
                "gauge",
                null,
                "1 while a rule's state is active (fired, not resolved), else 0; a rule kept per series has one state each.");
        for (Overview.RuleStatus status : overview.rules()) {
            Rule rule = status.rule();
            sample(
                    text,
                    "minerwatch_rule_active",
                    labels(
                            "rule",
                            rule.id(),
                            "state",
                            rule.stateKey(),
                            "severity",
                            rule.severity().id()),
                    status.active() ? 1 : 0);
        }
        family(text, "minerwatch_outbox_waiting", "gauge", null, "Notifications waiting in the outbox.");
        sample(text, "minerwatch_outbox_waiting", "", overview.waiting());
        family(text, "minerwatch_outbox_parked", "gauge", null, "Notifications refused for good, never delivered.");
        sample(text, "minerwatch_outbox_parked", "", overview.parked().size());
        fleets(text, FleetMargin.of(overview));
        text.append("# EOF\n");
        return text.toString();
    }

    /** The public fleets' economics (rules with {@code "public": true}); no other fleet's figure is ever written. */
    private static void fleets(StringBuilder text, List<FleetMargin> fleets) {
        fleetFamily(
                text,
                fleets,
                "minerwatch_fleet_margin_usd_per_ph_day",
                "usd_per_ph_day",
                "A public fleet's margin at the newest hashprice: revenue after the pool fee less power and overheads.",
                FleetMargin::marginUsdPerPhDay);
        fleetFamily(
                text,
                fleets,
                "minerwatch_fleet_breakeven_power_usd_per_kwh",
                "usd_per_kwh",
                "The power price at which a public fleet's margin is 0 at the newest hashprice.",
                FleetMargin::breakevenUsdPerKwh);
        fleetFamily(
                text,
                fleets,
                "minerwatch_fleet_breakeven_hashprice_usd_per_ph_day",
                "usd_per_ph_day",
                "The hashprice at which a public fleet's margin is 0.",
                FleetMargin::breakevenHashprice);
    }

    /** One gauge of the public fleets, by rule; none at all without a public fleet. */
    private static void fleetFamily(
            StringBuilder text,
            List<FleetMargin> fleets,
            String name,
            String unit,
            String help,
            ToDoubleFunction<FleetMargin> figure) {
        if (fleets.isEmpty()) {
            return;
        }
        family(text, name, "gauge", unit, help);
        fleets.forEach(fleet -> sample(text, name, labels("rule", fleet.rule()), figure.applyAsDouble(fleet)));
    }

    private static void family(StringBuilder text, String name, String type, String unit, String help) {
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        if (unit != null) {
            text.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
        }
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    }

    private static void sample(StringBuilder text, String name, String labels, double value) {
        text.append(name).append(labels).append(' ').append(number(value)).append('\n');
    }

    /** Label pairs, their values escaped as the format asks (backslash, quote, line feed). */
    private static String labels(String... pairs) {
        StringBuilder labels = new StringBuilder("{");
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                labels.append(',');
            }
            labels.append(pairs[i])
                    .append("=\"")
                    .append(pairs[i + 1]
                            .replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\n", "\\n"))
                    .append('"');
        }
        return labels.append('}').toString();
    }

    /** A number as the format writes it: NaN and the infinities by name, integers without a fraction. */
    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        return Double.toString(value);
    }
}
