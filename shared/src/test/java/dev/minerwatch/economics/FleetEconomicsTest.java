package dev.minerwatch.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A fleet's own economics per PH/s per day: the formulas of docs/rules.md, worked by hand. */
class FleetEconomicsTest {

    /** docs/cli.md's example: an S19 XP (21.5 J/TH) at $0.055/kWh, PUE 1.1, a 2% pool fee. */
    private static final FleetEconomics S19_XP = new FleetEconomics(21.5, 0.055, 1.1, 2, 0);

    @Test
    void onePhPerSecondAtJoulesPerTerahashDrawsThatManyKilowattsAroundTheClockTimesThePue() {
        // 21.5 J/TH × 1000 TH/s = 21.5 kW; × 24 h = 516 kWh; × 1.1 = 567.6 kWh at the meter.
        assertThat(S19_XP.kwhPerPhDay()).isCloseTo(567.6, within(1e-9));
        assertThat(S19_XP.energyUsdPerPhDay()).isCloseTo(31.218, within(1e-9));
        assertThat(S19_XP.costUsdPerPhDay()).isCloseTo(31.218, within(1e-9));
    }

    @Test
    void theMarginIsTheHashpriceLessThePoolFeeLessPowerAndOverheads() {
        FleetEconomics hosted = new FleetEconomics(21.5, 0.055, 1.1, 2, 1.5);

        // February 2026: hashprice $31.56. Revenue 31.56 × 0.98 = 30.9288.
        assertThat(hosted.revenueUsdPerPhDay(31.56)).isCloseTo(30.9288, within(1e-9));
        assertThat(S19_XP.marginUsdPerPhDay(31.56)).isCloseTo(30.9288 - 31.218, within(1e-9));
        assertThat(hosted.marginUsdPerPhDay(31.56)).isCloseTo(30.9288 - 31.218 - 1.5, within(1e-9));
    }

    @Test
    void theBreakEvenHashpriceAndPowerPriceAreWhereTheMarginIsZero() {
        FleetEconomics hosted = new FleetEconomics(21.5, 0.055, 1.1, 2, 1.5);

        assertThat(S19_XP.breakevenHashprice()).isCloseTo(31.218 / 0.98, within(1e-9));
        assertThat(hosted.breakevenHashprice()).isCloseTo(32.718 / 0.98, within(1e-9));
        assertThat(hosted.marginUsdPerPhDay(hosted.breakevenHashprice())).isCloseTo(0, within(1e-9));
        // (30.9288 − 1.5) / 567.6
        assertThat(hosted.breakevenUsdPerKwh(31.56)).isCloseTo(29.4288 / 567.6, within(1e-12));
        FleetEconomics atBreakEvenPower = new FleetEconomics(21.5, hosted.breakevenUsdPerKwh(31.56), 1.1, 2, 1.5);
        assertThat(atBreakEvenPower.marginUsdPerPhDay(31.56)).isCloseTo(0, within(1e-9));
    }

    @Test
    void anS19XpBreaksEvenNearSixCentsAtTheHashpriceOfFebruary2026() {
        FleetEconomics bare = new FleetEconomics(21.5, 0.06, 1.0, 0, 0);

        // 31.56 / 516 kWh
        assertThat(bare.breakevenUsdPerKwh(31.56)).isCloseTo(0.061163, within(1e-6));
        assertThat(FleetEconomics.powerPrice(bare.breakevenUsdPerKwh(31.56))).isEqualTo("$0.0612/kWh");
    }

    @Test
    void overheadsAboveTheRevenueMakeTheBreakEvenPowerPriceNegative() {
        FleetEconomics expensiveHosting = new FleetEconomics(21.5, 0.05, 1.0, 0, 40);

        assertThat(expensiveHosting.breakevenUsdPerKwh(31.56)).isNegative();
        assertThat(FleetEconomics.powerPrice(expensiveHosting.breakevenUsdPerKwh(31.56)))
                .startsWith("-$0.01");
    }

    @Test
    void theInputsAreShownAsTheRuleFileWritesThem() {
        assertThat(S19_XP.describe()).isEqualTo("21.5 J/TH, $0.0550/kWh, PUE 1.1, pool fee 2%");
        assertThat(new FleetEconomics(15, 0.04, 1, 0, 2.5).describe())
                .isEqualTo("15 J/TH, $0.0400/kWh, PUE 1, pool fee 0%, other costs $2.5 per PH/s per day");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "joules_per_th 0,            0,     0.05, 1.1, 2,   0",
        "joules_per_th 0.0215,       0.0215, 0.05, 1.1, 2,  0",
        "joules_per_th 21500,        21500, 0.05, 1.1, 2,   0",
        "joules_per_th NaN,          NaN,   0.05, 1.1, 2,   0",
        "usd_per_kwh -0.01,          21.5, -0.01, 1.1, 2,   0",
        "usd_per_kwh 5.5,            21.5,  5.5,  1.1, 2,   0",
        "usd_per_kwh 1,              21.5,  1,    1.1, 2,   0",
        "usd_per_kwh Infinity,       21.5,  Infinity, 1.1, 2, 0",
        "pue 0.9,                    21.5,  0.05, 0.9, 2,   0",
        "pue 3.5,                    21.5,  0.05, 3.5, 2,   0",
        "pool_fee_pct 100,           21.5,  0.05, 1.1, 100, 0",
        "pool_fee_pct -1,            21.5,  0.05, 1.1, -1,  0",
        "other_usd_per_ph_day -1,    21.5,  0.05, 1.1, 2,  -1",
    })
    void anImpossibleInputIsRefusedNamingTheFieldAndTheValue(
            String message, double joules, double kwh, double pue, double fee, double other) {
        assertThatThrownBy(() -> new FleetEconomics(joules, kwh, pue, fee, other))
                .isInstanceOfSatisfying(
                        FleetEconomics.InvalidFigure.class,
                        e -> assertThat(e.field()).isEqualTo(message.substring(0, message.indexOf(' '))))
                .hasMessageStartingWith(message + " must be ");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(new FleetEconomics(500, 0, 1, 0, 0).costUsdPerPhDay()).isZero();
        assertThat(new FleetEconomics(1, 0.99, 3, 0, 0).energyUsdPerPhDay()).isCloseTo(24 * 3 * 0.99, within(1e-9));
        assertThat(new FleetEconomics(1, 0.05, 1, 99.9, 0).breakevenHashprice()).isCloseTo(1.2 / 0.001, within(1e-6));
    }

    @Test
    void theHandbooksBreakEvenFiguresOfFebruary2026() {
        // docs/domain.md, "A fleet's break-even": at $31.56, PUE 1, no pool fee: S21 $0.075/kWh, S19 XP $0.061, S19j
        // Pro $0.044.
        assertThat(new FleetEconomics(17.5, 0.05, 1, 0, 0).breakevenUsdPerKwh(31.56))
                .isCloseTo(0.075, within(0.0005));
        assertThat(new FleetEconomics(21.5, 0.05, 1, 0, 0).breakevenUsdPerKwh(31.56))
                .isCloseTo(0.061, within(0.0005));
        assertThat(new FleetEconomics(30, 0.05, 1, 0, 0).breakevenUsdPerKwh(31.56))
                .isCloseTo(0.044, within(0.0005));
        // At $0.05/kWh an S19 (38 J/TH) costs $45.60 per PH/s per day.
        assertThat(new FleetEconomics(38, 0.05, 1, 0, 0).costUsdPerPhDay()).isCloseTo(45.60, within(1e-9));
    }
}
