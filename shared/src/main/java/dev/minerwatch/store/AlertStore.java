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
 * publish releases its entry, with the error, for the next run. An event the channel refuses for good is parked:
 * it leaves the outbox for the history, marked {@code PARKED} with the error, for the operator to look at.
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

    /**
     * Every rule's stored state, the events recorded but not yet published ({@link #OLDEST_FIRST}), and how many
     * delivery attempts (leases taken) each pending event has had so far, by event key.
     */
    record Snapshot(Map<String, RuleState> states, List<AlertEvent> pending, Map<String, Long> attempts) {

        public Snapshot {
            states = Map.copyOf(states);
            pending = pending.stream().sorted(OLDEST_FIRST).toList();
            attempts = Map.copyOf(attempts);
        }

        /** The delivery attempts of a pending event so far; 0 for one not in the outbox. */
        public long attemptsOf(String eventKey) {
            return attempts.getOrDefault(eventKey, 0L);
        }
    }

    /** An event the notifier accepted, with the id it gave the message. */
    record Sent(String eventKey, String messageId) {}

    /**
     * An alert of the history with its delivery status: {@link #PENDING}, {@link #SENT} (with the notifier's message
     * id and when), or {@link #PARKED} (with the error the channel refused it with for good).
     */
    record HistoryEntry(AlertEvent event, String status, String messageId, Instant sentAt, String error) {

        public static final String PENDING = "PENDING";
        public static final String SENT = "SENT";
        public static final String PARKED = "PARKED";
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
     * @throws RuntimeException when the store fails for any other reason: the events stay leased to {@code owner},
     *                          and the next run after the lease publishes them again (with the same event key)
     */
    List<String> markSent(List<Sent> sent, String owner, Instant sentAt);

    /** Gives up a lease after a failed publish, keeping the error, so the next run retries at once. */
    void release(String eventKey, String owner, String error);

    /**
     * Parks an event the channel refused for good: removes it from the outbox and marks its history entry
     * {@link HistoryEntry#PARKED} with the error, atomically and only if {@code owner} holds the lease.
     *
     * @return false, changing nothing, when the lease had passed to another run
     */
    boolean park(String eventKey, String owner, String error, Instant parkedAt);

    /** The parked events, newest day first. */
    List<HistoryEntry> parked();

    /** The alert history, newest day first, at most {@code limit} entries. */
    List<HistoryEntry> history(int limit);
}
