package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import dev.minerwatch.store.RuleLedger.Sent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link RuleLedger} adapter does: decisions recorded all or nothing and conditional on the versions read,
 * the outbox's leases (recorded with the deciding run, taken over once expired, honoured when marking sent and
 * releasing), the order events wait in, and the history. A subclass per adapter supplies a fresh, empty store for
 * each test ({@link #newStorage()}) and shows its outbox entries ({@link #outboxEntry}), so the lease details are
 * checked too.
 */
public abstract class RuleLedgerContract extends FreshStorage {

    protected static final Instant RECORDED = Instant.parse("2026-02-05T14:10:00Z");
    protected static final Duration LEASE = Duration.ofMinutes(2);
    private static final LocalDate DAY = LocalDate.parse("2026-02-05");

    /** The ledger under test, fresh and empty for each test. */
    protected RuleLedger ledger;

    /** An outbox entry's lease and delivery attempts, as the adapter stores them. */
    public record OutboxEntry(String leaseOwner, Instant leaseUntil, long attempts, String lastError) {}

    /** The stored outbox entry of an event, which the port does not read back: read by the adapter's test. */
    protected abstract Optional<OutboxEntry> outboxEntry(String eventKey);

    @BeforeEach
    void takeTheLedger() {
        ledger = storage.ledger();
    }

    // Recording decisions -----------------------------------------------------------------------------------------

    @Test
    void anEmptyStoreHasNoStatesNoPendingEventsAndNoHistory() {
        assertThat(ledger.load().states()).isEmpty();
        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.history(10)).isEmpty();
    }

    @Test
    void anEventRoundTripsWithEveryFigure() {
        AlertEvent event = eventWithEveryFigure();

        assertThat(ledger.record(List.of(), List.of(event), LEASE)).isTrue();

        assertThat(ledger.load().pending()).containsExactly(event);
        assertThat(ledger.history(10)).containsExactly(new HistoryEntry(event, "PENDING", null, null, null, null));
    }

    @Test
    void anEventThatNeverResolvesKeepsSayingSo() {
        AlertEvent eachDay = event("etf_daily_outflow", 1, RECORDED, Double.NaN);

        ledger.record(List.of(), List.of(eachDay), LEASE);

        AlertEvent stored = ledger.load().pending().get(0);
        assertThat(stored).isEqualTo(eachDay);
        assertThat(stored.figures().rearmLevel()).isNaN();
        assertThat(stored.resolves()).isFalse();
        assertThat(ledger.history(1).get(0).event().resolves()).isFalse();
    }

    @Test
    void recordingNothingSucceedsAndWritesNothing() {
        assertThat(ledger.record(List.of(), List.of(), LEASE)).isTrue();

        assertThat(ledger.load().states()).isEmpty();
        assertThat(ledger.history(10)).isEmpty();
    }

    @Test
    void twoChangesOfOneStateOrTwoEventsOfOneKeyInOneRecordAreRefusedAndNothingIsWritten() {
        RuleState once = RuleState.initial("price_below_production_cost").evaluatedThrough(DAY.minusDays(1));
        RuleState twice = RuleState.initial("price_below_production_cost").evaluatedThrough(DAY);
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);

        assertThatThrownBy(() -> ledger.record(
                        List.of(
                                change(RuleState.initial(once.key()), once),
                                change(RuleState.initial(twice.key()), twice)),
                        List.of(),
                        LEASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two changes of the rule state price_below_production_cost in one record");
        assertThatThrownBy(() -> ledger.record(List.of(), List.of(event, event), LEASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two events " + event.key() + " in one record");

        assertThat(ledger.load().states()).isEmpty();
        assertThat(ledger.history(10)).isEmpty();
    }

    @Test
    void aRecordHoldsAHundredWritesOnEveryStoreAndMoreAreRefusedWritingNothing() {
        List<AlertEvent> fifty = IntStream.range(0, 50)
                .mapToObj(i -> event("rule_" + i, 1, RECORDED, 89_610))
                .toList();
        List<AlertEvent> fiftyOne = IntStream.range(0, 51)
                .mapToObj(i -> event("other_" + i, 1, RECORDED, 89_610))
                .toList();

        assertThat(ledger.record(List.of(), fifty, LEASE)).isTrue();
        assertThatThrownBy(() -> ledger.record(List.of(), fiftyOne, LEASE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an evaluation decided 102 writes; one record holds 100 (too many rules, or events, for"
                        + " one run)");

        assertThat(ledger.load().pending()).hasSize(50);
        assertThat(ledger.history(0)).as("a limit of 0 reads none").isEmpty();
        assertThat(ledger.history(-1)).isEmpty();
    }

    @Test
    void changedStatesAreStoredWithEveryField() {
        RuleState fired = new RuleState(
                "price_below_production_cost",
                true,
                1,
                LocalDate.parse("2026-02-04"),
                DAY,
                Instant.parse("2026-02-05T14:10:00.123Z"),
                DaysRead.parse("2026-02-03=5eed*;2026-02-04=ff1a2b3c"),
                Instant.parse("2026-02-04T00:05:00.456Z"),
                3);
        RuleState evaluated =
                RuleState.initial("hash_ribbon_capitulation").evaluatedThrough(LocalDate.parse("2026-02-04"));
        RuleState bare = new RuleState("etf_daily_outflow", false, 3, null, null, null, DaysRead.NONE);

        assertThat(ledger.record(
                        List.of(
                                change(RuleState.initial(fired.key()), fired),
                                change(RuleState.initial(evaluated.key()), evaluated),
                                change(RuleState.initial(bare.key()), bare)),
                        List.of(),
                        LEASE))
                .isTrue();

        assertThat(ledger.load().states())
                .containsOnly(
                        Map.entry(fired.key(), fired),
                        Map.entry(evaluated.key(), evaluated),
                        Map.entry(bare.key(), bare));
    }

    @Test
    void aStateChangedFromTheVersionStoredIsRecordedAgainAndAgain() {
        RuleState v0 = RuleState.initial("price_below_production_cost");
        RuleState v1 = v0.after(EventKind.FIRED, DAY, false);
        RuleState v2 = v1.evaluatedThrough(DAY);

        assertThat(ledger.record(List.of(change(v0, v1)), List.of(event(v0.key(), 1, RECORDED, 89_610)), LEASE))
                .isTrue();
        assertThat(ledger.record(List.of(change(v1, v2)), List.of(), LEASE)).isTrue();

        assertThat(ledger.load().states()).containsEntry(v0.key(), v2);
    }

    @Test
    void aDecisionFromAStaleVersionIsRefusedAndWritesNothing() {
        RuleState v0 = RuleState.initial("price_below_production_cost");
        RuleState v1 = v0.after(EventKind.FIRED, DAY, false);
        AlertEvent first = event(v0.key(), 1, RECORDED, 89_610);
        assertThat(ledger.record(List.of(change(v0, v1)), List.of(first), LEASE))
                .isTrue();

        RuleState other = RuleState.initial("hash_ribbon_capitulation").after(EventKind.FIRED, DAY, false);
        AlertEvent late = AlertEvents.of(v0.key())
                .day(DAY.plusDays(1))
                .title("late")
                .value(69_000)
                .asOf(RECORDED)
                .executionId("run-b")
                .recordedAt(RECORDED.plusSeconds(60))
                .build();
        AlertEvent otherEvent = event(other.key(), 1, RECORDED.plusSeconds(60), 50);

        boolean recorded = ledger.record(
                List.of(change(v0, v1), change(RuleState.initial(other.key()), other)),
                List.of(late, otherEvent),
                LEASE);

        assertThat(recorded).as("run-b read version 0, which run-a has changed").isFalse();
        RuleLedger.Snapshot snapshot = ledger.load();
        assertThat(snapshot.states())
                .as("not even the other rule's state")
                .containsOnlyKeys(v0.key())
                .containsEntry(v0.key(), v1);
        assertThat(snapshot.pending()).as("no outbox entry").containsExactly(first);
        assertThat(ledger.history(10))
                .as("no history entry")
                .extracting(HistoryEntry::event)
                .containsExactly(first);
    }

    @Test
    void anEventRecordedAlreadyIsRefusedAndTheDecisionWritesNothing() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        RuleState other = RuleState.initial("hash_ribbon_capitulation").evaluatedThrough(DAY);

        assertThat(ledger.record(List.of(change(RuleState.initial(other.key()), other)), List.of(event), LEASE))
                .isFalse();

        assertThat(ledger.load().states()).isEmpty();
        assertThat(ledger.load().pending()).containsExactly(event);
        assertThat(ledger.history(10)).hasSize(1);
    }

    @Test
    void anEventDeliveredAlreadyIsNotRecordedAgain() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", RECORDED.plusSeconds(5));

        assertThat(ledger.record(List.of(), List.of(event), LEASE)).isFalse();

        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.history(10))
                .singleElement()
                .extracting(HistoryEntry::status)
                .isEqualTo("SENT");
    }

    @Test
    @Timeout(60)
    void ofTwoConcurrentEvaluationsRecordingTheSameDecisionExactlyOneWins() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                RuleState v0 = RuleState.initial("rule_" + round);
                RuleState v1 = v0.after(EventKind.FIRED, DAY, false);
                AlertEvent event = event(v0.key(), 1, RECORDED, 89_610);
                CountDownLatch start = new CountDownLatch(1);
                Callable<Boolean> evaluation = () -> {
                    start.await();
                    return ledger.record(List.of(change(v0, v1)), List.of(event), LEASE);
                };
                Future<Boolean> a = pool.submit(evaluation);
                Future<Boolean> b = pool.submit(evaluation);
                start.countDown();

                assertThat(List.of(a.get(), b.get())).as("round " + round).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(ledger.history(100)).hasSize(10);
        assertThat(ledger.load().pending()).hasSize(10);
        assertThat(ledger.load().states())
                .hasSize(10)
                .allSatisfy((key, state) -> assertThat(state.version()).isEqualTo(1));
    }

    // Leases ------------------------------------------------------------------------------------------------------

    @Test
    void aRecordedEventIsLeasedToTheRunThatDecidedItUntilTheLeaseExpires() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        assertThat(ledger.claim(event.key(), "run-b", RECORDED.plusSeconds(60), LEASE))
                .isFalse();
        assertThat(ledger.claim(event.key(), "run-b", RECORDED.plus(LEASE), LEASE))
                .as("at its last instant")
                .isFalse();
        assertThat(ledger.claim(event.key(), "run-b", RECORDED.plus(LEASE).plusMillis(1), LEASE))
                .isTrue();
    }

    @Test
    void anExpiredLeaseIsClaimedByAnotherRunWhichThenHoldsItForItsLease() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        Instant taken = RECORDED.plus(LEASE).plusSeconds(1);

        assertThat(ledger.claim(event.key(), "run-b", taken, LEASE)).isTrue();

        assertThat(ledger.claim(event.key(), "run-c", taken.plusSeconds(1), LEASE))
                .isFalse();
        assertThat(ledger.markSent(List.of(new Sent(event.key(), "m-a")), "run-a", taken.plusSeconds(2)))
                .as("run-a's lease is gone")
                .containsExactly(event.key());
        assertThat(ledger.claim(event.key(), "run-c", taken.plus(LEASE).plusMillis(1), LEASE))
                .isTrue();
        assertThat(ledger.load().pending()).containsExactly(event);
    }

    @Test
    void aDeliveredEventCannotBeClaimedNorCanAnUnknownOne() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", RECORDED.plusSeconds(5));

        assertThat(ledger.claim(event.key(), "run-b", RECORDED.plus(Duration.ofDays(1)), LEASE))
                .isFalse();
        assertThat(ledger.claim("2026-02-05#no_such_rule#1", "run-b", RECORDED, LEASE))
                .isFalse();
        assertThat(ledger.load().pending()).isEmpty();
    }

    @Test
    void markingSentRemovesTheOutboxEntryAndMarksTheHistorySentWithTheMessageId() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        Instant sentAt = RECORDED.plusMillis(4_321);

        assertThat(ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", sentAt))
                .isEmpty();

        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.history(10)).containsExactly(new HistoryEntry(event, "SENT", "m-1", sentAt, null, null));
    }

    @Test
    void markingSentTogetherReturnsTheEventWhoseLeasePassedToAnotherRunAndLeavesItsEntry() {
        AlertEvent kept = event("price_below_production_cost", 1, RECORDED, 89_610);
        AlertEvent lost = event("hash_ribbon_capitulation", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(kept, lost), LEASE);
        ledger.claim(lost.key(), "run-b", RECORDED.plus(LEASE).plusSeconds(1), LEASE);

        List<String> leaseLost = ledger.markSent(
                List.of(new Sent(kept.key(), "m-1"), new Sent(lost.key(), "m-2")),
                "run-a",
                RECORDED.plus(LEASE).plusSeconds(2));

        assertThat(leaseLost).containsExactly(lost.key());
        assertThat(ledger.load().pending()).containsExactly(lost);
        assertThat(ledger.history(10))
                .extracting(entry -> entry.event().key() + " " + entry.status() + " " + entry.messageId())
                .containsExactlyInAnyOrder(kept.key() + " SENT m-1", lost.key() + " PENDING null");
        assertThat(ledger.claim(lost.key(), "run-c", RECORDED.plus(LEASE).plusSeconds(3), LEASE))
                .as("run-b still holds it")
                .isFalse();
    }

    @Test
    void aReleasedEventCanBeClaimedAtOnce() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        ledger.release(event.key(), "run-a", "SNS: throttled");

        assertThat(ledger.load().pending()).containsExactly(event);
        assertThat(ledger.claim(event.key(), "run-b", RECORDED.plusSeconds(1), LEASE))
                .isTrue();
        assertThat(ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-b", RECORDED.plusSeconds(2)))
                .isEmpty();
    }

    @Test
    void aReleaseByARunThatDoesNotHoldTheLeaseChangesNothing() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        ledger.release(event.key(), "run-b", "not mine");
        ledger.release("2026-02-05#no_such_rule#1", "run-a", "no such event");

        assertThat(ledger.claim(event.key(), "run-c", RECORDED.plusSeconds(1), LEASE))
                .as("run-a still holds it")
                .isFalse();
        assertThat(ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", RECORDED.plusSeconds(2)))
                .isEmpty();
    }

    @Test
    void theOutboxEntryIsLeasedToTheDecidingRunAtRecording() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        assertThat(outboxEntry(event.key())).contains(new OutboxEntry("run-a", RECORDED.plus(LEASE), 1, null));
    }

    @Test
    void aClaimTakesTheLeaseAndCountsTheAttempt() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        Instant taken = RECORDED.plus(LEASE).plusSeconds(1);

        ledger.claim(event.key(), "run-b", taken, LEASE);
        ledger.claim(event.key(), "run-c", taken.plusSeconds(1), LEASE);

        assertThat(outboxEntry(event.key())).contains(new OutboxEntry("run-b", taken.plus(LEASE), 2, null));
    }

    @Test
    void aReleaseKeepsTheErrorAndClearsTheLeaseAndOnlyTheOwnerCanRelease() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        ledger.release(event.key(), "run-b", "not mine");
        assertThat(outboxEntry(event.key())).contains(new OutboxEntry("run-a", RECORDED.plus(LEASE), 1, null));

        ledger.release(event.key(), "run-a", "SNS: throttled");
        assertThat(outboxEntry(event.key())).contains(new OutboxEntry(null, null, 1, "SNS: throttled"));

        ledger.claim(event.key(), "run-b", RECORDED.plusSeconds(1), LEASE);
        assertThat(outboxEntry(event.key()))
                .as("the error stays until delivery")
                .contains(new OutboxEntry("run-b", RECORDED.plusSeconds(1).plus(LEASE), 2, "SNS: throttled"));

        ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-b", RECORDED.plusSeconds(2));
        assertThat(outboxEntry(event.key())).isEmpty();
    }

    // Delivery attempts and parking ----------------------------------------------------------------------------

    @Test
    void theSnapshotCountsEachPendingEventsDeliveryAttempts() {
        AlertEvent once = event("price_below_production_cost", 1, RECORDED, 89_610);
        AlertEvent twice = event("hash_ribbon_capitulation", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(once, twice), LEASE);
        ledger.release(twice.key(), "run-a", "SNS: throttled");
        ledger.claim(twice.key(), "run-b", RECORDED.plusSeconds(1), LEASE);

        RuleLedger.Snapshot snapshot = ledger.load();

        assertThat(snapshot.attemptsOf(once.key())).isEqualTo(1);
        assertThat(snapshot.attemptsOf(twice.key())).isEqualTo(2);
        assertThat(snapshot.attemptsOf("2026-02-05#no_such_rule#1")).isZero();
    }

    @Test
    void aParkedEventLeavesTheOutboxAndIsParkedInTheHistoryWithItsError() {
        AlertEvent refused = event("price_below_production_cost", 1, RECORDED, 89_610);
        AlertEvent other = event("hash_ribbon_capitulation", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(refused, other), LEASE);

        assertThat(ledger.park(
                        refused.key(), "run-a", "SNS: InvalidParameter: message too long", RECORDED.plusSeconds(5)))
                .isTrue();

        assertThat(ledger.load().pending()).containsExactly(other);
        assertThat(outboxEntry(refused.key())).isEmpty();
        HistoryEntry parked =
                new HistoryEntry(refused, "PARKED", null, null, "SNS: InvalidParameter: message too long", null);
        assertThat(ledger.history(10)).contains(parked, new HistoryEntry(other, "PENDING", null, null, null, null));
        assertThat(ledger.parked()).containsExactly(parked);
        assertThat(ledger.claim(refused.key(), "run-b", RECORDED.plus(Duration.ofDays(1)), LEASE))
                .as("never delivered again")
                .isFalse();
        assertThat(ledger.record(List.of(), List.of(refused), LEASE))
                .as("nor recorded again")
                .isFalse();
    }

    @Test
    void onlyTheRunHoldingTheLeaseCanParkAnEvent() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        assertThat(ledger.park(event.key(), "run-b", "not mine", RECORDED.plusSeconds(5)))
                .isFalse();
        assertThat(ledger.park("2026-02-05#no_such_rule#1", "run-a", "no such event", RECORDED.plusSeconds(5)))
                .isFalse();

        assertThat(ledger.load().pending()).containsExactly(event);
        assertThat(ledger.parked()).isEmpty();
    }

    @Test
    void parkedEventsAreListedNewestDayFirstAndNothingElse() {
        AlertEvent older =
                AlertEvents.of("z_rule").version(5).day(DAY.minusDays(1)).build();
        AlertEvent newer = event("a_rule", 1, RECORDED, 1);
        AlertEvent sent = event("b_rule", 1, RECORDED, 1);
        ledger.record(List.of(), List.of(older, newer, sent), LEASE);
        ledger.park(older.key(), "run-a", "refused: older", RECORDED);
        ledger.park(newer.key(), "run-a", "refused: newer", RECORDED);
        ledger.markSent(List.of(new Sent(sent.key(), "m-1")), "run-a", RECORDED);

        assertThat(ledger.parked())
                .extracting(entry -> entry.event().key() + " " + entry.status() + " " + entry.error())
                .containsExactly(newer.key() + " PARKED refused: newer", older.key() + " PARKED refused: older");
    }

    @Test
    void aRequeuedEventIsBackInTheOutboxUnleasedWithNoAttemptAndPendingOnceHoweverOftenItIsRequeued() {
        AlertEvent refused = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(refused), LEASE);
        ledger.park(refused.key(), "run-a", "SNS: InvalidParameter", RECORDED.plusSeconds(5));

        assertThat(ledger.requeue(refused.key())).isTrue();
        assertThat(ledger.requeue(refused.key())).as("once").isFalse();

        RuleLedger.Snapshot snapshot = ledger.load();
        assertThat(snapshot.pending()).containsExactly(refused);
        assertThat(snapshot.attemptsOf(refused.key())).isZero();
        assertThat(ledger.parked()).isEmpty();
        assertThat(ledger.history(10))
                .singleElement()
                .extracting(HistoryEntry::status)
                .isEqualTo("PENDING");
        assertThat(ledger.claim(refused.key(), "run-b", RECORDED.plus(Duration.ofDays(1)), LEASE))
                .as("the next run delivers it")
                .isTrue();
        assertThat(ledger.markSent(List.of(new Sent(refused.key(), "m-1")), "run-b", RECORDED.plus(Duration.ofDays(1))))
                .isEmpty();
        assertThat(ledger.requeue(refused.key()))
                .as("a sent event is not parked")
                .isFalse();
    }

    @Test
    void anEventThatIsNotParkedIsNotRequeued() {
        AlertEvent pending = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(pending), LEASE);

        assertThat(ledger.requeue(pending.key())).isFalse();
        assertThat(ledger.requeue("2026-02-05#no_such_rule#1")).isFalse();

        assertThat(ledger.load().pending()).containsExactly(pending);
        assertThat(ledger.load().attemptsOf(pending.key())).isEqualTo(1);
    }

    // Events a silence holds --------------------------------------------------------------------------------------

    @Test
    void aHeldEventStaysInTheOutboxUnleasedWithItsSilenceAndReadsSilenced() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        AlertEvent other = event("hash_ribbon_capitulation", 1, RECORDED, 89_610);
        storage.silences().keep(SilencesContract.MAINTENANCE);
        ledger.record(List.of(), List.of(event, other), LEASE);

        ledger.hold(event.key(), "run-a", "s-0001");

        RuleLedger.Snapshot snapshot = ledger.load();
        assertThat(snapshot.pending()).containsExactlyInAnyOrder(event, other);
        assertThat(snapshot.heldBy()).containsExactly(Map.entry(event.key(), "s-0001"));
        assertThat(snapshot.attemptsOf(event.key()))
                .as("holding is no delivery attempt")
                .isZero();
        assertThat(outboxEntry(event.key())).contains(new OutboxEntry(null, null, 0, null));
        assertThat(ledger.history(10))
                .contains(
                        new HistoryEntry(event, "SILENCED", null, null, null, "s-0001"),
                        new HistoryEntry(other, "PENDING", null, null, null, null));
    }

    @Test
    void onlyTheRunHoldingTheLeaseCanHoldAnEvent() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);

        ledger.hold(event.key(), "run-b", "s-0001");

        assertThat(ledger.load().heldBy()).isEmpty();
        assertThat(outboxEntry(event.key())).contains(new OutboxEntry("run-a", RECORDED.plus(LEASE), 1, null));
        assertThat(ledger.history(10)).extracting(HistoryEntry::status).containsExactly("PENDING");
    }

    @Test
    void aHeldEventSentAfterItsSilenceReadsSentAndStillNamesTheSilence() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        ledger.hold(event.key(), "run-a", "s-0001");
        Instant after = RECORDED.plus(Duration.ofHours(5));

        assertThat(ledger.claim(event.key(), "run-b", after, LEASE)).isTrue();
        ledger.markSent(List.of(new Sent(event.key(), "m-7")), "run-b", after);

        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.history(10)).containsExactly(new HistoryEntry(event, "SENT", "m-7", after, null, "s-0001"));
    }

    @Test
    void aDismissedEventLeavesTheOutboxAndStaysSilencedInTheHistory() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        ledger.hold(event.key(), "run-a", "s-0001");
        Instant after = RECORDED.plus(Duration.ofHours(5));
        ledger.claim(event.key(), "run-b", after, LEASE);

        assertThat(ledger.dismiss(event.key(), "run-c"))
                .as("not the lease holder")
                .isFalse();
        assertThat(ledger.load().pending()).containsExactly(event);
        assertThat(ledger.dismiss(event.key(), "run-b")).isTrue();

        assertThat(ledger.load().pending()).isEmpty();
        assertThat(outboxEntry(event.key())).isEmpty();
        assertThat(ledger.history(10)).containsExactly(new HistoryEntry(event, "SILENCED", null, null, null, "s-0001"));
        assertThat(ledger.claim(event.key(), "run-d", after.plus(Duration.ofDays(1)), LEASE))
                .as("never delivered")
                .isFalse();
    }

    // Order and history -------------------------------------------------------------------------------------------

    @Test
    void eventsWaitOldestRecordedFirstThenByDayRuleAndVersionAsANumber() {
        AlertEvent newest = event("a_rule", 1, RECORDED.plusSeconds(60), 1);
        AlertEvent oldest = event("z_rule", 1, RECORDED.minusSeconds(60), 1);
        AlertEvent version10 = event("m_rule", 10, RECORDED, 1);
        AlertEvent version9 = event("m_rule", 9, RECORDED, 1);
        AlertEvent otherRule = event("n_rule", 2, RECORDED, 1);
        AlertEvent earlierDay =
                AlertEvents.of("z_rule").version(5).day(DAY.minusDays(1)).build();

        ledger.record(List.of(), List.of(newest, version10), LEASE);
        ledger.record(List.of(), List.of(otherRule, version9, oldest, earlierDay), LEASE);

        assertThat(ledger.load().pending()).containsExactly(oldest, earlierDay, version9, version10, otherRule, newest);
    }

    @Test
    void theHistoryIsNewestDayFirstAndLimited() {
        List<AlertEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            LocalDate day = DAY.minusDays(i);
            events.add(AlertEvents.of("price_below_production_cost")
                    .version(5 - i)
                    .day(day)
                    .title("t")
                    .value(69_000)
                    .asOf(RECORDED)
                    .recordedAt(RECORDED.minus(Duration.ofDays(i)))
                    .build());
        }
        ledger.record(List.of(), events.reversed(), LEASE);
        ledger.markSent(List.of(new Sent(events.get(1).key(), "m-1")), "run-a", RECORDED);

        List<HistoryEntry> history = ledger.history(3);

        assertThat(history)
                .extracting(entry -> entry.event().day())
                .containsExactly(DAY, DAY.minusDays(1), DAY.minusDays(2));
        assertThat(history).extracting(HistoryEntry::status).containsExactly("PENDING", "SENT", "PENDING");
        assertThat(ledger.history(10)).extracting(HistoryEntry::event).containsExactlyElementsOf(events);
    }

    // Fixtures ----------------------------------------------------------------------------------------------------

    protected static StateChange change(RuleState previous, RuleState next) {
        return new StateChange(previous, next);
    }

    /**
     * An event whose every figure is set, and set to be hard to keep: a value of 17 significant digits, an instant to
     * the nanosecond, a title and a detail with quotes and a dash.
     */
    protected static AlertEvent eventWithEveryFigure() {
        return AlertEvents.of("hashprice_low")
                .stateKey("hashprice_low/hashprice_usd_ph_day")
                .version(7)
                .title("Hashprice below 50 USD/PH/day")
                .severity(Severity.CRITICAL)
                .kind(EventKind.RESOLVED)
                .series(SeriesId.HASHPRICE_USD_PH_DAY)
                .value(0.04812345678901234)
                .threshold(0.05)
                .rearmLevel(0.055)
                .unit("USD per PH/s per day")
                .asOf(Instant.parse("2026-02-05T13:59:58.123456789Z"))
                .sources("mempool", "coingecko")
                .dayFinal(true)
                .thresholdBasis("fixed: 0.05 (rules.json)")
                .detail("Hashprice 48.12 USD is 3.8% below 50 — \"capitulation\" zone")
                .meaning("Miners' revenue per unit of hash is at a multi-year low.")
                .recordedAt(RECORDED.plusMillis(123))
                .build();
    }

    /** An event of {@code stateKey} at {@code version} on 2026-02-05, recorded by {@code run-a}. */
    protected static AlertEvent event(String stateKey, long version, Instant recordedAt, double rearmLevel) {
        return AlertEvents.of(stateKey)
                .version(version)
                .rearmLevel(rearmLevel)
                .recordedAt(recordedAt)
                .build();
    }
}
