package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.Rule.Escalation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A rule's escalate_after and escalate_to: how a rule file spells them, and the notice an escalation records. */
class EscalationTest {

    private static Rule priceRule(String fields) {
        return RuleSet.withOverrides("{\"rules\": [{\"id\": \"price_below_production_cost\"" + fields + "}]}", "test")
                .rules()
                .stream()
                .filter(rule -> rule.id().equals("price_below_production_cost"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aRuleEscalatesWhereItsFileSaysAfterTheWaitItGivesAndNowhereWithoutThem() {
        assertThat(priceRule(", \"escalate_after\": \"PT30M\", \"escalate_to\": \"SMS\"")
                        .escalation())
                .contains(new Escalation(Duration.ofMinutes(30), "sms"));
        assertThat(priceRule("").escalation()).isEmpty();
        assertThat(priceRule(", \"escalate_after\": \"PT15M\", \"escalate_to\": \"ntfy\"")
                        .escalation())
                .as("the least wait")
                .contains(new Escalation(Duration.ofMinutes(15), "ntfy"));
    }

    @Test
    void aDefectiveEscalationIsRejectedNamingTheRuleAndTheField() {
        assertThatThrownBy(() -> priceRule(", \"escalate_after\": \"PT30M\""))
                .hasMessageContaining("rule price_below_production_cost, field escalate_to: is missing");
        assertThatThrownBy(() -> priceRule(", \"escalate_to\": \"slack\""))
                .hasMessageContaining("rule price_below_production_cost, field escalate_after: is missing");
        assertThatThrownBy(() -> priceRule(", \"escalate_after\": \"30m\", \"escalate_to\": \"slack\""))
                .hasMessageContaining("field escalate_after: '30m' is not an ISO-8601 duration such as PT30M");
        assertThatThrownBy(() -> priceRule(", \"escalate_after\": \"PT10M\", \"escalate_to\": \"slack\""))
                .hasMessageContaining(
                        "rule price_below_production_cost, field escalate_after: PT10M is shorter than PT15M");
        assertThatThrownBy(() -> priceRule(", \"escalate_after\": \"PT1H\", \"escalate_to\": \"the boss\""))
                .hasMessageContaining("field escalate_to: 'the boss' is not a channel's name");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"escalate_after\": \"PT1H\","
                                + " \"escalate_to\": \"sms\"}]}",
                        "test"))
                .hasMessageContaining("rule etf_daily_outflow, field escalate_after: a rule that fires each day never");
    }

    @Test
    void theNoticeIsAnEscalatedEventKeyedAfterTheAlertItEscalatesOncePerEpisodeAndSaysWhereItWent() {
        AlertEvent fired = AlertEvents.of("price_below_production_cost")
                .title("BTC price below production cost")
                .version(3)
                .recordedAt(Instant.parse("2026-02-05T14:10:00Z"))
                .build();
        Escalation escalation = new Escalation(Duration.ofMinutes(30), "slack");

        AlertEvent notice = escalation.notice(fired, "run-7", Instant.parse("2026-02-05T14:40:00Z"));

        assertThat(notice.key()).isEqualTo("2026-02-05#price_below_production_cost:escalated-to-slack#3");
        assertThat(notice.kind()).isEqualTo(EventKind.ESCALATED);
        assertThat(notice.ruleId()).isEqualTo("price_below_production_cost");
        assertThat(notice.figures()).isEqualTo(fired.figures());
        assertThat(notice.explanation().detail())
                .isEqualTo("BTC price below production cost has held since 2026-02-05 14:10 UTC and nobody has"
                        + " acknowledged it in 30 min: escalated to slack");
        assertThat(notice.recording())
                .isEqualTo(new AlertEvent.Recording("run-7", Instant.parse("2026-02-05T14:40:00Z")));
        assertThat(Escalation.targetOf(notice)).contains("slack");
        assertThat(Escalation.escalatedKey(notice)).contains(fired.key());
        assertThat(Escalation.targetOf(fired)).isEmpty();
        assertThat(Escalation.escalatedKey(fired)).isEmpty();
    }
}
