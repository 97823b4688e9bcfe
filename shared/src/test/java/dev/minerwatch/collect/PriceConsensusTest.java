package dev.minerwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceConsensusTest {

    private static Observation quote(String source, double price, String time) {
        return new Observation(SeriesId.BTC_USD, price, Instant.parse(time), List.of(source));
    }

    @Test
    void theValueIsTheMedianOfAllSourcesAndKeepsEveryOneOfThem() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(
                quote("coingecko", 69_280.0, "2026-02-05T14:00:00Z"),
                quote("kraken", 69_280.1, "2026-02-05T14:05:00Z"),
                quote("coinbase", 69_280.12, "2026-02-05T14:05:00Z")));

        Observation combined = result.observation().orElseThrow();
        assertThat(combined.value()).isEqualTo(69_280.1);
        assertThat(combined.sources()).containsExactly("coinbase", "coingecko", "kraken");
        assertThat(combined.observedAt()).isEqualTo(Instant.parse("2026-02-05T14:05:00Z"));
        assertThat(result.excluded()).isEmpty();
    }

    @Test
    void aSourceMoreThanTwoPercentFromTheMedianIsLeftOutAndNamed() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(
                quote("coingecko", 69_280, "2026-02-05T14:00:00Z"),
                quote("kraken", 69_300, "2026-02-05T14:00:00Z"),
                quote("coinbase", 80_000, "2026-02-05T14:00:00Z")));

        assertThat(result.observation().orElseThrow().value()).isEqualTo(69_290);
        assertThat(result.observation().orElseThrow().sources()).containsExactly("coingecko", "kraken");
        assertThat(result.excluded()).singleElement().asString()
                .contains("coinbase").contains("80000").contains("+15.44%").contains("median 69300");
    }

    @Test
    void twoSourcesFarApartGiveNoValue() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(
                quote("coingecko", 69_280, "2026-02-05T14:00:00Z"),
                quote("kraken", 75_000, "2026-02-05T14:00:00Z")));

        assertThat(result.observation()).isEmpty();
        assertThat(result.excluded()).hasSize(2);
    }

    @Test
    void oneSourceAloneIsUsedAndNoSourceGivesNothing() {
        assertThat(PriceConsensus.combine(List.of(quote("kraken", 69_280, "2026-02-05T14:00:00Z")))
                .observation().orElseThrow().value()).isEqualTo(69_280);
        assertThat(PriceConsensus.combine(List.of()).observation()).isEmpty();
    }

    @Test
    void exactlyTwoPercentAwayIsStillKept() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(
                quote("a", 100_000, "2026-02-05T14:00:00Z"),
                quote("b", 102_000, "2026-02-05T14:00:00Z"),
                quote("c", 98_000, "2026-02-05T14:00:00Z")));

        assertThat(result.excluded()).isEmpty();
        assertThat(result.observation().orElseThrow().sources()).hasSize(3);
    }
}
