package dev.minerwatch.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.rules.Silence;
import dev.minerwatch.series.SeriesId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * <p>An adapter stores each event as one {@link EventDocument}. The contract suite ({@code RuleLedgerContract})
 * specifies every adapter against this interface.
 */
public interface RuleLedger {

    /** Alert history is kept about thirteen months: a year of backtests plus a margin. */
    Duration HISTORY_RETENTION = Duration.ofDays(400);

    /**
     * The most writes one {@link #record} makes (a state each, two per event: history and outbox): one DynamoDB
     * transaction's. Every adapter refuses more, so a rule file that works on a laptop works in AWS.
     */
    int MAX_RECORD_WRITES = 100;

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
            List<Silence> silences,
            List<Acknowledgement> acknowledgements) {

        public Snapshot {
            states = Map.copyOf(states);
            pending = pending.stream().sorted(OLDEST_FIRST).toList();
            attempts = Map.copyOf(attempts);
            heldBy = Map.copyOf(heldBy);
            silences = List.copyOf(silences);
            acknowledgements = List.copyOf(acknowledgements);
        }

        /**
         * The acknowledgement of the episode each active state is in, by state key: one whose episode is the instant
         * the state became active. An acknowledgement of an earlier episode (the state resolved since, and fired
         * again) covers nothing.
         */
        public Map<String, Acknowledgement> acknowledged() {
            Map<String, Acknowledgement> current = new LinkedHashMap<>();
            for (Acknowledgement acknowledgement : acknowledgements) {
                RuleState state = states.get(acknowledgement.stateKey());
                if (state != null && state.active() && acknowledgement.covers(state)) {
                    current.putIfAbsent(state.key(), acknowledgement);
                }
            }
            return current;
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

    /**
     * An operator's acknowledgement of an alert: someone has seen it and is on it. It covers the episode of the rule
     * state it was given in (from the {@code FIRED} event to the {@code RESOLVED} one), named by the instant the state
     * became active ({@link RuleState#activeSince()}): no reminder goes out for that episode any more, and a new
     * episode (the state resolved and fired again) is not acknowledged. One per episode: the first is kept.
     *
     * @param eventKey     the event acknowledged (a {@code FIRED} or {@code REMINDER})
     * @param stateKey     the rule state it is of
     * @param stateVersion the state version of that event
     * @param episode      the instant the state became active in that episode; null for a state stored before
     *                     reminders existed (which has none yet)
     * @param by           who acknowledged it
     * @param at           when
     * @param reason       why, for whoever reads it later
     */
    record Acknowledgement(
            String eventKey,
            String stateKey,
            long stateVersion,
            Instant episode,
            String by,
            Instant at,
            String reason) {

        /** The suffix of the state key in the key of the notice an acknowledgement sends. */
        public static final String NOTICE = ":ack";

        /** The newest first, as {@link RuleLedger#acknowledgements()} lists them. */
        public static final Comparator<Acknowledgement> NEWEST_FIRST =
                Comparator.comparing(Acknowledgement::at).reversed().thenComparing(Acknowledgement::episodeKey);

        public Acknowledgement {
            Objects.requireNonNull(eventKey, "eventKey");
            Objects.requireNonNull(stateKey, "stateKey");
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(at, "at");
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("an acknowledgement says why: its reason is empty");
            }
        }

        /** The acknowledgement of {@code event}, of {@code state} in its current episode. */
        public static Acknowledgement of(AlertEvent event, RuleState state, String by, Instant at, String reason) {
            return new Acknowledgement(
                    event.key(), event.stateKey(), event.stateVersion(), state.activeSince(), by, at, reason);
        }

        /** What names the episode, once per store: {@code <state key>#<episode>}. */
        public String episodeKey() {
            return stateKey + "#" + (episode == null ? "-" : episode.toString());
        }

        /** Whether this acknowledgement covers the episode {@code state} is in. */
        public boolean covers(RuleState state) {
            return state.key().equals(stateKey) && Objects.equals(state.activeSince(), episode);
        }

        /**
         * The notice that tells the channels, once: an {@code ACKNOWLEDGED} event of the acknowledged one's rule and
         * figures ("title acknowledged by whom: why"), keyed {@code <day>#<state key>:ack#<version>} after the event
         * acknowledged, so a retried acknowledgement or delivery sends nothing twice.
         */
        public AlertEvent notice(AlertEvent acknowledged) {
            AlertEvent.Origin origin = acknowledged.origin();
            AlertEvent.Explanation explanation = acknowledged.explanation();
            String title = origin.title() == null ? origin.ruleId() : origin.title();
            return new AlertEvent(
                    AlertEvent.key(acknowledged.day(), stateKey + NOTICE, stateVersion),
                    new AlertEvent.Origin(origin.ruleId(), origin.title(), origin.severity(), EventKind.ACKNOWLEDGED),
                    acknowledged.figures(),
                    new AlertEvent.Explanation(
                            explanation.sources(),
                            explanation.thresholdBasis(),
                            title + " acknowledged by " + by + ": " + reason,
                            explanation.meaning()),
                    new AlertEvent.Recording("ack:" + eventKey, at));
        }
    }

    /** Reads all rule states and the outbox, strongly consistently. */
    Snapshot load();

    /**
     * What acknowledging the event of {@code eventKey} finds, read once for both ways of acknowledging ({@code
     * ./minerwatch ack} and the signed link): the event, the resolution that has ended its episode since, its rule
     * state now, and the acknowledgement of that state's current episode.
     */
    default AckTarget ackTarget(String eventKey) {
        Snapshot snapshot = load();
        // The whole history (13 months at most): the event, and whether its episode has resolved since.
        List<HistoryEntry> history = history(Integer.MAX_VALUE);
        Optional<AlertEvent> event = history.stream()
                .map(HistoryEntry::event)
                .filter(e -> e.key().equals(eventKey))
                .findFirst();
        Optional<AlertEvent> resolution = event.flatMap(found -> history.stream()
                .map(HistoryEntry::event)
                .filter(e -> e.stateKey().equals(found.stateKey())
                        && e.kind() == EventKind.RESOLVED
                        && e.stateVersion() > found.stateVersion())
                .min(Comparator.comparingLong(AlertEvent::stateVersion)));
        Optional<RuleState> state = event.map(found -> snapshot.states().get(found.stateKey()));
        return new AckTarget(
                event, resolution, state, state.map(s -> snapshot.acknowledged().get(s.key())));
    }

    /**
     * What acknowledging an event finds ({@link #ackTarget}).
     *
     * @param event      the event, when the history holds it
     * @param resolution the resolution that has ended the event's episode since, if any
     * @param state      the event's rule state now, if it has one
     * @param earlier    the acknowledgement of that state's current episode, if any
     */
    record AckTarget(
            Optional<AlertEvent> event,
            Optional<AlertEvent> resolution,
            Optional<RuleState> state,
            Optional<Acknowledgement> earlier) {

        /** An alert that fired (or its reminder): the only events acknowledged. */
        public boolean isAlert() {
            return event.filter(e -> e.kind() == EventKind.FIRED || e.kind() == EventKind.REMINDER)
                    .isPresent();
        }

        /** Whether the alert still holds: no resolution since, and its state active. */
        public boolean holds() {
            return resolution.isEmpty() && state.filter(RuleState::active).isPresent();
        }
    }

    /**
     * Records an acknowledgement and its notice atomically, once per episode ({@link Acknowledgement#episodeKey()}):
     * the acknowledgement, and the notice in the history and, unleased, in the outbox for the next run to deliver.
     *
     * @return empty when recorded; the episode's earlier acknowledgement, writing nothing, when it had one
     */
    Optional<Acknowledgement> acknowledge(Acknowledgement acknowledgement, AlertEvent notice);

    /** Every acknowledgement kept (see {@link #HISTORY_RETENTION}), newest first. */
    List<Acknowledgement> acknowledgements();

    /**
     * Records an evaluation's decisions atomically: the changed states and their events, each event's outbox entry
     * leased for {@code lease} to the run that decided it (its execution id), so that run publishes it without a
     * claim of its own. Returns false, writing nothing, when another evaluation changed one of the states since
     * they were read: that evaluation owns these decisions.
     *
     * @throws IllegalArgumentException writing nothing, when two changes are of one state, two events have one key,
     *     or the decisions need more than {@link #MAX_RECORD_WRITES} writes
     */
    boolean record(Collection<StateChange> changes, List<AlertEvent> events, Duration lease);

    /**
     * What every adapter checks before {@link #record}: one change per state, one event per key, and at most
     * {@link #MAX_RECORD_WRITES} writes.
     *
     * @throws IllegalArgumentException naming the state or event, or the count
     */
    static void requireRecordable(Collection<StateChange> changes, List<AlertEvent> events) {
        Set<String> states = new HashSet<>();
        for (StateChange change : changes) {
            if (!states.add(change.next().key())) {
                throw new IllegalArgumentException(
                        "two changes of the rule state " + change.next().key() + " in one record");
            }
        }
        Set<String> keys = new HashSet<>();
        for (AlertEvent event : events) {
            if (!keys.add(event.key())) {
                throw new IllegalArgumentException("two events " + event.key() + " in one record");
            }
        }
        int writes = changes.size() + 2 * events.size();
        if (writes > MAX_RECORD_WRITES) {
            throw new IllegalArgumentException("an evaluation decided " + writes + " writes; one record holds "
                    + MAX_RECORD_WRITES + " (too many rules, or events, for one run)");
        }
    }

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

    /**
     * Puts a parked event back in the outbox, unleased and with no attempt counted, for the next run to deliver:
     * once its cause is fixed. Conditional on its being parked, so of two requeues only one puts it back.
     *
     * @return false, changing nothing, when the event is not parked (unknown, already requeued, or sent)
     */
    boolean requeue(String eventKey);

    /** The alert history, newest day first, at most {@code limit} entries (none for a limit of 0 or less). */
    List<HistoryEntry> history(int limit);

    /**
     * An event as the ledger stores it: one JSON object of its parts (the key is the row's or the item's own), so both
     * adapters hold the same text, and a figure added to an event needs no new column, attribute or migration. The
     * document names its shape ({@code documentVersion}), so that a later shape can be told from this one.
     */
    final class EventDocument {

        /** The shape this build writes and reads. */
        static final int VERSION = 1;

        private EventDocument() {}

        /**
         * The event's parts as JSON text. A re-arm level of NaN (a rule that never resolves) is written as null: JSON
         * has no NaN.
         *
         * @throws IllegalArgumentException when the value or the threshold is not a finite number
         */
        public static String write(AlertEvent event) {
            AlertEvent.Origin origin = event.origin();
            AlertEvent.Figures figures = event.figures();
            AlertEvent.Explanation explanation = event.explanation();
            Map<String, Object> originFields = new LinkedHashMap<>();
            originFields.put("ruleId", origin.ruleId());
            originFields.put("title", origin.title());
            originFields.put(
                    "severity",
                    origin.severity() == null ? null : origin.severity().name());
            originFields.put("kind", origin.kind().name());
            Map<String, Object> figureFields = new LinkedHashMap<>();
            figureFields.put("series", figures.series().id());
            figureFields.put("day", figures.day().toString());
            figureFields.put("value", finite(figures.value(), "the value of event " + event.key()));
            figureFields.put("threshold", finite(figures.threshold(), "the threshold of event " + event.key()));
            figureFields.put(
                    "rearmLevel",
                    event.resolves() ? finite(figures.rearmLevel(), "the re-arm level of event " + event.key()) : null);
            figureFields.put("unit", figures.unit());
            figureFields.put("asOf", figures.asOf().toString());
            figureFields.put("dayFinal", figures.dayFinal());
            Map<String, Object> explanationFields = new LinkedHashMap<>();
            explanationFields.put("sources", new ArrayList<>(explanation.sources()));
            explanationFields.put("thresholdBasis", explanation.thresholdBasis());
            explanationFields.put("detail", explanation.detail());
            explanationFields.put("meaning", explanation.meaning());
            Map<String, Object> recordingFields = new LinkedHashMap<>();
            recordingFields.put("executionId", event.recording().executionId());
            recordingFields.put("recordedAt", event.recordedAt().toString());
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("documentVersion", VERSION);
            document.put("origin", originFields);
            document.put("figures", figureFields);
            document.put("explanation", explanationFields);
            document.put("recording", recordingFields);
            return Json.write(document);
        }

        /**
         * The event of {@code key} that {@code document} holds.
         *
         * @throws IllegalStateException when the document is not one this build reads, naming the event and what is
         *                               wrong
         */
        public static AlertEvent read(String key, String document) {
            Map<String, Object> fields;
            try {
                fields = Json.parseObject(document);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalStateException("the stored event " + key + " is no JSON object: " + e.getMessage(), e);
            }
            Object version = fields.get("documentVersion");
            if (!(version instanceof Number number) || number.intValue() != VERSION) {
                throw new IllegalStateException("the stored event " + key + " has document version " + version
                        + "; this build of minerwatch reads version " + VERSION);
            }
            Map<String, Object> origin = part(fields, "origin", key);
            Map<String, Object> figures = part(fields, "figures", key);
            Map<String, Object> explanation = part(fields, "explanation", key);
            Map<String, Object> recording = part(fields, "recording", key);
            String severity = text(origin, "severity", key, false);
            Object rearmLevel = figures.get("rearmLevel");
            return new AlertEvent(
                    key,
                    new AlertEvent.Origin(
                            text(origin, "ruleId", key, true),
                            text(origin, "title", key, false),
                            severity == null ? null : Severity.valueOf(severity),
                            EventKind.valueOf(text(origin, "kind", key, true))),
                    new AlertEvent.Figures(
                            SeriesId.fromId(text(figures, "series", key, true)),
                            LocalDate.parse(text(figures, "day", key, true)),
                            number(figures, "value", key),
                            number(figures, "threshold", key),
                            rearmLevel == null ? Double.NaN : number(figures, "rearmLevel", key),
                            text(figures, "unit", key, true),
                            Instant.parse(text(figures, "asOf", key, true)),
                            Boolean.TRUE.equals(figures.get("dayFinal"))),
                    new AlertEvent.Explanation(
                            strings(explanation, "sources", key),
                            text(explanation, "thresholdBasis", key, false),
                            text(explanation, "detail", key, false),
                            text(explanation, "meaning", key, false)),
                    new AlertEvent.Recording(
                            text(recording, "executionId", key, false),
                            Instant.parse(text(recording, "recordedAt", key, true))));
        }

        /** Doubles are written as BigDecimal, plainly: -544940000 rather than -5.4494E8, 0.1 rather than binary noise. */
        private static BigDecimal finite(double value, String what) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException(what + " is " + value + ", not a finite number");
            }
            return BigDecimal.valueOf(value);
        }

        private static Map<String, Object> part(Map<String, Object> fields, String name, String key) {
            if (fields.get(name) instanceof Map<?, ?> part) {
                return Json.asObject(part);
            }
            throw new IllegalStateException("the stored event " + key + " has no part '" + name + "'");
        }

        private static String text(Map<String, Object> part, String name, String key, boolean required) {
            Object value = part.get(name);
            if (value instanceof String text) {
                return text;
            }
            if (value == null && !required) {
                return null;
            }
            throw new IllegalStateException("the stored event " + key + " has no text '" + name + "': " + value);
        }

        private static double number(Map<String, Object> part, String name, String key) {
            if (part.get(name) instanceof Number number) {
                return number.doubleValue();
            }
            throw new IllegalStateException("the stored event " + key + " has no number '" + name + "'");
        }

        private static List<String> strings(Map<String, Object> part, String name, String key) {
            if (!(part.get(name) instanceof List<?> values)) {
                throw new IllegalStateException("the stored event " + key + " has no list '" + name + "'");
            }
            List<String> strings = new ArrayList<>(values.size());
            for (Object value : values) {
                strings.add(String.valueOf(value));
            }
            return strings;
        }
    }
}
