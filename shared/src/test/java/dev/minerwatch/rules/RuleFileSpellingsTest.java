package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** How rule files and messages spell conditions, timings and severities. */
class RuleFileSpellingsTest {

    @Test
    void conditionsAreSpelledInLowerCaseAndShownAsTheirSymbol() {
        assertThat(Arrays.stream(Condition.values()).map(c -> c.id() + " " + c.symbol()))
                .containsExactly("below <", "at_or_below ≤", "above >", "at_or_above ≥");
        assertThat(Arrays.stream(Condition.values()).filter(Condition::belowFamily))
                .containsExactly(Condition.BELOW, Condition.AT_OR_BELOW);
        assertThat(Condition.fromId("at_or_above")).isEqualTo(Condition.AT_OR_ABOVE);
        assertThatThrownBy(() -> Condition.fromId("under"))
                .hasMessage("condition 'under' is unknown; use below, at_or_below, above, at_or_above");
    }

    @Test
    void timingsAndSeveritiesAreSpelledInLowerCase() {
        assertThat(Timing.CLOSED_DAYS.id()).isEqualTo("closed_days");
        assertThat(Timing.fromId("latest")).isEqualTo(Timing.LATEST);
        assertThatThrownBy(() -> Timing.fromId("never"))
                .hasMessage("evaluate 'never' is unknown; use latest, closed_days");
        assertThat(Arrays.stream(Severity.values()).map(Severity::id)).containsExactly("critical", "warning", "info");
    }
}
