package dev.minerwatch.alerts;

import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleEngine.EvaluationTime;
import dev.minerwatch.rules.RuleEngine.Freshness;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Silence;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scheduled evaluation: reads the windows the rules need and their states, lets the {@link RuleEngine}
 * decide, records the decisions in one conditional transaction, and delivers through the outbox, effectively once
 * per event: one publish request for up to ten events and one transaction marking them sent, however many fire.
 * Events left in the outbox by a failed publish are delivered by the next run, even when that run's own evaluation
 * fails (the run still fails). A crash between publish and mark-sent means one more publish of the same event, with
 * the same {@code event_id}, once the lease has passed: at most one duplicate per crash. An event the channel
 * refuses for good is parked after {@link OutboxDelivery#MAX_ATTEMPTS} attempts, rather than tried for ever.
 *
 * <p>Reads are bounded by the rules' look-back, never by the history's length: one Query per series that needs
 * more than two days, one BatchGetItem for all the others, one Query for every state and the outbox.
 */
public final class AlertEvaluator {

    /** Series that need no more than this many days before today are read by key, all in one request. */
    static final int BATCH_GET_DAYS = 1;

    private final PointStore points;
    private final RuleLedger ledger;
    private final Notifier notifier;
    private final RuleEngine engine;
    private final Clock clock;

    public AlertEvaluator(PointStore points, RuleLedger ledger, Notifier notifier, RuleEngine engine, Clock clock) {
        this.points = points;
        this.ledger = ledger;
        this.notifier = notifier;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * @throws EvaluationFailedException when reading or deciding failed, after the events already in the outbox were
     *                                   delivered
     * @throws IllegalStateException     when published events could not be marked sent
     */
    public EvaluationReport evaluate(ScheduledInvocation invocation) {
        return run(invocation, true);
    }

    /**
     * What every evaluation does after deciding, without deciding ({@code ./minerwatch deliver}): delivers what waits
     * in the outbox (reminders and acknowledgements left by a failed run, alerts whose silence ended), and releases
     * what the channels' quiet hours held, once they have ended.
     *
     * @throws IllegalStateException when published events could not be marked sent
     */
    public EvaluationReport deliver(ScheduledInvocation invocation) {
        return run(invocation, false);
    }

    private EvaluationReport run(ScheduledInvocation invocation, boolean decide) {
        String owner = invocation.executionId();
        RuleLedger.Snapshot snapshot = ledger.load();
        OutboxDelivery delivery = new OutboxDelivery(ledger, snapshot, notifier, clock, owner);
        // Events left by an earlier run first (claimed one by one: the rare path), before anything of this run can
        // fail, then this run's, recorded already leased to it.
        delivery.claimLeftOver(e -> true);
        List<String> recorded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<RuleEngine.Freshness> freshness = List.of();
        int stateChanges = 0;
        RuntimeException evaluationFailure = null;
        // The states as this run leaves them: what an escalation is decided on.
        Map<String, RuleState> states = new HashMap<>(snapshot.states());
        try {
            if (decide) {
                EvaluationTime time = EvaluationTime.live(invocation.scheduledTime());
                History history = History.window(read(time.latestDay()));
                RuleEngine.Outcome outcome = engine.evaluate(
                        history,
                        snapshot.states(),
                        time,
                        owner,
                        clock.instant(),
                        snapshot.acknowledged().keySet());
                freshness = outcome.freshness();
                outcome.notRead().forEach(n -> skipped.add(n.toString()));
                if (ledger.record(outcome.changes().values(), outcome.events(), OutboxDelivery.LEASE)) {
                    stateChanges = outcome.changes().size();
                    outcome.events().forEach(e -> {
                        recorded.add(e.key());
                        delivery.add(e, 1);
                    });
                    outcome.changes()
                            .values()
                            .forEach(change -> states.put(change.next().key(), change.next()));
                } else {
                    skipped.add("another evaluation changed the rule states first;"
                            + " it records and delivers these decisions");
                }
            }
            escalate(states, snapshot, owner, delivery, recorded, skipped);
        } catch (RuntimeException e) {
            evaluationFailure = e;
        }
        try {
            delivery.run();
        } catch (RuntimeException e) {
            if (evaluationFailure != null) {
                e.addSuppressed(evaluationFailure);
            }
            throw e;
        }
        // After this run's own alerts: those quiet hours held go out once the hours end, in a message of their own.
        // A release that fails is said and tried again by the next run: it never costs this run's report.
        List<String> released;
        try {
            released = notifier.releaseQuietHours();
        } catch (RuntimeException e) {
            released = List.of("FAILED: what quiet hours held was not released (" + e.getMessage()
                    + "); the next run tries again");
        }
        skipped.addAll(delivery.skipped());
        EvaluationReport report = new EvaluationReport(
                owner,
                recorded,
                delivery.delivered(),
                skipped,
                delivery.failures(),
                delivery.parked(),
                delivery.silenced(),
                released,
                freshness,
                stateChanges);
        if (evaluationFailure != null) {
            throw new EvaluationFailedException(report, evaluationFailure);
        }
        return report;
    }

    /** How far back in the history the alert an escalation escalates is looked for: days of alerts, at most. */
    static final int ESCALATION_LOOKBACK = 500;

    /**
     * Escalates each alert due ({@link Escalations}): its notice is recorded once per episode (a second decision of
     * it records nothing) and delivered with this run's events. The history is read only when an escalation is due.
     */
    private void escalate(
            Map<String, RuleState> states,
            RuleLedger.Snapshot snapshot,
            String owner,
            OutboxDelivery delivery,
            List<String> recorded,
            List<String> skipped) {
        Instant now = clock.instant();
        Set<String> silenced = snapshot.silences().stream()
                .filter(silence -> silence.activeAt(now))
                .map(Silence::ruleId)
                .collect(java.util.stream.Collectors.toSet());
        List<Escalations.Due> due = Escalations.due(
                engine.rules().rules(), states, snapshot.acknowledged().keySet(), silenced, now);
        if (due.isEmpty()) {
            return;
        }
        List<AlertEvent> history = ledger.history(ESCALATION_LOOKBACK).stream()
                .map(RuleLedger.HistoryEntry::event)
                .toList();
        for (Escalations.Due escalation : due) {
            RuleState state = escalation.state();
            Optional<AlertEvent> fired = history.stream()
                    .filter(e -> e.stateKey().equals(state.key())
                            && e.kind() == EventKind.FIRED
                            && e.stateVersion() <= state.version())
                    .max(Comparator.comparingLong(AlertEvent::stateVersion));
            if (fired.isEmpty()) {
                skipped.add(state.key() + ": due for escalation, but its FIRED event is not among the newest "
                        + ESCALATION_LOOKBACK + " of the history");
                continue;
            }
            AlertEvent notice = escalation.escalation().notice(fired.get(), owner, clock.instant());
            if (history.stream().anyMatch(e -> e.key().equals(notice.key()))) {
                continue; // escalated already, this episode
            }
            if (ledger.record(List.of(), List.of(notice), OutboxDelivery.LEASE)) {
                recorded.add(notice.key());
                delivery.add(notice, 1);
            }
        }
    }

    /** The windows of every series the rules read, ending today. */
    private List<DailyPoint> read(LocalDate today) {
        List<DailyPoint> window = new ArrayList<>();
        Set<SeriesId> byKey = new TreeSet<>();
        engine.lookbackDays().forEach((series, days) -> {
            if (days <= BATCH_GET_DAYS) {
                byKey.add(series);
            } else {
                window.addAll(points.range(series, today.minusDays(days), today));
            }
        });
        if (!byKey.isEmpty()) {
            window.addAll(points.days(byKey, today.minusDays(BATCH_GET_DAYS), today));
        }
        return window;
    }

    /**
     * What an evaluation run did: the events it recorded, the events it delivered (including earlier ones left in
     * the outbox), what it skipped, the deliveries that failed and stay queued for the next run, the events it parked
     * (refused for good by the channel, out of the outbox: each with its error), the events silences held back or that were
     * dismissed when their silence ended, what the channels' quiet hours held and released, how current each watched series is, and how many rule states it changed (what the site function
     * reads to know whether the site changed).
     */
    public record EvaluationReport(
            String executionId,
            List<String> recorded,
            List<Delivered> delivered,
            List<String> skipped,
            List<String> deliveryFailures,
            List<String> parked,
            List<String> silenced,
            List<String> released,
            List<Freshness> freshness,
            int stateChanges) {

        public EvaluationReport {
            recorded = List.copyOf(recorded);
            delivered = List.copyOf(delivered);
            skipped = List.copyOf(skipped);
            deliveryFailures = List.copyOf(deliveryFailures);
            parked = List.copyOf(parked);
            silenced = List.copyOf(silenced);
            released = List.copyOf(released);
            freshness = List.copyOf(freshness);
        }

        /** How many watched series are past their staleness limit. */
        public long staleSeries() {
            return freshness.stream().filter(Freshness::stale).count();
        }

        /** An event handed to the notifier, with the message id it got. */
        public record Delivered(String eventKey, String messageId) {}

        /** The report as JSON (simple objects: {@link dev.minerwatch.json.Json} writes them). */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("executionId", executionId);
            json.put("recorded", recorded);
            json.put(
                    "delivered",
                    delivered.stream()
                            .map(d -> Map.of("event", d.eventKey(), "messageId", d.messageId()))
                            .toList());
            json.put("skipped", skipped);
            json.put("deliveryFailures", deliveryFailures);
            json.put("parked", parked);
            json.put("silenced", silenced);
            json.put("released", released);
            json.put("staleSeries", staleSeries());
            json.put("stateChanges", stateChanges);
            return json;
        }
    }

    /**
     * An evaluation that could not read or decide: the run fails (for the error alarm and the scheduler's retry), and
     * its report says what was delivered from the outbox before it gave up.
     */
    public static final class EvaluationFailedException extends RuntimeException {

        private final transient EvaluationReport report;

        EvaluationFailedException(EvaluationReport report, RuntimeException cause) {
            super(
                    "the evaluation failed (" + cause.getMessage()
                            + "); the events already in the outbox were handled first: " + report.toJson(),
                    cause);
            this.report = report;
        }

        /** What the run did before it failed: the deliveries from the outbox. */
        public EvaluationReport report() {
            return report;
        }
    }
}
