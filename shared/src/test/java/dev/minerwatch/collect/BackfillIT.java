package dev.minerwatch.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.minerwatch.TestTables;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backfill of 90 days from provider answers in their real shapes (the values are test data) into DynamoDB on the
 * emulator; mempool's fee history is the recorded month (events/providers/mempool/api/v1/mining/blocks/fees/1m.json).
 */
@ExtendWith(LocalAwsExtension.class)
class BackfillIT {

    private static final LocalDate TODAY = LocalDate.parse("2026-02-05");
    private static final long DAY_SECONDS = 86_400;

    private RecordedProviders providers;
    private Minerwatch minerwatch;
    private final List<String> progress = new ArrayList<>();

    @BeforeEach
    void stack(LocalAws aws) {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        Map<String, String> env = new HashMap<>(providers.environment());
        env.put("SOSOVALUE_API_KEY", "test-key-not-a-secret");
        minerwatch =
                new Minerwatch(TestTables.freshTable(aws, env), Clock.fixed(providers.recordedAt(), ZoneOffset.UTC));
        StringBuilder hashrates = new StringBuilder();
        StringBuilder btc = new StringBuilder();
        StringBuilder eth = new StringBuilder();
        for (int i = 100; i >= 0; i--) {
            long seconds = TODAY.minusDays(i).toEpochDay() * DAY_SECONDS;
            String sep = i == 100 ? "" : ",";
            hashrates
                    .append(sep)
                    .append("{\"timestamp\":")
                    .append(seconds)
                    .append(",\"avgHashrate\":")
                    .append((900 + i) * 1e18)
                    .append('}');
            btc.append(sep)
                    .append('[')
                    .append(seconds * 1000)
                    .append(',')
                    .append(70_000 + i * 100)
                    .append(']');
            eth.append(sep)
                    .append('[')
                    .append(seconds * 1000)
                    .append(',')
                    .append(2_000 + i)
                    .append(']');
        }
        providers
                .server()
                .stubFor(
                        any(urlPathMatching("/mempool/api/v1/mining/hashrate/(1m|3m)"))
                                .atPriority(1)
                                .willReturn(
                                        okJson(
                                                "{\"hashrates\":[" + hashrates + "],\"difficulty\":[{\"time\":"
                                                        + TODAY.minusDays(120).toEpochDay() * DAY_SECONDS
                                                        + ",\"height\":920000,\"difficulty\":1.30e14},{\"timestamp\":"
                                                        + TODAY.minusDays(12).toEpochDay() * DAY_SECONDS
                                                        + ",\"height\":933408,\"difficulty\":1.4167e14}],\"currentHashrate\":9.0e20,\"currentDifficulty\":1.4167e14}")));
        providers
                .server()
                .stubFor(any(urlPathEqualTo("/coingecko/api/v3/coins/bitcoin/market_chart"))
                        .atPriority(1)
                        .willReturn(okJson("{\"prices\":[" + btc + "],\"market_caps\":[],\"total_volumes\":[]}")));
        providers
                .server()
                .stubFor(any(urlPathEqualTo("/coingecko/api/v3/coins/ethereum/market_chart"))
                        .atPriority(1)
                        .willReturn(okJson("{\"prices\":[" + eth + "],\"market_caps\":[],\"total_volumes\":[]}")));
    }

    @AfterEach
    void stop() {
        providers.close();
    }

    private CollectionReport backfill(int days) {
        return minerwatch
                .backfill()
                .run(
                        days,
                        "backfill",
                        (series, written, toWrite) -> progress.add(series + " " + written + "/" + toWrite));
    }

    private List<DailyPoint> stored(SeriesId series) {
        return minerwatch.pointStore().range(series, TODAY.minusDays(400), TODAY);
    }

    @Test
    void loadsNinetyFinalDaysOfEverySeriesBeforeToday() {
        CollectionReport report = backfill(90);

        assertThat(report.failed()).isEmpty();
        assertThat(stored(SeriesId.HASHRATE_EHS)).hasSize(90).allMatch(DailyPoint::isFinal);
        assertThat(stored(SeriesId.HASHRATE_EHS).get(0).day()).isEqualTo(TODAY.minusDays(90));
        assertThat(stored(SeriesId.HASHRATE_EHS).get(89).day()).isEqualTo(TODAY.minusDays(1));
        assertThat(stored(SeriesId.HASHRATE_EHS).get(89).value()).isEqualTo(901.0);
        assertThat(stored(SeriesId.BTC_USD)).hasSize(90);
        assertThat(stored(SeriesId.ETH_USD)).hasSize(90);
        assertThat(stored(SeriesId.ETF_NET_FLOW_USD)).hasSize(23);
        List<DailyPoint> difficulty = stored(SeriesId.DIFFICULTY);
        assertThat(difficulty).hasSize(90);
        assertThat(difficulty.get(0).value()).isEqualTo(1.30e14);
        assertThat(difficulty.get(89).value()).isEqualTo(1.4167e14);
        assertThat(progress).contains("hashrate_ehs 0/90", "hashrate_ehs 25/90", "hashrate_ehs 90/90");
    }

    @Test
    void etfSessionsBeforeSoSoValuesWindowComeFromTftcAndSoSoValueWinsWhereBothHaveASession() {
        providers
                .server()
                .stubFor(any(urlPathEqualTo("/tftc/bitcoin-etf-flows/data.json"))
                        .atPriority(1)
                        .willReturn(okJson("{\"units\":\"USD\",\"updatedThrough\":\"2026-02-04\",\"days\":["
                                + "{\"date\":\"2025-12-01\",\"netFlowUsd\":-3480000,\"perEtfUsd\":{\"IBIT\":0,\"FBTC\":-3480000}},"
                                + "{\"date\":\"2026-01-05\",\"netFlowUsd\":1000000000}]}")));

        CollectionReport report = backfill(90);

        assertThat(report.failed()).isEmpty();
        DailyPoint december = stored(SeriesId.ETF_NET_FLOW_USD).stream()
                .filter(p -> p.day().equals(LocalDate.parse("2025-12-01")))
                .findFirst()
                .orElseThrow();
        assertThat(december.sources()).containsExactly("tftc");
        assertThat(december.details())
                .containsEntry("FBTC", "-3480000")
                .containsEntry("path", "tftc bitcoin-etf-flows data.json");
        DailyPoint january5 = stored(SeriesId.ETF_NET_FLOW_USD).stream()
                .filter(p -> p.day().equals(LocalDate.parse("2026-01-05")))
                .findFirst()
                .orElseThrow();
        assertThat(january5.sources()).containsExactly("sosovalue");
        assertThat(january5.value()).isEqualTo(697_250_000.0);
        assertThat(stored(SeriesId.ETF_NET_FLOW_USD)).hasSize(23 + 1);
        providers
                .server()
                .verify(
                        0,
                        com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                                urlPathMatching("/sosovalue/openapi/v2/.*")));
    }

    @Test
    void aSecondBackfillWritesNothingAndAnInterruptedOneResumes() {
        backfill(30);
        CollectionReport resumed = backfill(90);
        CollectionReport again = backfill(90);

        assertThat(resumed.stored())
                .filteredOn(s -> s.series() == SeriesId.HASHRATE_EHS)
                .hasSize(60);
        assertThat(again.stored()).isEmpty();
        assertThat(stored(SeriesId.HASHRATE_EHS)).hasSize(90);
    }

    @Test
    void aFailingSourceIsReportedAndTheOthersStillLoad() {
        providers
                .server()
                .stubFor(any(urlPathEqualTo("/coingecko/api/v3/coins/bitcoin/market_chart"))
                        .atPriority(0)
                        .willReturn(aResponse().withStatus(200).withBody("<html>rate limited</html>")));

        CollectionReport report = backfill(90);

        assertThat(report.failed()).singleElement().satisfies(f -> {
            assertThat(f.series()).isEqualTo(SeriesId.BTC_USD);
            assertThat(f.errors().get(0)).contains("coingecko").contains("not JSON");
        });
        assertThat(stored(SeriesId.BTC_USD)).isEmpty();
        assertThat(stored(SeriesId.HASHRATE_EHS)).hasSize(90);
    }

    @Test
    void everyDayWithAPriceAndADifficultyGetsItsHashpriceWithTheFeesOfMempoolsHistoryAndItsProductionCost() {
        CollectionReport report = backfill(30);

        assertThat(report.failed()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        LocalDate feb4 = TODAY.minusDays(1);
        // The recorded month's 48 half hours of 4 February average 2,500,000 sat: the reference 0.025 BTC per block
        // (docs/domain.md).
        assertThat(stored(SeriesId.FEES_BTC_PER_BLOCK)).hasSize(30).allMatch(DailyPoint::isFinal);
        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.FEES_BTC_PER_BLOCK, feb4)
                        .orElseThrow())
                .satisfies(fees -> {
                    assertThat(fees.value()).isEqualTo(0.025);
                    assertThat(fees.details())
                            .containsEntry(
                                    "reading", "blocks/fees 1m, avgFees 2500000 sat at height 934844 (48 buckets)");
                });
        assertThat(stored(SeriesId.PRODUCTION_COST_USD)).hasSize(30);
        assertThat(stored(SeriesId.HASHPRICE_USD_PH_DAY)).hasSize(30).noneMatch(DerivedPoints::isLowerBound);
        DailyPoint hashprice =
                minerwatch.pointStore().get(SeriesId.HASHPRICE_USD_PH_DAY, feb4).orElseThrow();
        // 86400 * 1e15 * (3.125 + 0.025) / (1.4167e14 * 2^32) * $70,100 (the stub's price of 4 February) = 31.3548.
        assertThat(hashprice.value()).isCloseTo(31.3548, offset(0.0001));
        assertThat(hashprice.isFinal()).isTrue();
        assertThat(hashprice.sources()).containsExactly("derived", "coingecko", "mempool");
        assertThat(hashprice.details())
                .containsEntry("fees", "mempool blocks/fees 1m, avgFees 2500000 sat at height 934844 (48 buckets)")
                .containsEntry("derivedFrom", "history")
                .containsEntry("btcUsd", "70100");
    }

    @Test
    void withoutMempoolsFeesTheRestLoadsAndTheHashpriceIsTheSubsidyAloneUntilALaterBackfillHasThem() {
        providers
                .server()
                .stubFor(any(urlPathEqualTo("/mempool/api/v1/mining/blocks/fees/3m"))
                        .atPriority(0)
                        .willReturn(okJson("[{\"avgHeight\":934800,\"timestamp\":1770206400,\"avgFees\":-250}]")));

        CollectionReport withoutFees = backfill(90);

        assertThat(withoutFees.failed()).isEmpty();
        assertThat(withoutFees.warnings())
                .anySatisfy(
                        w -> assertThat(w)
                                .startsWith("mempool field 0.avgFees: value -250.0 is outside the plausible range")
                                .endsWith(
                                        "hashprice_usd_ph_day of days without stored fees from the subsidy alone, a lower bound"));
        assertThat(withoutFees.warnings())
                .contains("the hashprice of 90 days without fee data counts the subsidy alone:" + " a lower bound");
        assertThat(stored(SeriesId.FEES_BTC_PER_BLOCK)).isEmpty();
        assertThat(stored(SeriesId.HASHRATE_EHS)).hasSize(90);
        assertThat(stored(SeriesId.HASHPRICE_USD_PH_DAY))
                .hasSize(90)
                .allMatch(DerivedPoints::isLowerBound)
                .allSatisfy(p -> assertThat(p.details()).containsEntry("fees", "none: subsidy only, a lower bound"));
        // 86400 * 1e15 * 3.125 / (1.4167e14 * 2^32) * $70,100 = 31.1060: the subsidy alone.
        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.HASHPRICE_USD_PH_DAY, TODAY.minusDays(1))
                        .orElseThrow()
                        .value())
                .isCloseTo(31.1060, offset(0.0001));

        CollectionReport withFees = backfill(30);

        assertThat(withFees.stored())
                .filteredOn(s -> s.series() == SeriesId.HASHPRICE_USD_PH_DAY)
                .hasSize(30)
                .allMatch(s -> s.change() == PointStore.Change.UPDATED);
        assertThat(stored(SeriesId.HASHPRICE_USD_PH_DAY))
                .filteredOn(DerivedPoints::isLowerBound)
                .hasSize(60)
                .allMatch(p -> p.day().isBefore(TODAY.minusDays(30)));
        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.HASHPRICE_USD_PH_DAY, TODAY.minusDays(1))
                        .orElseThrow()
                        .value())
                .isCloseTo(31.3548, offset(0.0001));
    }

    @Test
    void whatTheCollectorsReadAndDerivedOnTheDayItselfIsKept() {
        LocalDate yesterday = TODAY.minusDays(1);
        java.time.Instant evening = yesterday.atTime(23, 2).toInstant(ZoneOffset.UTC);
        DailyPoint fees = new DailyPoint(
                SeriesId.FEES_BTC_PER_BLOCK,
                yesterday,
                0.031,
                null,
                List.of("mempool"),
                evening,
                false,
                Map.of("endBlock", "934990"));
        DailyPoint hashprice = new DailyPoint(
                SeriesId.HASHPRICE_USD_PH_DAY,
                yesterday,
                31.4,
                null,
                List.of("derived", "coinbase", "coingecko", "kraken", "mempool"),
                evening,
                false,
                Map.of("fees", "mempool reward-stats/144 to block 934990"));
        DailyPoint cost = new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                yesterday,
                86_990,
                null,
                List.of("derived", "mempool"),
                evening,
                false,
                Map.of("model", "drm"));
        minerwatch.pointStore().putAll(List.of(fees, hashprice, cost), written -> {});

        backfill(7);

        assertThat(stored(SeriesId.FEES_BTC_PER_BLOCK)).hasSize(7).contains(fees);
        assertThat(stored(SeriesId.HASHPRICE_USD_PH_DAY)).hasSize(7).contains(hashprice);
        assertThat(stored(SeriesId.PRODUCTION_COST_USD)).hasSize(7).contains(cost);
    }

    @Test
    void aDayTheCollectorsStoredFromOtherSourcesIsKeptAndAMissingDayIsFilled() {
        LocalDate yesterday = TODAY.minusDays(1);
        DailyPoint consensus = new DailyPoint(
                SeriesId.BTC_USD,
                yesterday,
                69_280.1,
                null,
                List.of("coinbase", "coingecko", "kraken"),
                yesterday.atTime(23, 45).toInstant(ZoneOffset.UTC),
                true,
                Map.of());
        minerwatch.pointStore().put(consensus);

        backfill(7);

        assertThat(stored(SeriesId.BTC_USD)).hasSize(7).contains(consensus);
    }
}
