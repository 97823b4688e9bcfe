package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaysReadTest {

    private static final LocalDate DAY = LocalDate.parse("2026-02-03");

    private static History history(double value, Instant asOf, boolean isFinal) {
        return History.complete(List.of(new DailyPoint(
                SeriesId.ETF_NET_FLOW_USD, DAY, value, null, List.of("sosovalue"), asOf, isFinal, Map.of())));
    }

    private static int fingerprint(History history) {
        return DaysRead.fingerprint(history, Set.of(SeriesId.ETF_NET_FLOW_USD), DAY);
    }

    @Test
    void aFingerprintFollowsTheValuesOnlyNotWhenOrHowFinallyTheyWereObserved() {
        int read = fingerprint(history(-100e6, Instant.parse("2026-02-04T02:00:00Z"), false));

        assertThat(fingerprint(history(-100e6, Instant.parse("2026-02-05T09:00:00Z"), true)))
                .isEqualTo(read);
        assertThat(fingerprint(history(-100.5e6, Instant.parse("2026-02-04T02:00:00Z"), false)))
                .isNotEqualTo(read);
        assertThat(fingerprint(History.complete(List.of()))).as("no point").isNotEqualTo(read);
    }

    @Test
    void theEncodedTextParsesBackToTheSameDays() {
        DaysRead days = DaysRead.NONE.read(DAY, -5).read(DAY.plusDays(1), 42).fired(DAY);

        assertThat(days.encoded()).isEqualTo("2026-02-03=fffffffb*;2026-02-04=2a");
        assertThat(DaysRead.parse(days.encoded())).isEqualTo(days);
        assertThat(DaysRead.parse("")).isEqualTo(DaysRead.NONE);
        assertThat(DaysRead.parse(null)).isEqualTo(DaysRead.NONE);
    }

    @Test
    void readingADayAgainKeepsWhetherItFiredAndOlderDaysCanBeDropped() {
        DaysRead days = DaysRead.NONE.read(DAY, 1).fired(DAY).read(DAY, 2).read(DAY.plusDays(1), 3);

        assertThat(days.on(DAY)).contains(new DaysRead.Day(2, true));
        assertThat(days.readWithoutFiring(DAY)).isFalse();
        assertThat(days.readWithoutFiring(DAY.plusDays(1))).isTrue();
        assertThat(days.readWithoutFiring(DAY.plusDays(2))).as("never read").isFalse();
        assertThat(days.from(DAY.plusDays(1)).days()).containsOnlyKeys(DAY.plusDays(1));
    }

    @Test
    void aDayFiresOnlyOnceReadAndMalformedTextIsRefusedNamingTheEntry() {
        assertThatThrownBy(() -> DaysRead.NONE.fired(DAY)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DaysRead.parse("2026-02-03=zz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'2026-02-03=zz'");
    }

    @Test
    void aFingerprintIsStoredWithTheStateSoItIsTheSameFunctionOfTheSameValuesFromOneReleaseToTheNext() {
        History prices = History.complete(List.of(
                new DailyPoint(SeriesId.BTC_USD, DAY, 70_000, null, List.of("coinbase"), Instant.EPOCH, true, Map.of()),
                new DailyPoint(
                        SeriesId.PRODUCTION_COST_USD,
                        DAY,
                        87_000,
                        null,
                        List.of("derived"),
                        Instant.EPOCH,
                        true,
                        Map.of())));

        assertThat(Integer.toHexString(fingerprint(history(-100e6, Instant.EPOCH, true))))
                .isEqualTo("c197d7a3");
        assertThat(Integer.toHexString(
                        DaysRead.fingerprint(prices, Set.of(SeriesId.PRODUCTION_COST_USD, SeriesId.BTC_USD), DAY)))
                .isEqualTo("1e270a41");
        assertThat(Integer.toHexString(
                        DaysRead.fingerprint(prices, Set.of(SeriesId.BTC_USD, SeriesId.HASHPRICE_USD_PH_DAY), DAY)))
                .as("no hashprice")
                .isEqualTo("dd322bae");
    }

    @Test
    void aDayFiredAgainStaysFiredOnce() {
        DaysRead fired = DaysRead.NONE.read(DAY, 1).fired(DAY);

        assertThat(fired.fired(DAY)).isEqualTo(fired);
        assertThat(fired.read(DAY, 1)).as("read again as it was").isSameAs(fired);
        assertThat(fired.from(DAY)).isSameAs(fired);
    }
}
