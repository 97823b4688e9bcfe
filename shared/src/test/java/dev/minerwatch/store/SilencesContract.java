package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.Silence;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Silences} adapter does: a silence kept is listed newest first and read with the rule states in the
 * ledger's snapshot; ending one moves its end to that moment, once. A subclass per adapter supplies a fresh, empty
 * store for each test ({@link #newStorage()}).
 */
public abstract class SilencesContract extends FreshStorage {

    static final Instant RECORDED = Instant.parse("2026-02-05T14:10:00Z");

    /** The silences under test, of a fresh, empty store for each test. */
    protected Silences silences;

    @BeforeEach
    void takeTheSilences() {
        silences = storage.silences();
    }

    /** Four hours of the price rule's notifications held from 14:10 UTC on 5 February 2026. */
    static final Silence MAINTENANCE = new Silence(
            "s-0001",
            "price_below_production_cost",
            RECORDED,
            RECORDED.plus(Duration.ofHours(4)),
            "pool maintenance",
            "operator");

    @Test
    void aSilenceIsKeptAndReadWithTheRuleStates() {
        Silence later = new Silence(
                "s-0002",
                "hash_ribbon_capitulation",
                RECORDED.plusSeconds(60),
                RECORDED.plus(Duration.ofDays(1)),
                "known: difficulty retarget",
                "alice");
        silences.keep(MAINTENANCE);
        silences.keep(later);

        assertThat(silences.all()).as("newest first").containsExactly(later, MAINTENANCE);
        assertThat(storage.ledger().load().silences()).containsExactlyInAnyOrder(MAINTENANCE, later);
        assertThat(storage.ledger().load().states())
                .as("a silence is no rule state")
                .isEmpty();
        assertThat(storage.ledger().load().pending()).isEmpty();
    }

    @Test
    void endingASilenceMovesItsEndToThatMomentAndKeepsIt() {
        silences.keep(MAINTENANCE);
        Instant early = RECORDED.plus(Duration.ofHours(1));

        assertThat(silences.end("s-0001", early)).contains(MAINTENANCE.endedAt(early));

        assertThat(silences.all()).singleElement().satisfies(kept -> {
            assertThat(kept.endsAt()).isEqualTo(early);
            assertThat(kept.activeAt(early)).isFalse();
            assertThat(kept.reason()).isEqualTo("pool maintenance");
        });
        assertThat(silences.end("s-0001", early.plusSeconds(60)))
                .as("an ended silence stays as it ended")
                .contains(MAINTENANCE.endedAt(early));
        assertThat(silences.end("s-9999", early)).as("no such silence").isEmpty();
    }
}
