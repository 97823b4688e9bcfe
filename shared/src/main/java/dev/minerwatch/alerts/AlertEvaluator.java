package dev.minerwatch.alerts;

import dev.minerwatch.history.History;
import dev.minerwatch.notify.AlertMessageFormatter;
import dev.minerwatch.notify.NotificationException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scheduled evaluation: reads the windows the rules need and their states, lets the {@link RuleEngine}
 * decide, records the decisions in one conditional transaction, and delivers through the outbox, exactly once
 * per event. Events left in the outbox by a failed publish are delivered by the next run.
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
        Map<String, AlertEvent> toDeliver = new LinkedHashMap<>();
        snapshot.pending().forEach(e -> toDeliver.put(e.key(), e));
        if (alerts.record(outcome.changes().values(), outcome.events())) {
            outcome.events().forEach(e -> {
                recorded.add(e.key());
                toDeliver.put(e.key(), e);
            });
        } else {
            skipped.add("another evaluation changed the rule states first; it records and delivers these decisions");
        }
        List<EvaluationReport.Delivered> delivered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        deliver(toDeliver.values(), invocation.executionId(), delivered, failures);
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

    private void deliver(Iterable<AlertEvent> events, String owner, List<EvaluationReport.Delivered> delivered,
                         List<String> failures) {
        for (AlertEvent event : events) {
            if (!alerts.claim(event.key(), owner, clock.instant(), DELIVERY_LEASE)) {
                continue; // delivered meanwhile, or another run is delivering it now
            }
            try {
                String messageId = notifier.publish(AlertMessageFormatter.format(event));
                alerts.markSent(event.key(), owner, messageId, clock.instant());
                delivered.add(new EvaluationReport.Delivered(event.key(), messageId));
            } catch (NotificationException e) {
                alerts.release(event.key(), owner, e.getMessage());
                failures.add(event.key() + ": " + e.getMessage());
            }
        }
    }
}
