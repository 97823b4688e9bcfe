package dev.minerwatch.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyPointTest {

    private static Observation btc(double price, String time) {
        return new Observation(SeriesId.BTC_USD, price, Instant.parse(time), List.of("coingecko"));
    }

    @Test
    void aDayStartsWithItsFirstObservationAsOpenHighLowAndClose() {
        DailyPoint point = DailyPoint.firstObservation(btc(69_280, "2026-02-05T14:00:00Z"));

        assertThat(point.day()).isEqualTo(LocalDate.parse("2026-02-05"));
        assertThat(point.value()).isEqualTo(69_280);
        assertThat(point.ohlc()).isEqualTo(new DailyPoint.Ohlc(69_280, 69_280, 69_280, 69_280));
        assertThat(point.isFinal()).isFalse();
        assertThat(point.sources()).containsExactly("coingecko");
    }

    @Test
    void laterObservationsMoveHighLowCloseAndProvenanceButNotOpen() {
        DailyPoint point = DailyPoint.firstObservation(btc(70_000, "2026-02-05T01:00:00Z"))
                .withObservation(btc(72_000, "2026-02-05T06:00:00Z"))
                .withObservation(btc(69_280, "2026-02-05T14:00:00Z"));

        assertThat(point.ohlc()).isEqualTo(new DailyPoint.Ohlc(70_000, 72_000, 69_280, 69_280));
        assertThat(point.value()).isEqualTo(69_280);
        assertThat(point.asOf()).isEqualTo(Instant.parse("2026-02-05T14:00:00Z"));
    }

    @Test
    void theSameObservationTwiceChangesNothing() {
        DailyPoint once = DailyPoint.firstObservation(btc(69_280, "2026-02-05T14:00:00Z"));

        assertThat(once.withObservation(btc(69_280, "2026-02-05T14:00:00Z"))).isEqualTo(once);
    }

    @Test
    void aLateOlderObservationWidensTheRangeButNeverOverwritesTheNewerValue() {
        DailyPoint point = DailyPoint.firstObservation(btc(69_280, "2026-02-05T14:00:00Z"))
                .withObservation(btc(65_000, "2026-02-05T10:00:00Z"));

        assertThat(point.value()).isEqualTo(69_280);
        assertThat(point.ohlc().close()).isEqualTo(69_280);
        assertThat(point.ohlc().low()).isEqualTo(65_000);
        assertThat(point.asOf()).isEqualTo(Instant.parse("2026-02-05T14:00:00Z"));
    }

    @Test
    void anObservationOfAnotherDayIsRefused() {
        DailyPoint point = DailyPoint.firstObservation(btc(69_280, "2026-02-05T14:00:00Z"));

        assertThatThrownBy(() -> point.withObservation(btc(70_000, "2026-02-06T00:00:01Z")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2026-02-06");
    }

    @Test
    void nonFiniteValuesCannotBecomeObservationsOrPoints() {
        assertThatThrownBy(() -> btc(Double.NaN, "2026-02-05T14:00:00Z"))
                .hasMessageContaining("btc_usd")
                .hasMessageContaining("NaN");
        assertThatThrownBy(() -> new DailyPoint(
                        SeriesId.BTC_USD,
                        LocalDate.parse("2026-02-05"),
                        Double.POSITIVE_INFINITY,
                        null,
                        List.of("x"),
                        Instant.EPOCH,
                        false,
                        java.util.Map.of()))
                .hasMessageContaining("Infinity");
    }

    @Test
    void aPointAddsToTheStoredOneUnlessItIsTheSameOrAFinalDayReadAgain() {
        DailyPoint today = DailyPoint.firstObservation(btc(69_280, "2026-02-05T14:00:00Z"));
        DailyPoint laterSameValue = today.withObservation(btc(69_280, "2026-02-05T14:15:00Z"));
        DailyPoint finalDay = today.asFinal();
        DailyPoint finalDayReadLater = laterSameValue.asFinal();

        assertThat(today.addsTo(null)).isTrue();
        assertThat(today.addsTo(today)).isFalse();
        assertThat(laterSameValue.addsTo(today))
                .as("an open day's newer reading refreshes asOf")
                .isTrue();
        assertThat(finalDay.addsTo(today)).as("a day becoming final").isTrue();
        assertThat(finalDayReadLater.addsTo(finalDay))
                .as("a final day read again")
                .isFalse();
        assertThat(DailyPoint.firstObservation(btc(70_000, "2026-02-05T14:00:00Z"))
                        .asFinal()
                        .addsTo(finalDay))
                .as("a final day revised")
                .isTrue();
    }

    @Test
    void aFinalPointChangesOnlyThroughALaterSettlementOfTheSameProvider() {
        DailyPoint settled =
                DailyPoint.firstObservation(btc(69_280, "2026-02-05T14:00:00Z")).asFinal();
        DailyPoint openReading = DailyPoint.firstObservation(btc(71_000, "2026-02-05T15:00:00Z"));
        DailyPoint otherProvider = DailyPoint.firstObservation(new Observation(
                        SeriesId.BTC_USD, 71_000, Instant.parse("2026-02-05T15:00:00Z"), List.of("kraken")))
                .asFinal();
        DailyPoint olderSettlement =
                DailyPoint.firstObservation(btc(71_000, "2026-02-05T13:00:00Z")).asFinal();
        DailyPoint revision =
                DailyPoint.firstObservation(btc(71_000, "2026-02-06T02:00:00Z")).asFinal();

        assertThat(openReading.addsTo(settled))
                .as("a non-final reading over a final day")
                .isFalse();
        assertThat(otherProvider.addsTo(settled))
                .as("another provider's value over a final day")
                .isFalse();
        assertThat(olderSettlement.addsTo(settled)).as("an older settlement").isFalse();
        assertThat(revision.addsTo(settled))
                .as("the same provider's later settlement")
                .isTrue();
    }
}
