package dev.minerwatch.site;

import dev.minerwatch.rules.Reading;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Silence;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What minerwatch knows at an instant: each series' newest point and whether it is fresh, each rule's state and last
 * event, and what waits in the outbox. {@code status} prints it; the site's {@code state.json} and {@code metrics.txt}
 * are drawn from it, so the three never disagree.
 *
 * @param at      the instant the ages are judged at
 * @param series  every series, in {@link SeriesId}'s order
 * @param rules   every rule of the rule set, in its order
 * @param active  every active rule state, by key, a rule no longer in the rule set's among them
 * @param waiting the events waiting in the outbox
 * @param held    of those, the ones a silence holds
 * @param silences the silences in force at {@code at}
 * @param parked  the events the channel refused for good
 * @param acknowledged the acknowledgement of each active state's current episode, by state key
 */
public record Overview(
        Instant at,
        List<SeriesFreshness> series,
        List<RuleStatus> rules,
        List<RuleState> active,
        int waiting,
        int held,
        List<Silence> silences,
        List<HistoryEntry> parked,
        Map<String, RuleLedger.Acknowledgement> acknowledged) {

    /** How far back the alert history is read for each rule's last event: the history's whole retention. */
    static final int HISTORY_READ = 2_000;

    public Overview {
        series = List.copyOf(series);
        rules = List.copyOf(rules);
        active = List.copyOf(active);
        silences = List.copyOf(silences);
        parked = List.copyOf(parked);
        acknowledged = Map.copyOf(acknowledged);
    }

    /**
     * A series' newest point on or before the day of {@link #at}, and its freshness as the {@code data_stale} rule
     * judges it when one watches the series.
     */
    public record SeriesFreshness(SeriesId series, Optional<DailyPoint> newest, Optional<Reading> freshness) {

        /** Stale: its freshness rule does not resolve, or, unwatched, there is no point at all. */
        public boolean stale() {
            return freshness.map(r -> r.signal() != Signal.RESOLVE).orElse(newest.isEmpty());
        }

        /** How old the newest point is at {@code at}: from when it was observed; never negative. */
        public Optional<Duration> age(Instant at) {
            return newest.map(p -> Duration.between(p.asOf(), at)).map(age -> age.isNegative() ? Duration.ZERO : age);
        }
    }

    /**
     * A rule with its stored state (none before its first evaluation) and its newest event in the alert history.
     */
    public record RuleStatus(Rule rule, Optional<RuleState> state, Optional<HistoryEntry> lastEvent) {

        public boolean active() {
            return state.map(RuleState::active).orElse(false);
        }
    }

    /** Reads the stores once: the newest point of each series, the ledger's snapshot, parked events and history. */
    public static Overview of(PointStore points, RuleLedger ledger, RuleSet rules, Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        List<DailyPoint> newest = new ArrayList<>();
        for (SeriesId series : SeriesId.values()) {
            points.latest(series, today).ifPresent(newest::add);
        }
        return of(newest, ledger, ledger.history(HISTORY_READ), ledger.parked(), rules, at);
    }

    /**
     * The site's: as {@link #of(PointStore, RuleLedger, RuleSet, Instant)}, over the points and the alert history
     * already read (each series' points oldest first, none after the day of {@code at}), the history {@linkplain
     * Disclosure disclosed}, and the parked events disclosed alike.
     */
    static Overview of(
            Map<SeriesId, List<DailyPoint>> points,
            RuleLedger ledger,
            List<HistoryEntry> alertHistory,
            RuleSet rules,
            Instant at) {
        List<DailyPoint> newest = points.values().stream()
                .filter(stored -> !stored.isEmpty())
                .map(stored -> stored.get(stored.size() - 1))
                .toList();
        return of(newest, ledger, alertHistory, Disclosure.of(ledger.parked(), rules), rules, at);
    }

    private static Overview of(
            List<DailyPoint> newest,
            RuleLedger ledger,
            List<HistoryEntry> alertHistory,
            List<HistoryEntry> parked,
            RuleSet rules,
            Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        History history = History.window(newest);
        List<SeriesFreshness> series = new ArrayList<>();
        for (SeriesId id : SeriesId.values()) {
            Optional<Reading> freshness = rules.rules().stream()
                    .filter(rule -> rule.watchesFreshness() && rule.series() == id)
                    .findFirst()
                    .map(rule -> rule.read(history, today, at));
            series.add(new SeriesFreshness(id, history.of(id).last(), freshness));
        }
        RuleLedger.Snapshot snapshot = ledger.load();
        List<RuleStatus> statuses = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            statuses.add(new RuleStatus(
                    rule,
                    Optional.ofNullable(snapshot.states().get(rule.stateKey())),
                    alertHistory.stream()
                            .filter(entry -> entry.event().stateKey().equals(rule.stateKey()))
                            .findFirst()));
        }
        return new Overview(
                at,
                series,
                statuses,
                snapshot.states().values().stream()
                        .filter(RuleState::active)
                        .sorted(Comparator.comparing(RuleState::key))
                        .toList(),
                snapshot.pending().size(),
                snapshot.heldBy().size(),
                snapshot.silences().stream().filter(s -> s.activeAt(at)).toList(),
                parked,
                snapshot.acknowledged());
    }

    /** The freshness of one series. */
    public SeriesFreshness of(SeriesId id) {
        return series.stream().filter(s -> s.series() == id).findFirst().orElseThrow();
    }

    /** Whether every series is fresh. */
    public boolean fresh() {
        return series.stream().noneMatch(SeriesFreshness::stale);
    }
}
