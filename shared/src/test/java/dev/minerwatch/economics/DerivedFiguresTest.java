package dev.minerwatch.economics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.data.Offset.offset;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;

/** The formulas of docs/domain.md, checked against its reference figures of 5 February 2026. */
class DerivedFiguresTest {

    private static final double FEB_2026_DIFFICULTY = 141.67e12;

    @Test
    void subsidyHalvesAtEachEpoch() {
        assertThat(IssuanceSchedule.subsidyAt(0)).isEqualTo(50.0);
        assertThat(IssuanceSchedule.subsidyAt(629_999)).isEqualTo(12.5);
        assertThat(IssuanceSchedule.subsidyAt(630_000)).isEqualTo(6.25);
        assertThat(IssuanceSchedule.subsidyAt(840_000)).isEqualTo(3.125);
        assertThat(IssuanceSchedule.subsidyAt(64 * 210_000L)).isZero();
    }

    @Test
    void historyWithoutHeightsGetsHeightsEstimatedFromTheHalvingDays() {
        assertThat(IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2024-04-20")))
                .isEqualTo(840_000);
        assertThat(IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2020-05-11")))
                .isEqualTo(630_000);
        // 5 February 2026 was about block 934,000; supply then within 0.1% of the published 19.98M (docs/domain.md).
        long height = IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2026-02-05"));
        assertThat(IssuanceSchedule.supplyAt(height)).isCloseTo(19_980_000, withPercentage(0.1));
        assertThatThrownBy(() -> IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2008-12-31")))
                .hasMessageContaining("before the genesis block");
    }

    @Test
    void theIssuanceOtherWingsReadIsTheSchedulesAtTheHeightOrTheDaysEstimatedHeight() {
        assertThat(DerivedPoints.Issuance.atHeight(840_000))
                .isEqualTo(new DerivedPoints.Issuance(840_000, 3.125, IssuanceSchedule.supplyAt(840_000)));
        assertThat(DerivedPoints.Issuance.estimatedOn(java.time.LocalDate.parse("2020-05-11")))
                .isEqualTo(new DerivedPoints.Issuance(630_000, 6.25, IssuanceSchedule.supplyAt(630_000)));
    }

    @Test
    void supplyFollowsTheScheduleAndIsAbout19Point98MillionInFebruary2026() {
        assertThat(IssuanceSchedule.supplyAt(0)).isEqualTo(50.0);
        assertThat(IssuanceSchedule.supplyAt(839_999)).isEqualTo(19_687_500.0);
        assertThat(IssuanceSchedule.supplyAt(935_000)).isCloseTo(19.98e6, withPercentage(0.1));
        assertThat(IssuanceSchedule.supplyAt(50_000_000)).isLessThan(21_000_000);
    }

    @Test
    void hashpriceOfFebruary5Is30Point99DollarsPerPhPerDay() {
        assertThat(HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, 3.125, 0.025, 69_280))
                .isCloseTo(30.99, offset(0.01));
    }

    @Test
    void hashpriceRefusesANonPositiveDifficultyOrPriceNamingThem() {
        assertThatThrownBy(() -> HashpriceCalculator.usdPerPhDay(0, 3.125, 0.025, 69_280))
                .hasMessageContaining("difficulty 0.0");
        assertThatThrownBy(() -> HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, 3.125, 0.025, Double.NaN))
                .hasMessageContaining("price NaN");
        assertThatThrownBy(() -> HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, 3.125, 0.025, 0))
                .hasMessageContaining("price 0.0");
    }

    @Test
    void theDefaultDifficultyRegressionPutsTheCostNear87kOnFebruary5AndNear77kAfterTheDrop() {
        var feb5 = new ProductionCostModel.Network(FEB_2026_DIFFICULTY, 19.98e6, 3.125, 0.025);
        var feb7 = new ProductionCostModel.Network(125.86e12, 19.98e6, 3.125, 0.025);

        assertThat(ProductionCostModel.DifficultyRegression.DEFAULT.costUsdPerBtc(feb5))
                .isCloseTo(87_000, withPercentage(0.1));
        assertThat(ProductionCostModel.DifficultyRegression.DEFAULT.costUsdPerBtc(feb7))
                .isCloseTo(77_300, withPercentage(0.2));
    }

    @Test
    void glassnodes2022FitGivesOnlyAbout38kIn2026() {
        var feb5 = new ProductionCostModel.Network(FEB_2026_DIFFICULTY, 19.98e6, 3.125, 0.025);

        assertThat(ProductionCostModel.DifficultyRegression.GLASSNODE_2022.costUsdPerBtc(feb5))
                .isCloseTo(38_000, withPercentage(3));
    }

    @Test
    void theEnergyModelGives52Point5kOfElectricityAt915EhsAnd21Point5JoulesPerTerahash() {
        double difficultyAt915Ehs = 915.85e18 * 600 / 4_294_967_296.0;
        var model = new ProductionCostModel.Energy(21.5, 0.05, 1.0, 1.8);
        var network = new ProductionCostModel.Network(difficultyAt915Ehs, 19.98e6, 3.125, 0.0);

        assertThat(model.electricityUsdPerBtc(network)).isCloseTo(52_500, withPercentage(0.1));
        assertThat(model.costUsdPerBtc(network)).isCloseTo(52_500 * 1.8, withPercentage(0.1));
    }

    @Test
    void modelsAreReadFromConfigurationAndCarryTheirIdVersionAndParameters() {
        assertThat(ProductionCostModel.parse("")).isEqualTo(ProductionCostModel.DifficultyRegression.DEFAULT);
        assertThat(ProductionCostModel.parse("drm-glassnode-2022").details())
                .containsEntry("model", "drm-glassnode-2022")
                .containsEntry("version", "1")
                .containsEntry("A", "10.256")
                .containsEntry("B", "0.525");
        assertThat(ProductionCostModel.parse("energy:joulesPerTh=17.5,usdPerKwh=0.045,pue=1.1,allInFactor=1.8"))
                .isEqualTo(new ProductionCostModel.Energy(17.5, 0.045, 1.1, 1.8));
        assertThatThrownBy(() -> ProductionCostModel.parse("energy:joulesPerTh=17.5,usdPerKwh=0"))
                .hasMessageContaining("usdPerKwh must be positive");
        assertThatThrownBy(() -> ProductionCostModel.parse("magic")).hasMessageContaining("'magic' is unknown");
        assertThatThrownBy(() -> ProductionCostModel.parse("drm:A=x,B=1"))
                .hasMessageContaining("A='x' is not a finite number");
    }

    @Test
    void aNegativeHeightIsRefusedAndTheSupplyCountsTheFirstBlockOfAnEpochAtItsNewSubsidy() {
        assertThatThrownBy(() -> IssuanceSchedule.subsidyAt(-1)).hasMessage("block height -1 is negative");
        assertThatThrownBy(() -> IssuanceSchedule.supplyAt(-1)).hasMessage("block height -1 is negative");
        assertThat(IssuanceSchedule.supplyAt(209_999)).isEqualTo(10_500_000.0);
        assertThat(IssuanceSchedule.supplyAt(210_000)).isEqualTo(10_500_025.0);
        assertThat(IssuanceSchedule.supplyAt(64 * 210_000L)).isEqualTo(IssuanceSchedule.supplyAt(100 * 210_000L));
    }

    @Test
    void aHeightInsideAnEpochIsInterpolatedBetweenItsHalvingDays() {
        // 600 of the 1,440 days from the 2020 halving to the 2024 one; the real height that day was about 716,600.
        assertThat(IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2022-01-01")))
                .isEqualTo(717_500)
                .isCloseTo(716_600, offset(3_000L));
        // 560 of the 1,425 days of the first epoch.
        assertThat(IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2010-07-17")))
                .isEqualTo(82_526);
        assertThat(IssuanceSchedule.estimatedHeightOn(java.time.LocalDate.parse("2009-01-03")))
                .isZero();
    }

    @Test
    void hashpriceCountsZeroFeesOrAZeroSubsidyButNoNegativeReward() {
        double subsidyOnly = HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, 3.125, 0, 69_280);
        double feesOnly = HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, 0, 0.025, 69_280);

        assertThat(subsidyOnly + feesOnly).isCloseTo(30.99, offset(0.01));
        assertThatThrownBy(() -> HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, -0.1, 0.025, 69_280))
                .hasMessageContaining("subsidy -0.1");
        assertThatThrownBy(() -> HashpriceCalculator.usdPerPhDay(FEB_2026_DIFFICULTY, 3.125, -0.01, 69_280))
                .hasMessageContaining("fees -0.01");
    }

    @Test
    void theEnergyModelCountsThePowerUsageEffectivenessAndTheFeesAndCarriesItsParameters() {
        double difficultyAt915Ehs = 915.85e18 * 600 / 4_294_967_296.0;
        var model = new ProductionCostModel.Energy(21.5, 0.05, 1.1, 1.8);
        var network = new ProductionCostModel.Network(difficultyAt915Ehs, 19.98e6, 3.125, 0.125);

        // 52,500 of electricity at PUE 1 and no fees, times 1.1, over 3.25 BTC rather than 3.125.
        assertThat(model.electricityUsdPerBtc(network)).isCloseTo(52_500 * 1.1 * 3.125 / 3.25, withPercentage(0.1));
        assertThat(model.details())
                .containsOnly(
                        entry("model", "energy"),
                        entry("version", "1"),
                        entry("joulesPerTh", "21.5"),
                        entry("usdPerKwh", "0.05"),
                        entry("pue", "1.1"),
                        entry("allInFactor", "1.8"));
        assertThat(ProductionCostModel.parse("drm:A=-4.4,B=1"))
                .isEqualTo(new ProductionCostModel.DifficultyRegression("drm", -4.4, 1));
        assertThatThrownBy(() -> ProductionCostModel.parse("drm:A=-4.4")).hasMessage("cost model 'drm:A=-4.4' needs B");
        assertThatThrownBy(() -> ProductionCostModel.parse("drm:A=Infinity,B=1"))
                .hasMessage("cost model 'drm:A=Infinity,B=1': A='Infinity' is not a finite number");
        assertThatThrownBy(() -> ProductionCostModel.parse("energy:pue"))
                .hasMessage("cost model 'energy:pue': 'pue' is not name=value");
    }
}
