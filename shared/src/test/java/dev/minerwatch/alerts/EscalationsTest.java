package dev.minerwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.Rule.Escalation;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.RuleState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which alerts are due for escalation, from the rule states alone. */
class EscalationsTest {

    private static final Instant FIRED = Instant.parse("2026-02-05T14:10:00Z");
    private static final List<Rule> RULES = RuleSet.withOverrides(
                    "{\"rules\": [{\"id\": \"price_below_production_cost\", \"escalate_after\": \"PT30M\","
                            + " \"escalate_to\": \"sms\"}, {\"id\": \"hashprice_below_floor\", \"escalate_after\":"
                            + " \"PT15M\", \"escalate_to\": \"slack\"}]}",
                    "test")
            .rules();

    private static RuleState active(String key, Instant since) {
        return new RuleState(
                key, true, 1, null, LocalDate.parse("2026-02-05"), since, RuleState.DaysRead.NONE, since, 0);
    }

    private static List<Escalations.Due> dueAt(Map<String, RuleState> states, Set<String> acknowledged, Instant now) {
        return Escalations.due(RULES, states, acknowledged, Set.of(), now);
    }

    @Test
    void anActiveUnacknowledgedAlertIsDueOnceItsWaitHasPassedAndNotBefore() {
        Map<String, RuleState> states =
                Map.of("price_below_production_cost", active("price_below_production_cost", FIRED));

        assertThat(dueAt(states, Set.of(), FIRED.plus(Duration.ofMinutes(29)))).isEmpty();
        assertThat(dueAt(states, Set.of(), FIRED.plus(Duration.ofMinutes(30))))
                .singleElement()
                .satisfies(due -> {
                    assertThat(due.state().key()).isEqualTo("price_below_production_cost");
                    assertThat(due.escalation()).isEqualTo(new Escalation(Duration.ofMinutes(30), "sms"));
                });
    }

    @Test
    void anAcknowledgedOrResolvedAlertOrOneOfARuleWithoutEscalationIsNeverDue() {
        Instant late = FIRED.plus(Duration.ofHours(5));
        RuleState resolved = new RuleState(
                "price_below_production_cost",
                false,
                2,
                null,
                LocalDate.parse("2026-02-05"),
                late,
                RuleState.DaysRead.NONE,
                null,
                0);

        assertThat(dueAt(
                        Map.of("price_below_production_cost", active("price_below_production_cost", FIRED)),
                        Set.of("price_below_production_cost"),
                        late))
                .isEmpty();
        assertThat(dueAt(Map.of("price_below_production_cost", resolved), Set.of(), late))
                .isEmpty();
        assertThat(dueAt(Map.of("hashrate_drawdown", active("hashrate_drawdown", FIRED)), Set.of(), late))
                .isEmpty();
        assertThat(dueAt(
                        Map.of("price_below_production_cost", active("price_below_production_cost", null)),
                        Set.of(),
                        late))
                .as("a state stored before activeSince existed")
                .isEmpty();
    }

    @Test
    void severalDueAreListedByStateKeyEachWithItsOwnTarget() {
        Map<String, RuleState> states = new java.util.LinkedHashMap<>();
        states.put("price_below_production_cost", active("price_below_production_cost", FIRED));
        states.put("hashprice_below_floor", active("hashprice_below_floor", FIRED));

        assertThat(dueAt(states, Set.of(), FIRED.plus(Duration.ofMinutes(15))))
                .extracting(due -> due.state().key())
                .containsExactly("hashprice_below_floor");
        assertThat(dueAt(states, Set.of(), FIRED.plus(Duration.ofMinutes(30))))
                .extracting(due -> due.state().key() + " " + due.escalation().to())
                .containsExactly("hashprice_below_floor slack", "price_below_production_cost sms");
    }

    @Test
    void aRuleASilenceHoldsWaitsForItsEnd() {
        Map<String, RuleState> states =
                Map.of("price_below_production_cost", active("price_below_production_cost", FIRED));
        Instant late = FIRED.plus(Duration.ofHours(1));

        assertThat(Escalations.due(RULES, states, Set.of(), Set.of("price_below_production_cost"), late))
                .isEmpty();
        assertThat(Escalations.due(RULES, states, Set.of(), Set.of("etf_daily_outflow"), late))
                .hasSize(1);
    }
}
