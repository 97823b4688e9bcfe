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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scheduled evaluation: reads the windows the rules need and their states, lets the {@link RuleEngine}
 * decide, records the decisions in one conditional transaction, and delivers through the outbox, effectively once
 * per event: one publish request for up to ten events and one transaction marking them sent, however many fire.
 * Events left in the outbox by a failed publish are delivered by the next run, even when that run's own evaluation
 * fails (the run still fails). A crash between publish and mark-sent means one more publish of the same event, with
 * the same {@code event_id}, once the lease has passed: at most one duplicate per crash. An event the channel
 * refuses for good is parked after {@link #MAX_DELIVERY_ATTEMPTS} attempts, rather than tried for ever.
 *
 * <p>Reads are bounded by the rules' look-back, never by the history's length: one Query per series that needs
 * more than two days, one BatchGetItem for all the others, one Query for every state and the outbox.
 */
public final class AlertEvaluator {

    /** Long enough for a publish with the SDK's retries; short enough that a crashed run's events go out soon. */
    static final Duration DELIVERY_LEASE = Duration.ofMinutes(2);
    /** Series that need no more than this many days before today are read by key, all in one request. */
    static final int BATCH_GET_DAYS = 1;
    /**
     * How many runs try an event the channel refuses for good before it is parked: a few, because some refusals are
     * mended meanwhile (a re-enabled key, a corrected topic policy), and each is a failed run the operator sees.
     */
    public static final int MAX_DELIVERY_ATTEMPTS = 5;

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

    /**
     * @throws EvaluationFailedException when reading or deciding failed, after the events already in the outbox were
     *                                   delivered
     * @throws IllegalStateException     when published events could not be marked sent
     */
    public EvaluationReport evaluate(ScheduledInvocation invocation) {
        String owner = invocation.executionId();
        AlertStore.Snapshot snapshot = alerts.load();
        Delivery delivery = new Delivery(owner);
        // Events left by an earlier run first (claimed one by one: the rare path), before anything of this run can
        // fail, then this run's, recorded already leased to it.
        snapshot.pending().stream()
                .filter(e -> alerts.claim(e.key(), owner, clock.instant(), DELIVERY_LEASE))
                .forEach(e -> delivery.add(e, snapshot.attemptsOf(e.key()) + 1));
        List<String> recorded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<RuleEngine.Freshness> freshness = List.of();
        RuntimeException evaluationFailure = null;
        try {
            EvaluationTime time = EvaluationTime.live(invocation.scheduledTime());
            History history = History.window(read(time.latestDay()));
            RuleEngine.Outcome outcome = engine.evaluate(history, snapshot.states(), time, owner, clock.instant());
            freshness = outcome.freshness();
            outcome.notRead().forEach(n -> skipped.add(n.toString()));
            if (alerts.record(outcome.changes().values(), outcome.events(), DELIVERY_LEASE)) {
                outcome.events().forEach(e -> {
                    recorded.add(e.key());
                    delivery.add(e, 1);
                });
            } else {
                skipped.add(
                        "another evaluation changed the rule states first; it records and delivers these decisions");
            }
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
        skipped.addAll(delivery.skipped);
        EvaluationReport report = new EvaluationReport(
                owner, recorded, delivery.delivered, skipped, delivery.failures, delivery.parked, freshness);
        if (evaluationFailure != null) {
            throw new EvaluationFailedException(report, evaluationFailure);
        }
        return report;
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

    /** The leased events of one run and what became of them. */
    private final class Delivery {

        private final String owner;
        private final List<AlertEvent> events = new ArrayList<>();
        private final Map<String, Long> attempts = new HashMap<>();
        private final List<EvaluationReport.Delivered> delivered = new ArrayList<>();
        private final List<String> skipped = new ArrayList<>();
        private final List<String> failures = new ArrayList<>();
        private final List<String> parked = new ArrayList<>();

        Delivery(String owner) {
            this.owner = owner;
        }

        /** An event this run holds the lease on, and which delivery attempt this is for it. */
        void add(AlertEvent event, long attempt) {
            events.add(event);
            attempts.put(event.key(), attempt);
        }

        /**
         * Publishes the events in one go, marks the accepted ones sent together, parks those refused for good once
         * they have had their attempts, and releases the others for the next run.
         */
        void run() {
            if (events.isEmpty()) {
                return;
            }
            List<Notifier.Publication> publications = notifier.publish(
                    events.stream().map(AlertMessageFormatter::format).toList());
            List<AlertStore.Sent> sent = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                AlertEvent event = events.get(i);
                Notifier.Publication publication = publications.get(i);
                long attempt = attempts.get(event.key());
                if (publication.isAccepted()) {
                    sent.add(new AlertStore.Sent(event.key(), publication.messageId()));
                    delivered.add(new EvaluationReport.Delivered(event.key(), publication.messageId()));
                } else if (publication.permanent() && attempt >= MAX_DELIVERY_ATTEMPTS) {
                    String error = publication.error() + " (refused at attempt " + attempt + ")";
                    if (alerts.park(event.key(), owner, error, clock.instant())) {
                        parked.add(event.key() + ": " + error);
                    } else {
                        skipped.add(event.key() + ": refused for good, but its lease had passed to another run");
                    }
                } else {
                    alerts.release(event.key(), owner, publication.error());
                    failures.add(event.key() + ": " + publication.error() + " (attempt " + attempt + ")");
                }
            }
            List<String> leaseLost;
            try {
                leaseLost = alerts.markSent(sent, owner, clock.instant());
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "published " + sent.size() + " events but could not mark them sent: "
                                + "they stay leased to " + owner
                                + ", and the first run after the lease publishes them again, "
                                + "with the same event_id: "
                                + sent.stream().map(AlertStore.Sent::eventKey).toList(),
                        e);
            }
            leaseLost.forEach(key -> skipped.add(
                    key + ": published, but its lease had passed to another run, which may publish it again"));
        }
    }
}
