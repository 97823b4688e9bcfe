package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A silence holds its rule's notifications from its start (inclusive) to its end (exclusive). */
class SilenceTest {

    private static final Instant NOON = Instant.parse("2026-02-05T12:00:00Z");
    private static final Silence TWO_HOURS = new Silence(
            "s-0000abcd", "price_below_production_cost", NOON, NOON.plus(Duration.ofHours(2)), "pool", "ops");

    private static AlertEvent eventOf(String ruleId) {
        return AlertEvents.of(ruleId).asOf(NOON).recordedAt(NOON).build();
    }

    @Test
    void itHoldsItsRulesEventsFromItsStartUntilJustBeforeItsEnd() {
        AlertEvent price = eventOf("price_below_production_cost");

        assertThat(TWO_HOURS.holds(price, NOON.minusMillis(1))).isFalse();
        assertThat(TWO_HOURS.holds(price, NOON)).isTrue();
        assertThat(TWO_HOURS.holds(price, NOON.plus(Duration.ofHours(2)).minusMillis(1)))
                .isTrue();
        assertThat(TWO_HOURS.holds(price, NOON.plus(Duration.ofHours(2)))).isFalse();
        assertThat(TWO_HOURS.holds(eventOf("etf_daily_outflow"), NOON.plusSeconds(60)))
                .isFalse();
    }

    @Test
    void ofTwoSilencesOfARuleTheOneThatLastsLongestHoldsIt() {
        Silence longer = new Silence(
                "s-0000ffff", "price_below_production_cost", NOON, NOON.plus(Duration.ofHours(5)), "longer", "ops");
        Silence other =
                new Silence("s-00001111", "etf_daily_outflow", NOON, NOON.plus(Duration.ofDays(1)), "other", "ops");
        AlertEvent price = eventOf("price_below_production_cost");

        assertThat(Silence.holding(List.of(TWO_HOURS, longer, other), price, NOON.plusSeconds(1)))
                .contains(longer);
        assertThat(Silence.holding(List.of(TWO_HOURS, other), price, NOON.plus(Duration.ofHours(3))))
                .isEmpty();
    }

    @Test
    void endingItEarlyMovesItsEndToThatMomentButNeverBeforeItsStartAndAnEndedOneStaysAsItWas() {
        Instant one = NOON.plus(Duration.ofHours(1));

        assertThat(TWO_HOURS.endedAt(one).endsAt()).isEqualTo(one);
        assertThat(TWO_HOURS.endedAt(one).activeAt(one)).isFalse();
        assertThat(TWO_HOURS.endedAt(NOON.minusSeconds(60)).endsAt()).isEqualTo(NOON);
        assertThat(TWO_HOURS.endedAt(NOON.plus(Duration.ofHours(2)))).isSameAs(TWO_HOURS);
        assertThat(TWO_HOURS.endedAt(NOON.plus(Duration.ofHours(3)))).isSameAs(TWO_HOURS);
        assertThat(TWO_HOURS.expiresAt())
                .isEqualTo(NOON.plus(Duration.ofHours(2)).plus(Duration.ofDays(30)));
    }

    @Test
    void aNewSilenceHasAFreshShortIdAndMustEndInTheFutureWithAReason() {
        Silence made = Silence.of("price_below_production_cost", NOON, NOON.plusSeconds(1), "why", "ops");

        assertThat(made.id()).matches("s-[0-9a-f]{8}");
        assertThat(made.startsAt()).isEqualTo(NOON);
        assertThat(made.endsAt()).isEqualTo(NOON.plusSeconds(1));
        assertThat(Silence.of("r", NOON, NOON.plusSeconds(1), "why", "ops").id())
                .isNotEqualTo(
                        Silence.of("r", NOON, NOON.plusSeconds(1), "why", "ops").id());
        assertThatThrownBy(() -> Silence.of("r", NOON, NOON, "why", "ops"))
                .hasMessage("a new silence must end after it begins (" + NOON + "), not at " + NOON);
        assertThatThrownBy(() ->
                        Silence.of("r", NOON, NOON.plus(Duration.ofDays(30)).plusSeconds(1), "why", "ops"))
                .hasMessageContaining("longer than 30");
        assertThat(Silence.of("r", NOON, NOON.plus(Duration.ofDays(30)), "why", "ops")
                        .endsAt())
                .isEqualTo(NOON.plus(Duration.ofDays(30)));
        assertThat(Silence.longerThanAMonth("r", NOON, NOON.plus(Duration.ofDays(365)), "why", "ops")
                        .endsAt())
                .isEqualTo(NOON.plus(Duration.ofDays(365)));
        Instant in1899 = Instant.parse("1899-12-31T00:00:00Z");
        assertThatThrownBy(() -> Silence.longerThanAMonth("r", in1899, in1899.plusSeconds(60), "why", "ops"))
                .hasMessageContaining("before Bitcoin's genesis block");
        assertThatThrownBy(() -> new Silence("s-1", "r", NOON, NOON.minusSeconds(1), "why", "ops"))
                .hasMessageStartingWith("a silence cannot end before it starts");
        assertThatThrownBy(() -> new Silence("s-1", "r", NOON, NOON, " ", "ops"))
                .hasMessage("a silence needs a reason (for rule r)");
        assertThat(new Silence("s-1", "r", NOON, NOON, "zero length", "ops").activeAt(NOON))
                .isFalse();
    }
}
