package dev.minerwatch.store;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Silence;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The rule ledger: the port for rule states, the alert history and the outbox that makes delivery exactly-once per
 * event.
 *
 * <p>What an evaluation decides is recorded atomically: each changed state (conditional on the version read),
 * each event in the history and in the outbox, the outbox entry already leased to the recording run. Of two
 * overlapping evaluations only one can win. Delivery publishes what it holds a lease on (an entry left by an
 * earlier run is claimed first), then removes the entries while marking the history entries sent; a failed
 * publish releases its entry, with the error, for the next run. An event the channel refuses for good is parked:
 * it leaves the outbox for the history, marked {@code PARKED} with the error, for the operator to look at.
 *
 * <p>The {@linkplain Silences silences} are kept beside the rule states, and {@link #load()} reads them with the
 * states, so an evaluation sees the silences as they were when it read. An event a silence holds stays in the outbox,
 * unleased and marked with the silence, and its history entry says {@code SILENCED}; once the silence has ended, the
 * next run either delivers it (it is still active) or dismisses it from the outbox (it is not).
 *
 * <p>The contract suite ({@code RuleLedgerContract}) specifies every adapter against this interface.
 */
public interface RuleLedger {

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
     * Every rule's stored state, the events recorded but not yet published ({@link #OLDEST_FIRST}), how many
     * delivery attempts (leases taken) each pending event has had so far and which silence holds it, if one does (by
     * event key), and the silences kept.
     */
    record Snapshot(
            Map<String, RuleState> states,
            List<AlertEvent> pending,
            Map<String, Long> attempts,
            Map<String, String> heldBy,
            List<Silence> silences) {

        public Snapshot {
            states = Map.copyOf(states);
            pending = pending.stream().sorted(OLDEST_FIRST).toList();
            attempts = Map.copyOf(attempts);
            heldBy = Map.copyOf(heldBy);
            silences = List.copyOf(silences);
        }

        /** The delivery attempts of a pending event so far; 0 for one not in the outbox. */
        public long attemptsOf(String eventKey) {
            return attempts.getOrDefault(eventKey, 0L);
        }

        /** Whether a silence has held the pending event (the silence may have ended since). */
        public boolean held(String eventKey) {
            return heldBy.containsKey(eventKey);
        }
    }

    /** An event the notifier accepted, with the id it gave the message. */
    record Sent(String eventKey, String messageId) {}

    /**
     * An alert of the history with its delivery status: {@link #PENDING}, {@link #SENT} (with the notifier's message
     * id and when), {@link #PARKED} (with the error the channel refused it with for good), or {@link #SILENCED} (held
     * by a silence, or dismissed when it ended); {@code silenceId} names the silence that held it, also once it was
     * sent after the silence.
     */
    record HistoryEntry(
            AlertEvent event, String status, String messageId, Instant sentAt, String error, String silenceId) {

        public static final String PENDING = "PENDING";
        public static final String SENT = "SENT";
        public static final String PARKED = "PARKED";
        public static final String SILENCED = "SILENCED";
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

    /**
     * Holds an event a silence covers: gives up {@code owner}'s lease without counting it as an attempt, marks the
     * outbox entry with the silence and the history entry {@link HistoryEntry#SILENCED}. Nothing changes when the
     * lease had passed to another run.
     */
    void hold(String eventKey, String owner, String silenceId);

    /**
     * Removes an event whose silence has ended and which is no longer worth a notification from the outbox, if
     * {@code owner} holds its lease; its history entry stays {@link HistoryEntry#SILENCED}.
     *
     * @return false, changing nothing, when the lease had passed to another run
     */
    boolean dismiss(String eventKey, String owner);

    /** The parked events, newest day first. */
    List<HistoryEntry> parked();

    /** The alert history, newest day first, at most {@code limit} entries. */
    List<HistoryEntry> history(int limit);
}
