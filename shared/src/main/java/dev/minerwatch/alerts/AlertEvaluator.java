package dev.minerwatch.alerts;

import dev.minerwatch.history.History;
import dev.minerwatch.notify.AlertMessageFormatter;
import dev.minerwatch.notify.Notifier;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EvaluationTime;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.AlertStore;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scheduled evaluation: reads the windows the rules need and their states, lets the {@link RuleEngine}
 * decide, records the decisions in one conditional transaction, and delivers through the outbox, exactly once
 * per event: one publish request for up to ten events and one transaction marking them sent, however many fire.
 * Events left in the outbox by a failed publish are delivered by the next run.
 *
 * <p>Reads are bounded by the rules' look-back, never by the history's length: one Query per series that needs
 * more than two days, one BatchGetItem for all the others, one Query for every state and the outbox.
 */
public final class AlertEvaluator {

    /** Long enough for a publish with the SDK's retries; short enough that a crashed run's events go out soon. */
    static final Duration DELIVERY_LEASE = Duration.ofMinutes(2);
    /** Series that need no more than this many days before today are read by key, all in one request. */
    static final int BATCH_GET_DAYS = 1;

    private final PointStore points;
    private final AlertStore alerts;
    private final Notifier notifier;
    private final RuleEngine engine;
    private final Clock clock;

    public AlertEvaluator(PointStore points, AlertStore alerts, Notifier notifier, RuleEngine engine, Clock clock) {
        this.points = points;
        this.alerts = alerts;
        this.notifier = notifier;
        this.engine = engine;
        this.clock = clock;
    }

    public EvaluationReport evaluate(ScheduledInvocation invocation) {
        EvaluationTime time = EvaluationTime.live(invocation.scheduledTime());
        History history = History.window(read(time.latestDay()));
        AlertStore.Snapshot snapshot = alerts.load();
        RuleEngine.Outcome outcome = engine.evaluate(history, snapshot.states(), time, invocation.executionId(),
                clock.instant());

        List<String> recorded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        outcome.notRead().forEach(n -> skipped.add(n.toString()));
        // Events left by an earlier run first (claimed one by one: the rare path), then this run's, recorded
        // already leased to it.
        List<AlertEvent> toDeliver = new ArrayList<>();
        snapshot.pending().stream()
                .filter(e -> alerts.claim(e.key(), invocation.executionId(), clock.instant(), DELIVERY_LEASE))
                .forEach(toDeliver::add);
        if (alerts.record(outcome.changes().values(), outcome.events(), DELIVERY_LEASE)) {
            outcome.events().forEach(e -> {
                recorded.add(e.key());
                toDeliver.add(e);
            });
        } else {
            skipped.add("another evaluation changed the rule states first; it records and delivers these decisions");
        }
        List<EvaluationReport.Delivered> delivered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        deliver(toDeliver, invocation.executionId(), delivered, skipped, failures);
        return new EvaluationReport(invocation.executionId(), recorded, delivered, skipped, failures,
                outcome.freshness());
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

    /** Publishes the leased events in one go, marks the accepted ones sent together, releases the others. */
    private void deliver(List<AlertEvent> events, String owner, List<EvaluationReport.Delivered> delivered,
                         List<String> skipped, List<String> failures) {
        if (events.isEmpty()) {
            return;
        }
        List<Notifier.Publication> publications = notifier.publish(events.stream().map(AlertMessageFormatter::format).toList());
        List<AlertStore.Sent> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AlertEvent event = events.get(i);
            Notifier.Publication publication = publications.get(i);
            if (publication.isAccepted()) {
                sent.add(new AlertStore.Sent(event.key(), publication.messageId()));
                delivered.add(new EvaluationReport.Delivered(event.key(), publication.messageId()));
            } else {
                alerts.release(event.key(), owner, publication.error());
                failures.add(event.key() + ": " + publication.error());
            }
        }
        alerts.markSent(sent, owner, clock.instant()).forEach(key -> skipped.add(key
                + ": published, but its lease had passed to another run, which may publish it again"));
    }
}
