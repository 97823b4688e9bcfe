package dev.minerwatch.rules;

import static dev.minerwatch.rules.ThresholdBelowRule.PRICE_BELOW_PRODUCTION_COST;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThresholdBelowRuleTest {

    private static final double COST = 87_000;

    @Test
    void firesWhenThePriceFallsUnderTheCost() {
        assertThat(PRICE_BELOW_PRODUCTION_COST.evaluate(69_280, COST, false)).contains(EventKind.FIRED);
    }

    @Test
    void doesNotFireAgainWhileItHolds() {
        assertThat(PRICE_BELOW_PRODUCTION_COST.evaluate(60_000, COST, true)).isEmpty();
    }

    @Test
    void staysActiveBetweenTheCostAndThreePercentAboveIt() {
        assertThat(PRICE_BELOW_PRODUCTION_COST.evaluate(87_500, COST, true)).isEmpty();
        assertThat(PRICE_BELOW_PRODUCTION_COST.evaluate(COST * 1.03, COST, true)).isEmpty();
    }

    @Test
    void resolvesOnlyAboveTheRearmLevel() {
        assertThat(PRICE_BELOW_PRODUCTION_COST.rearmLevel(COST)).isEqualTo(89_610, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(PRICE_BELOW_PRODUCTION_COST.evaluate(89_611, COST, true)).contains(EventKind.RESOLVED);
    }

    @Test
    void aPriceExactlyAtTheCostDoesNotFire() {
        assertThat(PRICE_BELOW_PRODUCTION_COST.evaluate(COST, COST, false)).isEmpty();
    }

    @Test
    void aPriceHoveringAroundTheCostFiresOnceAndDoesNotFlap() {
        double[] prices = {86_900, 87_100, 86_950, 87_400, 86_800, 88_000};
        boolean active = false;
        int events = 0;
        for (double price : prices) {
            var event = PRICE_BELOW_PRODUCTION_COST.evaluate(price, COST, active);
            if (event.isPresent()) {
                events++;
                active = event.get() == EventKind.FIRED;
            }
        }
        assertThat(events).isEqualTo(1);
        assertThat(active).isTrue();
    }

    @Test
    void isCriticalAndWatchesTheBtcPrice() {
        assertThat(PRICE_BELOW_PRODUCTION_COST.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(PRICE_BELOW_PRODUCTION_COST.series().id()).isEqualTo("btc_usd");
    }
}
