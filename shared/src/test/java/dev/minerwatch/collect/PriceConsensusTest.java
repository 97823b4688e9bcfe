package dev.minerwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PriceConsensusTest {

    private static final Optional<PriceConsensus.Reference> NO_HISTORY = Optional.empty();
    private static final Optional<PriceConsensus.Reference> YESTERDAY_69K =
            Optional.of(PriceConsensus.Reference.around(69_280.1, "the stored 2026-02-04 close"));
    private static final Optional<PriceConsensus.Reference> ATH_126K =
            Optional.of(PriceConsensus.Reference.belowHigh(126_080, "coingecko's all-time high"));

    private static Observation quote(String source, double price, String time) {
        return new Observation(SeriesId.BTC_USD, price, Instant.parse(time), List.of(source));
    }

    private static Observation quote(String source, double price) {
        return quote(source, price, "2026-02-05T14:00:00Z");
    }

    @Test
    void theValueIsTheMedianOfAllSourcesAndKeepsEveryOneOfThem() {
        PriceConsensus.Result result = PriceConsensus.combine(
                List.of(
                        quote("coingecko", 69_280.0, "2026-02-05T14:00:00Z"),
                        quote("kraken", 69_280.1, "2026-02-05T14:05:00Z"),
                        quote("coinbase", 69_280.12, "2026-02-05T14:05:00Z")),
                YESTERDAY_69K);

        Observation combined = result.observation().orElseThrow();
        assertThat(combined.value()).isEqualTo(69_280.1);
        assertThat(combined.sources()).containsExactly("coinbase", "coingecko", "kraken");
        assertThat(combined.observedAt()).isEqualTo(Instant.parse("2026-02-05T14:05:00Z"));
        assertThat(result.remarks()).isEmpty();
    }

    @Test
    void aSourceMoreThanTwoPercentFromTheMedianIsLeftOutAndNamed() {
        PriceConsensus.Result result = PriceConsensus.combine(
                List.of(quote("coingecko", 69_280), quote("kraken", 69_300), quote("coinbase", 80_000)), NO_HISTORY);

        assertThat(result.observation().orElseThrow().value()).isEqualTo(69_290);
        assertThat(result.observation().orElseThrow().sources()).containsExactly("coingecko", "kraken");
        assertThat(result.remarks())
                .singleElement()
                .asString()
                .contains("coinbase")
                .contains("80000")
                .contains("+15.44%")
                .contains("median 69300");
    }

    @Test
    void twoSourcesThatAgreeAreTakenHoweverFarTheyAreFromHistory() {
        // A real crash: two sources agreeing outweigh yesterday's close.
        PriceConsensus.Result result =
                PriceConsensus.combine(List.of(quote("coinbase", 41_000), quote("kraken", 41_100)), YESTERDAY_69K);

        assertThat(result.observation().orElseThrow().value()).isEqualTo(41_050);
    }

    @Test
    void twoSourcesFarApartWithoutHistoryGiveNoValue() {
        PriceConsensus.Result result =
                PriceConsensus.combine(List.of(quote("coingecko", 69_280), quote("kraken", 75_000)), NO_HISTORY);

        assertThat(result.observation()).isEmpty();
        assertThat(result.remarks()).hasSize(2);
    }

    @Test
    void twoSourcesFarApartBothWithinTheBandOfHistoryGiveNoValue() {
        PriceConsensus.Result result =
                PriceConsensus.combine(List.of(quote("coingecko", 69_280), quote("kraken", 75_000)), YESTERDAY_69K);

        assertThat(result.observation()).isEmpty();
        assertThat(result.remarks())
                .anySatisfy(r -> assertThat(r).contains("disagree").contains("not stored"));
    }

    @Test
    void ofTwoSourcesFarApartTheOneWithinTheBandOfHistoryIsTaken() {
        PriceConsensus.Result result =
                PriceConsensus.combine(List.of(quote("coinbase", 69_290), quote("kraken", 692_801)), YESTERDAY_69K);

        assertThat(result.observation().orElseThrow().sources()).containsExactly("coinbase");
        assertThat(result.remarks())
                .anySatisfy(r -> assertThat(r).contains("kraken btc_usd 692801 refused as unconfirmed"));
    }

    @Test
    void aLoneSourceTenTimesOffTheLastConsensusIsRefusedNamingSourceValueAndBound() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(quote("kraken", 692_801)), YESTERDAY_69K);

        assertThat(result.observation()).isEmpty();
        assertThat(result.remarks())
                .singleElement()
                .asString()
                .contains("kraken")
                .contains("btc_usd")
                .contains("692801")
                .contains("refused as unconfirmed")
                .contains("±15% of the stored 2026-02-04 close 69280.1")
                .contains("58888.09..79672.12");
    }

    @Test
    void aLoneSourceWithinTheBandOfTheLastConsensusIsTakenAndSaysSo() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(quote("kraken", 66_000)), YESTERDAY_69K);

        assertThat(result.observation().orElseThrow().value()).isEqualTo(66_000);
        assertThat(result.remarks())
                .singleElement()
                .asString()
                .contains("one source's word")
                .contains("within ±15%");
    }

    @Test
    void aLoneSourceWithNoSecondOpinionIsRefusedAndNoSourceGivesNothing() {
        PriceConsensus.Result result = PriceConsensus.combine(List.of(quote("kraken", 69_280)), NO_HISTORY);

        assertThat(result.observation()).isEmpty();
        assertThat(result.remarks())
                .singleElement()
                .asString()
                .contains("kraken btc_usd 69280 refused as unconfirmed")
                .contains("no second opinion (no stored price, no all-time high)");
        assertThat(PriceConsensus.combine(List.of(), NO_HISTORY).observation()).isEmpty();
    }

    @Test
    void withNothingStoredALoneQuoteIsHeldAgainstTheAllTimeHigh() {
        assertThat(PriceConsensus.combine(List.of(quote("coinbase", 6_928.01)), ATH_126K)
                        .remarks())
                .singleElement()
                .asString()
                .contains("coinbase btc_usd 6928.01 refused as unconfirmed")
                .contains("a tenth of to 15% above coingecko's all-time high 126080 (12608..144992)");
        assertThat(PriceConsensus.combine(List.of(quote("coinbase", 69_280)), ATH_126K)
                        .observation())
                .isPresent();
    }

    @Test
    void exactlyTwoPercentAwayIsStillKept() {
        PriceConsensus.Result result = PriceConsensus.combine(
                List.of(quote("a", 100_000), quote("b", 102_000), quote("c", 98_000)), NO_HISTORY);

        assertThat(result.remarks()).isEmpty();
        assertThat(result.observation().orElseThrow().sources()).hasSize(3);
    }
}
