package dev.minerwatch.site;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Each rule's record over the stored points: the rules replayed over every stored day, as {@code replay} does, so
 * the rules page shows how often a rule would have fired, not only since it was deployed.
 *
 * @param replayed the days replayed; empty when nothing is stored
 * @param fired    the days each rule state fired, by its key (a rule's id, but for one per series), oldest first
 */
record Backtest(Optional<Span> replayed, Map<String, List<LocalDate>> fired) {

    static final Backtest NONE = new Backtest(Optional.empty(), Map.of());

    /**
     * Replays {@code rules} over every stored point up to the last closed day before {@code today}, but those that watch the freshness of the live collection: over a
     * stored history they would only say where it ends.
     */
    static Backtest of(RuleSet rules, Map<SeriesId, List<DailyPoint>> points, LocalDate today) {
        History history = History.complete(
                points.values().stream().flatMap(Collection::stream).toList());
        // The day still open is not replayed: the engine would read it as closed.
        Optional<Span> days = history.span()
                .filter(span -> span.first().isBefore(today))
                .map(span -> new Span(span.first(), span.last().isBefore(today) ? span.last() : today.minusDays(1)));
        if (days.isEmpty()) {
            return NONE;
        }
        List<String> replayed = rules.rules().stream()
                .filter(rule -> !rule.watchesFreshness())
                .map(Rule::id)
                .distinct()
                .toList();
        RuleEngine.Replay replay = new RuleEngine(rules.only(replayed)).replay(history, days.get());
        Map<String, List<LocalDate>> fired = new HashMap<>();
        for (AlertEvent event : replay.events()) {
            if (event.kind() == EventKind.FIRED) {
                fired.computeIfAbsent(event.stateKey(), key -> new ArrayList<>())
                        .add(event.day());
            }
        }
        return new Backtest(Optional.of(replay.replayed()), fired);
    }

    /** The days {@code rule} fired, newest first. */
    List<LocalDate> firedNewestFirst(Rule rule) {
        List<LocalDate> days = new ArrayList<>(fired.getOrDefault(rule.stateKey(), List.of()));
        days.sort(null);
        return days.reversed();
    }

    /** How many times {@code rule} fired in each year. */
    SortedMap<Integer, Integer> perYear(Rule rule) {
        SortedMap<Integer, Integer> perYear = new TreeMap<>();
        fired.getOrDefault(rule.stateKey(), List.of()).forEach(day -> perYear.merge(day.getYear(), 1, Integer::sum));
        return perYear;
    }
}
