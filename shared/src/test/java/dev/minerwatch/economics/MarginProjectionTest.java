package dev.minerwatch.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.minerwatch.economics.FleetEconomics.MarginProjection;
import org.junit.jupiter.api.Test;

/**
 * A fleet's margin ahead of time, at hand-computed points: an S19 XP (21.5 J/TH) at PUE 1.1, a 2% pool fee and
 * $0.05/kWh costs 21.5 × 1,000 × 1.1 × 24 / 1,000 = 567.6 kWh, $28.38, per PH/s per day; at a hashprice of $31.56 it
 * earns 31.56 × 0.98 = $30.9288, a margin of $2.5488.
 */
class MarginProjectionTest {

    private static final FleetEconomics S19_XP = new FleetEconomics(21.5, 0.05, 1.1, 2, 0);

    /** Block 935,000, in the epoch of a 3.125 BTC subsidy, with 0.025 BTC of fees a block. */
    private static final MarginProjection TODAY = new MarginProjection(S19_XP, 31.56, 935_000, 0.025);

    @Test
    void todaysMarginIsTheHashpriceAfterTheFeeLessPower() {
        assertThat(S19_XP.costUsdPerPhDay()).isCloseTo(28.38, within(1e-9));
        assertThat(TODAY.margin()).isCloseTo(2.5488, within(1e-9));
    }

    @Test
    void aRetargetOfPlusTenPercentPutsTheFleetUnderWaterAndPlusEightDoesNot() {
        // 31.56 / 1.10 = 28.690909..., × 0.98 = 28.117090..., less 28.38.
        assertThat(TODAY.hashpriceAfterRetarget(10)).isCloseTo(28.690909, within(1e-6));
        assertThat(TODAY.marginAfterRetarget(10)).isCloseTo(-0.262909, within(1e-6));
        // 31.56 / 1.08 = 29.222222..., × 0.98 = 28.637777..., less 28.38.
        assertThat(TODAY.marginAfterRetarget(8)).isCloseTo(0.257778, within(1e-6));
        // An easier difficulty is good news: 31.56 / 0.8884 for mempool's −11.16%.
        assertThat(TODAY.marginAfterRetarget(-11.16)).isCloseTo(31.56 / 0.8884 * 0.98 - 28.38, within(1e-9));
        assertThat(TODAY.marginAfterRetarget(0)).isCloseTo(TODAY.margin(), within(1e-12));
    }

    @Test
    void aHalvingHalvesTheSubsidyAloneTheFeesStay() {
        // (3.125 / 2 + 0.025) / (3.125 + 0.025) = 1.5875 / 3.15 = 0.503968...
        assertThat(TODAY.subsidyBtc()).isEqualTo(3.125);
        assertThat(TODAY.hashpriceAfterHalving(31.56)).isCloseTo(31.56 * 1.5875 / 3.15, within(1e-9));
        assertThat(TODAY.marginAfterHalving(0)).isCloseTo(31.56 * 1.5875 / 3.15 * 0.98 - 28.38, within(1e-9));
        assertThat(TODAY.marginAfterHalving(10)).isCloseTo(31.56 / 1.1 * 1.5875 / 3.15 * 0.98 - 28.38, within(1e-9));
        assertThat(new MarginProjection(S19_XP, 31.56, 935_000, 0).hashpriceAfterHalving(31.56))
                .as("without fees the whole reward halves")
                .isCloseTo(15.78, within(1e-9));
        assertThat(new MarginProjection(S19_XP, 31.56, 839_999, 0).subsidyBtc()).isEqualTo(6.25);
    }

    @Test
    void aPriceShockMovesTheHashpriceInStep() {
        assertThat(MarginProjection.PRICE_SHOCKS).containsExactly(-10.0, -20.0, -30.0);
        assertThat(TODAY.marginUnderPriceShock(-10)).isCloseTo(31.56 * 0.9 * 0.98 - 28.38, within(1e-9));
        assertThat(TODAY.marginUnderPriceShock(-30)).isCloseTo(31.56 * 0.7 * 0.98 - 28.38, within(1e-9));
        assertThat(TODAY.marginUnderPriceShock(0)).isCloseTo(TODAY.margin(), within(1e-12));
    }

    @Test
    void impossibleFiguresAreRefusedNamingThem() {
        assertThatThrownBy(() -> new MarginProjection(S19_XP, 0, 935_000, 0.025))
                .hasMessageContaining("hashprice 0.0");
        assertThatThrownBy(() -> new MarginProjection(S19_XP, Double.NaN, 935_000, 0.025))
                .hasMessageContaining("hashprice NaN");
        assertThatThrownBy(() -> new MarginProjection(S19_XP, 31.56, 935_000, -1))
                .hasMessageContaining("fees");
        assertThatThrownBy(() -> new MarginProjection(S19_XP, 31.56, -1, 0)).hasMessageContaining("height -1");
        assertThatThrownBy(() -> TODAY.hashpriceAfterRetarget(400)).hasMessageContaining("400.0%");
        assertThatThrownBy(() -> TODAY.hashpriceAfterRetarget(-80)).hasMessageContaining("-80.0%");
        assertThat(TODAY.hashpriceAfterRetarget(300)).isCloseTo(31.56 / 4, within(1e-9));
        assertThat(TODAY.hashpriceAfterRetarget(-75)).isCloseTo(31.56 * 4, within(1e-9));
        assertThatThrownBy(() -> TODAY.marginUnderPriceShock(-100)).hasMessageContaining("-100.0%");
    }
}
