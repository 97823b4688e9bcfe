package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.store.RuleLedger.Acknowledgement;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RuleLedger} adapter does with acknowledgements ({@link RuleLedger#acknowledge}): one per episode
 * of a rule state, kept with its notice in the history and the outbox in one write, read with the rule states in the
 * snapshot, which tells which active states' current episode is acknowledged. A subclass per adapter supplies a fresh,
 * empty store for each test ({@link #newStorage()}).
 */
public abstract class AcknowledgementsContract extends FreshStorage {

    static final String STATE = "price_below_production_cost";
    static final Instant FIRED_AT = Instant.parse("2026-02-05T14:00:00Z");
    static final Instant ACKED_AT = Instant.parse("2026-02-05T15:30:00Z");

    /** The ledger under test, of a fresh, empty store for each test. */
    protected RuleLedger ledger;

    /** The price rule's FIRED event, recorded and sent. */
    protected AlertEvent fired;
    /** The price rule's state, active since 14:00 UTC on 5 February 2026. */
    protected RuleState active;

    @BeforeEach
    void anActiveAlert() {
        ledger = storage.ledger();
        fired = AlertEvents.of(STATE)
                .version(1)
                .title("BTC price below production cost")
                .build();
        active = new RuleState(
                STATE, true, 1, null, LocalDate.parse("2026-02-05"), FIRED_AT, DaysRead.NONE, FIRED_AT, 0);
        assertThat(ledger.record(
                        List.of(new StateChange(RuleState.initial(STATE), active)), List.of(fired), Duration.ZERO))
                .isTrue();
        assertThat(ledger.markSent(List.of(new RuleLedger.Sent(fired.key(), "m-1")), "run-a", FIRED_AT))
                .isEmpty();
    }

    /** An acknowledgement of {@link #fired} at 15:30 UTC. */
    protected Acknowledgement ack(String by, String reason) {
        return Acknowledgement.of(fired, active, by, ACKED_AT, reason);
    }

    @Test
    void anAcknowledgementIsKeptWithItsNoticeAndReadWithTheRuleStates() {
        Acknowledgement ack = ack("alice", "curtailing the old S19s");
        AlertEvent notice = ack.notice(fired);

        assertThat(ledger.acknowledge(ack, notice)).as("recorded now").isEmpty();

        assertThat(ledger.acknowledgements()).containsExactly(ack);
        RuleLedger.Snapshot snapshot = ledger.load();
        assertThat(snapshot.acknowledgements()).containsExactly(ack);
        assertThat(snapshot.acknowledged()).containsOnlyKeys(STATE).containsValue(ack);
        assertThat(snapshot.pending()).containsExactly(notice);
        assertThat(snapshot.attemptsOf(notice.key()))
                .as("unleased, no attempt yet")
                .isZero();
        assertThat(notice.key()).isEqualTo("2026-02-05#" + STATE + ":ack#1");
        assertThat(notice.kind()).isEqualTo(EventKind.ACKNOWLEDGED);
        assertThat(notice.explanation().detail())
                .isEqualTo("BTC price below production cost acknowledged by alice: curtailing the old S19s");
        assertThat(ledger.history(10))
                .extracting(entry -> entry.event().key() + " " + entry.status())
                .containsExactlyInAnyOrder(fired.key() + " SENT", notice.key() + " PENDING");
    }

    @Test
    void theFirstAcknowledgementOfAnEpisodeStaysAndASecondWritesNothing() {
        Acknowledgement first = ack("alice", "curtailing");
        ledger.acknowledge(first, first.notice(fired));
        AlertEvent reminder =
                AlertEvents.of(STATE).version(2).kind(EventKind.REMINDER).build();
        Acknowledgement second = Acknowledgement.of(reminder, active, "bob", ACKED_AT.plusSeconds(60), "me too");

        assertThat(ledger.acknowledge(first, first.notice(fired))).as("a retry").contains(first);
        assertThat(ledger.acknowledge(second, second.notice(reminder)))
                .as("another event of the same episode")
                .contains(first);

        assertThat(ledger.acknowledgements()).containsExactly(first);
        assertThat(ledger.load().pending())
                .extracting(AlertEvent::key)
                .containsExactly(first.notice(fired).key());
    }

    @Test
    void theNoticeIsDeliveredOnceThroughTheOutbox() {
        Acknowledgement ack = ack("alice", "on it");
        AlertEvent notice = ack.notice(fired);
        ledger.acknowledge(ack, notice);

        assertThat(ledger.claim(notice.key(), "run-b", ACKED_AT, Duration.ofMinutes(2)))
                .isTrue();
        assertThat(ledger.claim(notice.key(), "run-c", ACKED_AT, Duration.ofMinutes(2)))
                .as("leased to run-b")
                .isFalse();
        assertThat(ledger.markSent(List.of(new RuleLedger.Sent(notice.key(), "m-2")), "run-b", ACKED_AT))
                .isEmpty();

        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.claim(notice.key(), "run-c", ACKED_AT.plusSeconds(600), Duration.ofMinutes(2)))
                .as("delivered: nothing left to claim")
                .isFalse();
        assertThat(ledger.history(10))
                .filteredOn(entry -> entry.event().key().equals(notice.key()))
                .extracting(HistoryEntry::status)
                .containsExactly("SENT");
    }

    @Test
    void anAcknowledgementCoversOnlyTheEpisodeItWasGivenIn() {
        Acknowledgement ack = ack("alice", "on it");
        ledger.acknowledge(ack, ack.notice(fired));
        Instant refired = FIRED_AT.plus(Duration.ofDays(2));
        RuleState resolved = new RuleState(
                STATE, false, 2, null, LocalDate.parse("2026-02-06"), FIRED_AT.plus(Duration.ofDays(1)), DaysRead.NONE);
        RuleState again =
                new RuleState(STATE, true, 3, null, LocalDate.parse("2026-02-07"), refired, DaysRead.NONE, refired, 0);

        assertThat(ledger.record(List.of(new StateChange(active, resolved)), List.of(), Duration.ZERO))
                .isTrue();
        assertThat(ledger.load().acknowledged())
                .as("resolved: nothing active to cover")
                .isEmpty();
        assertThat(ledger.record(List.of(new StateChange(resolved, again)), List.of(), Duration.ZERO))
                .isTrue();
        assertThat(ledger.load().acknowledged()).as("a new episode").isEmpty();

        AlertEvent refiredEvent = AlertEvents.of(STATE)
                .version(3)
                .day(LocalDate.parse("2026-02-07"))
                .build();
        Acknowledgement next = Acknowledgement.of(refiredEvent, again, "bob", refired.plusSeconds(60), "again");
        assertThat(ledger.acknowledge(next, next.notice(refiredEvent))).isEmpty();
        assertThat(ledger.acknowledgements()).as("newest first").containsExactly(next, ack);
        assertThat(ledger.load().acknowledged()).containsEntry(STATE, next).hasSize(1);
    }
}
