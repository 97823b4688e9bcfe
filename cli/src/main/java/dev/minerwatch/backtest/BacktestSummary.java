package dev.minerwatch.backtest;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.history.SeriesHistory;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a replay says about each rule: how often it fires (per year of data it could read), the median days
 * between firings, how long an episode lasts, and what BTC did 30 and 90 days after each firing.
 */
public record BacktestSummary(RuleEngine.Replay result, List<RuleSummary> rules, List<FiredReturn> returns) {

    /** One rule's figures; NaN where there is nothing to measure. */
    public record RuleSummary(
            String ruleId,
            int fired,
            int resolved,
            double readableYears,
            double perYear,
            double medianDaysBetween,
            double meanDurationDays,
            OptionalDouble meanReturn30,
            int known30,
            OptionalDouble meanReturn90,
            int known90) {}

    /** The BTC return after one FIRED event, where the prices are known. */
    public record FiredReturn(AlertEvent event, OptionalDouble return30, OptionalDouble return90) {}

    public static BacktestSummary of(RuleEngine.Replay result, SeriesHistory btcUsd) {
        Map<String, List<AlertEvent>> byRule = new LinkedHashMap<>();
        result.ruleIds().forEach(id -> byRule.put(id, new ArrayList<>()));
        result.events()
                .forEach(e -> byRule.computeIfAbsent(e.ruleId(), k -> new ArrayList<>())
                        .add(e));
        List<RuleSummary> rules = new ArrayList<>();
        List<FiredReturn> returns = new ArrayList<>();
        for (var entry : byRule.entrySet()) {
            List<AlertEvent> events = entry.getValue();
            List<AlertEvent> fired =
                    events.stream().filter(e -> e.kind() == EventKind.FIRED).toList();
            Span readable = result.readable().get(entry.getKey());
            double years = readable == null ? 0 : readable.days() / 365.25;

            List<Double> gaps = new ArrayList<>();
            for (int i = 1; i < fired.size(); i++) {
                gaps.add((double) ChronoUnit.DAYS.between(
                        fired.get(i - 1).day(), fired.get(i).day()));
            }
            List<Double> durations = new ArrayList<>();
            Map<String, AlertEvent> open = new HashMap<>();
            for (AlertEvent e : events) {
                String state = e.stateKey();
                if (e.kind() == EventKind.FIRED) {
                    open.put(state, e);
                } else if (e.kind() == EventKind.RESOLVED && open.containsKey(state)) {
                    durations.add(
                            (double) ChronoUnit.DAYS.between(open.remove(state).day(), e.day()));
                }
            }
            List<Double> r30 = new ArrayList<>();
            List<Double> r90 = new ArrayList<>();
            for (AlertEvent e : fired) {
                OptionalDouble a = btcReturn(btcUsd, e.day(), 30);
                OptionalDouble b = btcReturn(btcUsd, e.day(), 90);
                a.ifPresent(r30::add);
                b.ifPresent(r90::add);
                returns.add(new FiredReturn(e, a, b));
            }
            rules.add(new RuleSummary(
                    entry.getKey(),
                    fired.size(),
                    (int) events.stream()
                            .filter(e -> e.kind() == EventKind.RESOLVED)
                            .count(),
                    years,
                    years > 0 ? fired.size() / years : Double.NaN,
                    median(gaps),
                    mean(durations),
                    r30.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(mean(r30)),
                    r30.size(),
                    r90.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(mean(r90)),
                    r90.size()));
        }
        returns.sort(Comparator.comparing(r -> r.event().day()));
        return new BacktestSummary(result, rules, returns);
    }

    /** The close {@code days} after {@code day} over the close of {@code day}, minus one; both must be known. */
    static OptionalDouble btcReturn(SeriesHistory btcUsd, LocalDate day, int days) {
        Optional<DailyPoint> start = btcUsd.on(day);
        Optional<DailyPoint> end = btcUsd.on(day.plusDays(days));
        if (start.isEmpty() || end.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(end.get().value() / start.get().value() - 1);
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double mean(List<Double> values) {
        return values.isEmpty()
                ? Double.NaN
                : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The summary as people read it: a table per rule, then the returns after each firing. */
    public void write(PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "replayed %s to %s (%d days, %d events) in %.1f ms of evaluation%n",
                result.replayed().first(),
                result.replayed().last(),
                result.replayed().days(),
                result.events().size(),
                result.nanos() / 1e6);
        out.printf(
                Locale.ROOT,
                "%-28s %5s %8s %8s %9s %9s %14s %14s%n",
                "rule",
                "fired",
                "resolved",
                "per year",
                "median gap",
                "mean dur.",
                "BTC +30d (n)",
                "BTC +90d (n)");
        for (RuleSummary r : rules) {
            out.printf(
                    Locale.ROOT,
                    "%-28s %5d %8d %8s %9s %9s %14s %14s%n",
                    r.ruleId(),
                    r.fired(),
                    r.resolved(),
                    r.readableYears() > 0 ? String.format(Locale.ROOT, "%.1f", r.perYear()) : "no data",
                    days(r.medianDaysBetween()),
                    days(r.meanDurationDays()),
                    percent(r.meanReturn30(), r.known30()),
                    percent(r.meanReturn90(), r.known90()));
        }
        List<FiredReturn> known = returns.stream()
                .filter(r -> r.return30().isPresent() || r.return90().isPresent())
                .toList();
        if (!known.isEmpty()) {
            out.println("BTC return after each FIRED (where prices are known):");
            for (FiredReturn r : known) {
                out.printf(
                        Locale.ROOT,
                        "  %s %-28s +30d %8s  +90d %8s%n",
                        r.event().day(),
                        r.event().stateKey(),
                        percent(r.return30()),
                        percent(r.return90()));
            }
        }
        out.flush();
    }

    private static String days(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f d", value);
    }

    private static String percent(OptionalDouble value) {
        return value.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.1f%%", value.getAsDouble() * 100);
    }

    private static String percent(OptionalDouble value, int n) {
        return value.isEmpty() ? "-" : String.format(Locale.ROOT, "%+.1f%% (%d)", value.getAsDouble() * 100, n);
    }
}
