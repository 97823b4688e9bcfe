package dev.minerwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A history without derived series completed as the collectors would have derived them: the reference figures of docs/domain.md. */
class DerivedHistoryTest {

    private static final LocalDate FEB_5 = LocalDate.parse("2026-02-05");
    private static final Instant AS_OF = Instant.parse("2026-02-06T00:00:00Z");
    private static final String CSV = "csv:history.csv";

    private static DailyPoint point(SeriesId series, LocalDate day, double value) {
        return new DailyPoint(series, day, value, null, List.of(CSV), AS_OF, true, Map.of());
    }

    /** 5 February 2026: difficulty 141.67T and BTC $69,280, with fees of 0.025 BTC per block when given. */
    private static List<DailyPoint> february5(Double feesBtcPerBlock) {
        List<DailyPoint> points = new ArrayList<>(
                List.of(point(SeriesId.DIFFICULTY, FEB_5, 141.67e12), point(SeriesId.BTC_USD, FEB_5, 69_280)));
        if (feesBtcPerBlock != null) {
            points.add(point(SeriesId.FEES_BTC_PER_BLOCK, FEB_5, feesBtcPerBlock));
        }
        return points;
    }

    private static DailyPoint derived(List<DailyPoint> history, SeriesId series) {
        return DerivedHistory.complete(history, Map.of(), ProductionCostModel.DifficultyRegression.DEFAULT).stream()
                .filter(p -> p.series() == series)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDayWithFeesGetsTheHashpriceOfTheHandbook30Point99DollarsPerPhPerDayAndSaysWhereTheFeesCameFrom() {
        DailyPoint hashprice = derived(february5(0.025), SeriesId.HASHPRICE_USD_PH_DAY);

        assertThat(hashprice.value()).isCloseTo(30.99, offset(0.01));
        assertThat(hashprice.details())
                .containsEntry("fees", "csv:history.csv fees_btc_per_block 0.025 BTC")
                .containsEntry("feesBtcPerBlock", "0.025")
                .containsEntry("subsidyBtc", "3.125")
                .containsEntry("derivedFrom", "history");
        assertThat(DerivedPoints.isLowerBound(hashprice)).isFalse();
        assertThat(hashprice.sources()).containsExactly("derived", CSV);
        assertThat(hashprice.isFinal()).isTrue();
    }

    @Test
    void aDayWithoutFeesGetsTheSubsidyAloneALowerBoundSaidInItsProvenance() {
        DailyPoint hashprice = derived(february5(null), SeriesId.HASHPRICE_USD_PH_DAY);

        // 86400 * 1e15 * 3.125 / (141.67e12 * 2^32) * 69,280 = 30.742: the 30.99 above times 3.125 / 3.15.
        assertThat(hashprice.value()).isCloseTo(30.742, offset(0.001));
        assertThat(hashprice.details())
                .containsEntry("fees", "none: subsidy only, a lower bound")
                .containsEntry("feesBtcPerBlock", "0");
        assertThat(DerivedPoints.isLowerBound(hashprice)).isTrue();
    }

    @Test
    void theProductionCostNeedsOnlyTheDifficultyAndIsAbout87kOnFebruary5() {
        DailyPoint cost = derived(List.of(point(SeriesId.DIFFICULTY, FEB_5, 141.67e12)), SeriesId.PRODUCTION_COST_USD);

        assertThat(cost.value()).isCloseTo(87_000, offset(100.0));
        assertThat(cost.details())
                .containsEntry("model", "drm")
                .containsEntry("derivedFrom", "history")
                .containsEntry("supplyFrom", "issuance schedule at estimated height 934464");
    }

    @Test
    void aDayWithoutAPriceGetsNoHashpriceAndADerivedValueAlreadyThereIsKept() {
        DailyPoint given = point(SeriesId.HASHPRICE_USD_PH_DAY, FEB_5, 31.56);
        List<DailyPoint> history = new ArrayList<>(february5(0.025));
        history.add(given);

        assertThat(DerivedHistory.complete(history, Map.of(), ProductionCostModel.DifficultyRegression.DEFAULT))
                .filteredOn(p -> p.series() == SeriesId.HASHPRICE_USD_PH_DAY)
                .containsExactly(given);
        assertThat(DerivedHistory.complete(
                        List.of(point(SeriesId.DIFFICULTY, FEB_5, 141.67e12)),
                        Map.of(),
                        ProductionCostModel.DifficultyRegression.DEFAULT))
                .extracting(DailyPoint::series)
                .containsExactly(SeriesId.DIFFICULTY, SeriesId.PRODUCTION_COST_USD);
    }

    @Test
    void theSubsidyFollowsTheHalvingDay() {
        LocalDate before = LocalDate.parse("2024-04-19");
        LocalDate halving = LocalDate.parse("2024-04-20");
        List<DailyPoint> history = List.of(
                point(SeriesId.DIFFICULTY, before, 86.39e12),
                point(SeriesId.BTC_USD, before, 63_800),
                point(SeriesId.DIFFICULTY, halving, 86.39e12),
                point(SeriesId.BTC_USD, halving, 63_800));

        assertThat(DerivedHistory.complete(history, Map.of(), ProductionCostModel.DifficultyRegression.DEFAULT))
                .filteredOn(p -> p.series() == SeriesId.HASHPRICE_USD_PH_DAY)
                .extracting(p -> p.day() + " " + p.details().get("subsidyBtc"))
                .containsExactlyInAnyOrder("2024-04-19 6.25", "2024-04-20 3.125");
    }

    // What backfill and import store ------------------------------------------------------------------------------

    private static List<DailyPoint> toStore(List<DailyPoint> stored) {
        return DerivedHistory.toStore(stored, Map.of(), ProductionCostModel.DifficultyRegression.DEFAULT);
    }

    @Test
    void aStoredDayGetsItsDerivedPointsOnceAndAgainOnlyWhenWhatTheyAreDerivedFromChanged() {
        List<DailyPoint> stored = new ArrayList<>(february5(null));
        List<DailyPoint> first = toStore(stored);
        stored.addAll(first);

        assertThat(first)
                .extracting(DailyPoint::series)
                .containsExactlyInAnyOrder(SeriesId.PRODUCTION_COST_USD, SeriesId.HASHPRICE_USD_PH_DAY);
        assertThat(first).allMatch(DerivedPoints::isHistoryDerivation);
        assertThat(toStore(stored)).as("the same derivation again").isEmpty();

        stored.add(point(SeriesId.FEES_BTC_PER_BLOCK, FEB_5, 0.025)); // fees known since: the lower bound is replaced
        assertThat(toStore(stored)).singleElement().satisfies(p -> {
            assertThat(p.series()).isEqualTo(SeriesId.HASHPRICE_USD_PH_DAY);
            assertThat(p.value()).isCloseTo(30.99, offset(0.01));
        });
    }

    @Test
    void aDerivationWithTheSameValueIsStoredAgainWhenItsProvenanceChanged() {
        List<DailyPoint> stored = new ArrayList<>(february5(0.025));
        stored.addAll(toStore(stored));
        DailyPoint difficulty = stored.get(0);
        DailyPoint fees = stored.get(2);

        List<DailyPoint> otherSource = new ArrayList<>(stored);
        otherSource.set(
                0,
                new DailyPoint(
                        SeriesId.DIFFICULTY,
                        FEB_5,
                        difficulty.value(),
                        null,
                        List.of("blockchain.com"),
                        AS_OF,
                        true,
                        Map.of()));
        List<DailyPoint> otherReading = new ArrayList<>(stored);
        otherReading.set(
                2,
                new DailyPoint(
                        SeriesId.FEES_BTC_PER_BLOCK,
                        FEB_5,
                        fees.value(),
                        null,
                        fees.sources(),
                        AS_OF,
                        true,
                        Map.of(DerivedPoints.READING, "mempool avgFees 2500000 sat")));

        assertThat(toStore(otherSource))
                .as("sources")
                .extracting(DailyPoint::series)
                .containsExactlyInAnyOrder(SeriesId.PRODUCTION_COST_USD, SeriesId.HASHPRICE_USD_PH_DAY);
        assertThat(toStore(otherReading))
                .as("details")
                .singleElement()
                .satisfies(p ->
                        assertThat(p.details()).containsEntry("fees", "csv:history.csv mempool avgFees 2500000 sat"));
    }

    @Test
    void aDerivedPointTheCollectorsMadeIsKept() {
        List<DailyPoint> stored = new ArrayList<>(february5(0.025));
        stored.add(new DailyPoint(
                SeriesId.HASHPRICE_USD_PH_DAY,
                FEB_5,
                31.2,
                null,
                List.of("derived", "mempool"),
                AS_OF,
                true,
                Map.of()));

        assertThat(toStore(stored)).extracting(DailyPoint::series).containsExactly(SeriesId.PRODUCTION_COST_USD);
    }

    @Test
    void theEnergyModelWaitsForTheDaysFeesAndAGivenSupplyIsUsed() {
        var energy = new ProductionCostModel.Energy(21.5, 0.05, 1.1, 1.8);
        List<DailyPoint> withoutFees = february5(null);

        assertThat(DerivedHistory.complete(withoutFees, Map.of(), energy))
                .noneMatch(p -> p.series() == SeriesId.PRODUCTION_COST_USD);
        DailyPoint cost = DerivedHistory.complete(
                        february5(0.025), Map.of(FEB_5, 19_980_000.0), ProductionCostModel.DifficultyRegression.DEFAULT)
                .stream()
                .filter(p -> p.series() == SeriesId.PRODUCTION_COST_USD)
                .findFirst()
                .orElseThrow();
        assertThat(cost.details()).containsEntry("supplyFrom", "given").containsEntry("supplyBtc", "19980000");
        assertThat(DerivedHistory.complete(february5(0.025), Map.of(), energy))
                .anyMatch(p -> p.series() == SeriesId.PRODUCTION_COST_USD);
    }

    @Test
    void theLowerBoundsAmongDerivedPointsAreCounted() {
        DailyPoint lower = derived(february5(null), SeriesId.HASHPRICE_USD_PH_DAY);
        DailyPoint withFees = derived(february5(0.025), SeriesId.HASHPRICE_USD_PH_DAY);

        assertThat(DerivedHistory.lowerBounds(List.of(withFees))).isEmpty();
        assertThat(DerivedHistory.lowerBounds(List.of(lower, withFees)))
                .contains("the hashprice of 1 day without fee data counts the subsidy alone: a lower bound");
        assertThat(DerivedHistory.lowerBounds(List.of(lower, lower)))
                .contains("the hashprice of 2 days without fee data counts the subsidy alone: a lower bound");
    }
}
