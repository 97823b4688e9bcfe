package dev.minerwatch.alerts;

import dev.minerwatch.notify.AlertMessageFormatter;
import dev.minerwatch.notify.NotificationException;
import dev.minerwatch.notify.Notifier;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.ThresholdBelowRule;
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
import java.util.Optional;

/**
 * Evaluates the price-versus-production-cost rule on the stored points and delivers what it decides, exactly
 * once per event: decisions go through {@link AlertStore}'s conditional transaction, deliveries through its
 * outbox. Events left in the outbox by a failed publish are delivered by the next run.
 */
public final class AlertEvaluator {

    /** Long enough for a publish with the SDK's retries; short enough that a crashed run's events go out soon. */
    static final Duration DELIVERY_LEASE = Duration.ofMinutes(2);

    private final PointStore points;
    private final AlertStore alerts;
    private final Notifier notifier;
    private final ThresholdBelowRule rule;
    private final Optional<Double> configuredCost;
    private final Clock clock;

    public AlertEvaluator(PointStore points, AlertStore alerts, Notifier notifier, ThresholdBelowRule rule,
                          Optional<Double> configuredCost, Clock clock) {
        this.points = points;
        this.alerts = alerts;
        this.notifier = notifier;
        this.rule = rule;
        this.configuredCost = configuredCost;
        this.clock = clock;
    }

    public EvaluationReport evaluate(ScheduledInvocation invocation) {
        List<String> recorded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        decide(invocation, recorded, skipped);
        List<EvaluationReport.Delivered> delivered = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        deliverPending(invocation.executionId(), delivered, failures);
        return new EvaluationReport(invocation.executionId(), recorded, delivered, skipped, failures);
    }

    private void decide(ScheduledInvocation invocation, List<String> recorded, List<String> skipped) {
        LocalDate day = invocation.day();
        Optional<DailyPoint> price = points.latest(rule.series(), day);
        if (price.isEmpty()) {
            skipped.add(rule.id() + ": no " + rule.series() + " point on or before " + day);
            return;
        }
        Optional<Threshold> cost = productionCost(day);
        if (cost.isEmpty()) {
            skipped.add(rule.id() + ": no production cost (set " + "PRODUCTION_COST_USD or store "
                    + SeriesId.PRODUCTION_COST_USD + ")");
            return;
        }
        RuleState state = alerts.state(rule.id());
        Optional<EventKind> kind = rule.evaluate(price.get().value(), cost.get().value(), state.active());
        if (kind.isEmpty()) {
            return;
        }
        RuleState next = state.after(kind.get());
        DailyPoint p = price.get();
        AlertEvent event = new AlertEvent(AlertEvent.key(p.day(), rule.id(), next.version()), rule.id(), rule.title(),
                rule.severity(), kind.get(), rule.series(), p.day(), p.value(), cost.get().value(),
                rule.rearmLevel(cost.get().value()), p.asOf(), p.sources(), p.isFinal(), cost.get().basis(),
                rule.meaning(), invocation.executionId(), clock.instant());
        if (alerts.recordTransition(state, next, event)) {
            recorded.add(event.key());
        } else {
            skipped.add(rule.id() + ": another evaluation recorded this transition first");
        }
    }

    private record Threshold(double value, String basis) {
    }

    private Optional<Threshold> productionCost(LocalDate day) {
        if (configuredCost.isPresent()) {
            return Optional.of(new Threshold(configuredCost.get(), "configured value (PRODUCTION_COST_USD)"));
        }
        return points.latest(SeriesId.PRODUCTION_COST_USD, day).map(cost -> new Threshold(cost.value(),
                "stored " + SeriesId.PRODUCTION_COST_USD + " of " + cost.day()
                        + (cost.details().isEmpty() ? "" : " " + cost.details())));
    }

    private void deliverPending(String owner, List<EvaluationReport.Delivered> delivered, List<String> failures) {
        for (AlertEvent event : alerts.pending()) {
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
