package dev.minerwatch.alerts.digest;

import dev.minerwatch.alerts.OutboxDelivery;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.sources.Sources.Mempool;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Publishes the day's digest exactly once, whatever the retries: the digest is recorded in the outbox under a state
 * of its own ({@link #STATE_KEY}, the day it last went out), conditional on that state's version, so of two runs on
 * the same day one records it and the other finds it recorded; delivery then goes through the outbox as an alert's
 * does (a failed publish stays queued and the next run, digest or evaluation, delivers it).
 */
public final class DigestPublisher {

    /** The digest's state: not a rule id (those are lower-case letters, digits and {@code _}), so it meets none. */
    public static final String STATE_KEY = "digest:daily";

    private final PointStore points;
    private final RuleLedger ledger;
    private final Notifier notifier;
    private final RuleSet rules;
    private final Optional<Double> fixedProductionCost;
    private final Function<Deadline, Retarget> retarget;
    private final ZoneId zone;
    private final Clock clock;
    private final Function<LocalDate, List<ChannelReceipts.Held>> held;

    /**
     * @param retarget mempool's estimate of the next difficulty adjustment, fetched by the deadline when a digest is
     *                 composed
     * @param zone     where the digest's day is counted: a digest at 07:00 in {@code zone} is that day's
     * @param fixedProductionCost {@code PRODUCTION_COST_USD} when it is set: the cost the rules compare against, so
     *                 the cost the digest shows
     * @param held the alerts the channels' daily caps held on a UTC day ({@link ChannelReceipts#held}): the digest
     *             lists those of the UTC day before its own
     */
    public DigestPublisher(
            PointStore points,
            RuleLedger ledger,
            Notifier notifier,
            RuleSet rules,
            Optional<Double> fixedProductionCost,
            Function<Deadline, Retarget> retarget,
            ZoneId zone,
            Clock clock,
            Function<LocalDate, List<ChannelReceipts.Held>> held) {
        this.held = held;
        this.points = points;
        this.ledger = ledger;
        this.notifier = notifier;
        this.rules = rules;
        this.fixedProductionCost = fixedProductionCost;
        this.retarget = retarget;
        this.zone = zone;
        this.clock = clock;
    }

    /**
     * Mempool's estimate of the next difficulty adjustment, asked by the deadline when a digest is composed: the
     * {@code retarget} of the digest a deployment publishes (a failed call is said in the digest).
     */
    public static Function<Deadline, Retarget> retargetOf(Mempool mempool) {
        return deadline -> Retarget.ask(mempool, deadline);
    }

    /**
     * What a digest run did.
     *
     * @param recorded the key of the digest this run recorded; null when the day's was recorded already
     */
    public record Report(
            String executionId,
            LocalDate day,
            String recorded,
            List<String> delivered,
            List<String> skipped,
            List<String> deliveryFailures,
            List<String> parked) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("executionId", executionId);
            json.put("day", day.toString());
            json.put("recorded", recorded);
            json.put("delivered", delivered);
            json.put("skipped", skipped);
            json.put("deliveryFailures", deliveryFailures);
            json.put("parked", parked);
            return json;
        }
    }

    /**
     * The digest of the invocation's day, composed now, without recording or sending it, as {@code digest} prints it:
     * the subject, a blank line, the body.
     */
    public String preview(Instant scheduledTime, Deadline providers) {
        DailyDigest digest = compose(scheduledTime, providers);
        return digest.subject() + "\n\n" + digest.text();
    }

    DailyDigest compose(Instant scheduledTime, Deadline providers) {
        return compose(scheduledTime, ledger.load(), providers);
    }

    private DailyDigest compose(Instant scheduledTime, RuleLedger.Snapshot snapshot, Deadline providers) {
        LocalDate today = LocalDate.ofInstant(scheduledTime, ZoneOffset.UTC);
        List<DailyPoint> window = new ArrayList<>();
        for (SeriesId series : SeriesId.values()) {
            window.addAll(points.range(series, today.minusDays(DailyDigest.LOOKBACK_DAYS), today));
        }
        // The held alerts of the UTC day that ended last: complete, and each listed in one digest.
        LocalDate heldDay = today.minusDays(1);
        return DailyDigest.of(
                        LocalDate.ofInstant(scheduledTime, zone),
                        today,
                        clock.instant(),
                        History.window(window),
                        rules,
                        fixedProductionCost,
                        snapshot.states(),
                        retarget.apply(providers))
                .withHeld(heldDay, held.apply(heldDay));
    }

    /** Records the day's digest unless it was recorded already, and delivers what this run holds of the digests. */
    public Report publish(ScheduledInvocation invocation, Deadline providers) {
        String owner = invocation.executionId();
        RuleLedger.Snapshot snapshot = ledger.load();
        OutboxDelivery delivery = new OutboxDelivery(ledger, snapshot, notifier, clock, owner);
        delivery.claimLeftOver(e -> e.kind() == EventKind.DIGEST);
        LocalDate day = LocalDate.ofInstant(invocation.scheduledTime(), zone);
        RuleState previous = snapshot.states().getOrDefault(STATE_KEY, RuleState.initial(STATE_KEY));
        String recorded = null;
        List<String> skipped = new ArrayList<>();
        if (previous.lastEventDay() != null && !day.isAfter(previous.lastEventDay())) {
            skipped.add("the digest of " + day + " was recorded already (the newest: " + previous.lastEventDay() + ")");
        } else {
            DailyDigest digest = compose(invocation.scheduledTime(), snapshot, providers);
            RuleState next =
                    previous.after(EventKind.DIGEST, day, false).changedAt(clock.instant(), previous.version());
            AlertEvent event = event(digest, next, owner);
            if (ledger.record(List.of(new StateChange(previous, next)), List.of(event), OutboxDelivery.LEASE)) {
                recorded = event.key();
                delivery.add(event, 1);
            } else {
                skipped.add("another run recorded the digest of " + day + " first; it delivers it");
            }
        }
        delivery.run();
        skipped.addAll(delivery.skipped());
        return new Report(
                owner,
                day,
                recorded,
                delivery.delivered().stream().map(d -> d.eventKey()).toList(),
                skipped,
                delivery.failures(),
                delivery.parked());
    }

    /** The digest as an outbox event: its text is the detail, its subject the title, its value the active rules. */
    private static AlertEvent event(DailyDigest digest, RuleState state, String executionId) {
        Instant now = state.evaluatedAt();
        return new AlertEvent(
                AlertEvent.key(digest.day(), STATE_KEY, state.version()),
                new AlertEvent.Origin(STATE_KEY, digest.subject(), Severity.INFO, EventKind.DIGEST),
                new AlertEvent.Figures(
                        SeriesId.BTC_USD,
                        digest.day(),
                        digest.activeRules(),
                        0,
                        Double.NaN,
                        DailyDigest.ACTIVE_RULES_UNIT,
                        now,
                        false),
                new AlertEvent.Explanation(
                        List.of(),
                        "",
                        digest.text(),
                        "The day's summary; a missing digest means the pipeline is not running."),
                new AlertEvent.Recording(executionId, now));
    }
}
