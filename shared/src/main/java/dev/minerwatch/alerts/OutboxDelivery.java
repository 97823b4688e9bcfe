package dev.minerwatch.alerts;

import dev.minerwatch.notify.AlertMessageFormatter;
import dev.minerwatch.notify.Notifier;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.store.AlertStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The outbox events one run holds the lease on, and what became of them: published in one go, the accepted ones
 * marked sent together, those refused for good parked once they have had {@link #MAX_ATTEMPTS} attempts, the others
 * released for the next run. The evaluation and the digest deliver through it.
 */
public final class OutboxDelivery {

    /** Long enough for a publish with the SDK's retries; short enough that a crashed run's events go out soon. */
    public static final Duration LEASE = Duration.ofMinutes(2);
    /**
     * How many runs try an event the channel refuses for good before it is parked: a few, because some refusals are
     * mended meanwhile (a re-enabled key, a corrected topic policy), and each is a failed run the operator sees.
     */
    public static final int MAX_ATTEMPTS = 5;

    private final AlertStore alerts;
    private final Notifier notifier;
    private final Clock clock;
    private final String owner;
    private final List<AlertEvent> events = new ArrayList<>();
    private final Map<String, Long> attempts = new HashMap<>();
    private final List<EvaluationReport.Delivered> delivered = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> parked = new ArrayList<>();

    public OutboxDelivery(AlertStore alerts, Notifier notifier, Clock clock, String owner) {
        this.alerts = alerts;
        this.notifier = notifier;
        this.clock = clock;
        this.owner = owner;
    }

    /** Claims the outbox events an earlier run left (those {@code snapshot} holds that pass {@code filter}). */
    public void claimLeftOver(AlertStore.Snapshot snapshot, Predicate<AlertEvent> filter) {
        snapshot.pending().stream()
                .filter(filter)
                .filter(e -> alerts.claim(e.key(), owner, clock.instant(), LEASE))
                .forEach(e -> add(e, snapshot.attemptsOf(e.key()) + 1));
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
            } else if (publication.permanent() && attempt >= MAX_ATTEMPTS) {
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
        leaseLost.forEach(key ->
                skipped.add(key + ": published, but its lease had passed to another run, which may publish it again"));
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
}
