package dev.minerwatch.store;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The port for rule states, the alert history and the outbox that makes delivery exactly-once per event.
 *
 * <p>What an evaluation decides is recorded atomically: each changed state (conditional on the version read),
 * each event in the history and in the outbox, the outbox entry already leased to the recording run. Of two
 * overlapping evaluations only one can win. Delivery publishes what it holds a lease on (an entry left by an
 * earlier run is claimed first), then removes the entries while marking the history entries sent; a failed
 * publish releases its entry, with the error, for the next run.
 *
 * <p>The contract suite ({@code AlertStoreContract}) specifies every adapter against this interface.
 */
public interface AlertStore {

    /** Alert history is kept about thirteen months: a year of backtests plus a margin. */
    Duration HISTORY_RETENTION = Duration.ofDays(400);

    /**
     * The order events wait in the outbox: recorded first, delivered first; then by day, rule state and state
     * version, the version compared as a number (event 10 after event 9).
     */
    Comparator<AlertEvent> OLDEST_FIRST = Comparator.comparing(AlertEvent::recordedAt)
            .thenComparing(AlertEvent::day)
            .thenComparing(AlertEvent::stateKey)
            .thenComparingLong(AlertEvent::stateVersion);

    /** Every rule's stored state, and the events recorded but not yet published ({@link #OLDEST_FIRST}). */
    record Snapshot(Map<String, RuleState> states, List<AlertEvent> pending) {

        public Snapshot {
            states = Map.copyOf(states);
            pending = pending.stream().sorted(OLDEST_FIRST).toList();
        }
    }

    /** An event the notifier accepted, with the id it gave the message. */
    record Sent(String eventKey, String messageId) {
    }

    /** A delivered or pending alert with its delivery status ({@code PENDING} or {@code SENT}), for the history. */
    record HistoryEntry(AlertEvent event, String status, String messageId, Instant sentAt) {
    }

    /** Reads all rule states and the outbox, strongly consistently. */
    Snapshot load();

    /**
     * Records an evaluation's decisions atomically: the changed states and their events, each event's outbox entry
     * leased for {@code lease} to the run that decided it (its execution id), so that run publishes it without a
     * claim of its own. Returns false, writing nothing, when another evaluation changed one of the states since
     * they were read: that evaluation owns these decisions.
     */
    boolean record(Collection<StateChange> changes, List<AlertEvent> events, Duration lease);

    /**
     * Takes the exclusive right to publish an outbox event for {@code lease}. False when the event is already
     * delivered or another run holds an unexpired lease on it.
     */
    boolean claim(String eventKey, String owner, Instant now, Duration lease);

    /**
     * Removes published events from the outbox and records their delivery in the history, atomically for as many
     * as the adapter can; each removal is conditional on {@code owner} still holding the lease.
     *
     * @return the keys of the events whose lease had passed to another run (which may publish them again)
     */
    List<String> markSent(List<Sent> sent, String owner, Instant sentAt);

    /** Gives up a lease after a failed publish, keeping the error, so the next run retries at once. */
    void release(String eventKey, String owner, String error);

    /** The alert history, newest day first, at most {@code limit} entries. */
    List<HistoryEntry> history(int limit);
}
