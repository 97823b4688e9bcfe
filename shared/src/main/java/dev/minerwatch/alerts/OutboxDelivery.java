package dev.minerwatch.alerts;

import dev.minerwatch.alerts.AlertEvaluator.EvaluationReport;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Silence;
import dev.minerwatch.store.RuleLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The outbox events one run holds the lease on, and what became of them: published in one go, the accepted ones
 * marked sent together, those refused for good parked once they have had {@link #MAX_ATTEMPTS} attempts, the others
 * released for the next run. The evaluation and the digest deliver through it.
 *
 * <p>An event a silence covers is held instead: it stays in the outbox, unleased, costing no write while the silence
 * lasts. Once the silence has ended, the first run delivers the event if it is still active (the newest event of a
 * rule still firing) and dismisses it otherwise: a silenced rule that fired and resolved meanwhile notifies nobody,
 * and one still firing notifies once.
 */
public final class OutboxDelivery {

    /** Long enough for a publish with the SDK's retries; short enough that a crashed run's events go out soon. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * How many runs try an event the channel refuses for good before it is parked: a few, because some refusals are
     * mended meanwhile (a re-enabled key, a corrected topic policy), and each is a failed run the operator sees.
     */
    public static final int MAX_ATTEMPTS = 5;

    private final RuleLedger ledger;
    private final RuleLedger.Snapshot snapshot;
    private final Notifier notifier;
    private final Clock clock;
    private final String owner;
    private final List<AlertEvent> events = new ArrayList<>();
    private final Map<String, Long> attempts = new HashMap<>();
    private final List<EvaluationReport.Delivered> delivered = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> parked = new ArrayList<>();
    private final List<String> silenced = new ArrayList<>();

    /** Delivery for the run {@code owner}, which read {@code snapshot} (the left-over events, the silences) first. */
    public OutboxDelivery(
            RuleLedger ledger, RuleLedger.Snapshot snapshot, Notifier notifier, Clock clock, String owner) {
        this.ledger = ledger;
        this.snapshot = snapshot;
        this.notifier = notifier;
        this.clock = clock;
        this.owner = owner;
    }

    /**
     * Claims the outbox events an earlier run left (those of the snapshot that pass {@code filter}), except those a
     * silence still holds; of the events held by a silence that has ended, dismisses those no longer active.
     */
    public void claimLeftOver(Predicate<AlertEvent> filter) {
        Instant now = clock.instant();
        for (AlertEvent event : snapshot.pending()) {
            boolean held = snapshot.held(event.key());
            if (!filter.test(event)
                    || held && holding(event, now).isPresent()
                    || !ledger.claim(event.key(), owner, now, LEASE)) {
                continue;
            }
            if (!held || stillActive(event)) {
                add(event, snapshot.attemptsOf(event.key()) + 1);
            } else if (ledger.dismiss(event.key(), owner)) {
                silenced.add(event.key() + ": dismissed; its silence ended after the rule had moved on");
            }
        }
    }

    /**
     * Whether a held event still deserves its notification: it fired, no newer transition of its rule state is
     * pending (reminders held with it do not count: they are dismissed, and its own notification says what they
     * would have), and the state still holds.
     */
    private boolean stillActive(AlertEvent event) {
        RuleState state = snapshot.states().get(event.stateKey());
        return event.kind() == EventKind.FIRED
                && state != null
                && state.active()
                && event.day().equals(state.lastEventDay())
                && snapshot.pending().stream()
                        .noneMatch(other -> other.stateKey().equals(event.stateKey())
                                && other.kind() != EventKind.REMINDER
                                && other.stateVersion() > event.stateVersion());
    }

    private Optional<Silence> holding(AlertEvent event, Instant at) {
        return Silence.holding(snapshot.silences(), event, at);
    }

    /** An event this run holds the lease on, and which delivery attempt this is for it. */
    public void add(AlertEvent event, long attempt) {
        events.add(event);
        attempts.put(event.key(), attempt);
    }

    /**
     * Publishes the events in one go, marks the accepted ones sent together, parks those refused for good once
     * they have had their attempts, and releases the others for the next run.
     *
     * @throws IllegalStateException when published events could not be marked sent
     */
    public void run() {
        Instant now = clock.instant();
        List<AlertEvent> events = new ArrayList<>();
        for (AlertEvent event : this.events) {
            Optional<Silence> silence = holding(event, now);
            if (silence.isPresent()) {
                ledger.hold(event.key(), owner, silence.get().id());
                silenced.add(event.key() + ": held by silence " + silence.get().id() + " until "
                        + silence.get().endsAt() + " (" + silence.get().reason() + ")");
            } else {
                events.add(event);
            }
        }
        if (events.isEmpty()) {
            return;
        }
        List<AlertMessage> messages = events.stream().map(AlertMessage::of).toList();
        List<Notifier.Publication> publications = notifier.publish(messages);
        List<RuleLedger.Sent> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            AlertEvent event = events.get(i);
            Notifier.Publication publication = publications.get(i);
            long attempt = attempts.get(event.key());
            if (publication.isAccepted()) {
                sent.add(new RuleLedger.Sent(event.key(), publication.messageId()));
                delivered.add(new EvaluationReport.Delivered(event.key(), publication.messageId()));
            } else if (publication.permanent() && attempt >= MAX_ATTEMPTS) {
                String error = publication.error() + " (refused at attempt " + attempt + ")";
                if (ledger.park(event.key(), owner, error, clock.instant())) {
                    parked.add(event.key() + ": " + error);
                } else {
                    skipped.add(event.key() + ": refused for good, but its lease had passed to another run");
                }
            } else {
                ledger.release(event.key(), owner, publication.error());
                failures.add(event.key() + ": " + publication.error() + " (attempt " + attempt + ")");
            }
        }
        List<String> leaseLost;
        try {
            leaseLost = ledger.markSent(sent, owner, clock.instant());
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "published " + sent.size() + " events but could not mark them sent: "
                            + "they stay leased to " + owner
                            + ", and the first run after the lease publishes them again, "
                            + "with the same event_id: "
                            + sent.stream().map(RuleLedger.Sent::eventKey).toList(),
                    e);
        }
        leaseLost.forEach(key ->
                skipped.add(key + ": published, but its lease had passed to another run, which may publish it again"));
        Set<String> recorded = new HashSet<>();
        sent.forEach(s -> recorded.add(s.eventKey()));
        leaseLost.forEach(recorded::remove);
        List<AlertMessage> recordedMessages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (recorded.contains(events.get(i).key())) {
                recordedMessages.add(messages.get(i));
            }
        }
        notifier.recordedSent(recordedMessages);
    }

    public List<EvaluationReport.Delivered> delivered() {
        return List.copyOf(delivered);
    }

    public List<String> skipped() {
        return List.copyOf(skipped);
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    public List<String> parked() {
        return List.copyOf(parked);
    }

    /** The events silences held back, and those dismissed when their silence ended, each with why. */
    public List<String> silenced() {
        return List.copyOf(silenced);
    }
}
