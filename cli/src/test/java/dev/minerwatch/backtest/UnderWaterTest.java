package dev.minerwatch.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.SeriesHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Days under water per year and the longest spell of them, over a history of hashprices. */
class UnderWaterTest {

    /** Breaks even at a hashprice of $40. */
    private static final FleetEconomics FLEET = new FleetEconomics(20, 0.08, 1.0, 0, 1.6);

    private static SeriesHistory hashprice(String from, double... values) {
        List<DailyPoint> points = new ArrayList<>();
        LocalDate day = LocalDate.parse(from);
        for (double value : values) {
            if (!Double.isNaN(value)) {
                points.add(new DailyPoint(
                        SeriesId.HASHPRICE_USD_PH_DAY,
                        day,
                        value,
                        null,
                        List.of("test"),
                        Instant.EPOCH,
                        true,
                        Map.of()));
            }
            day = day.plusDays(1);
        }
        return SeriesHistory.of(SeriesId.HASHPRICE_USD_PH_DAY, points);
    }

    @Test
    void daysUnderWaterAreCountedPerYearAndTheLongestSpellSpansTheNewYear() {
        UnderWater result = UnderWater.of(hashprice("2024-12-29", 41, 39, 38, 37, 39.99, 40, 35), FLEET);

        assertThat(result.years()).containsExactly(new UnderWater.Year(2024, 3, 2), new UnderWater.Year(2025, 4, 3));
        assertThat(result.longest())
                .contains(new UnderWater.Spell(LocalDate.parse("2024-12-30"), LocalDate.parse("2025-01-02")));
        assertThat(result.longest().orElseThrow().days()).isEqualTo(4);
        assertThat(result.days()).isEqualTo(7);
        assertThat(result.underWaterDays()).isEqualTo(5);
        assertThat(result.share()).isEqualTo(5 / 7.0);
    }

    @Test
    void aDayWithoutAHashpriceCountsNeitherWayAndEndsASpell() {
        UnderWater result = UnderWater.of(hashprice("2025-03-01", 39, 39, Double.NaN, 39, 39, 39), FLEET);

        assertThat(result.years()).containsExactly(new UnderWater.Year(2025, 5, 5));
        assertThat(result.longest())
                .contains(new UnderWater.Spell(LocalDate.parse("2025-03-04"), LocalDate.parse("2025-03-06")));
    }

    @Test
    void aFleetNeverUnderWaterHasNoSpellAndAnEmptyHistoryNoYears() {
        assertThat(UnderWater.of(hashprice("2025-03-01", 40, 41), FLEET).longest())
                .isEmpty();
        assertThat(UnderWater.of(hashprice("2025-03-01"), FLEET).years()).isEmpty();
        assertThat(UnderWater.of(hashprice("2025-03-01"), FLEET).share()).isZero();
    }

    @Test
    void itReadsHashpriceAlone() {
        assertThatThrownBy(() -> UnderWater.of(SeriesHistory.of(SeriesId.BTC_USD, List.of()), FLEET))
                .hasMessage("under water is read from hashprice, not btc_usd");
    }
}
