package dev.minerwatch.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Offset.offset;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.minerwatch.TestTables;
import dev.minerwatch.app.Minerwatch;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Network collection and derivation against recorded mempool.space and blockchain.com answers and DynamoDB on the emulator. */
@ExtendWith(LocalAwsExtension.class)
class NetworkCollectorIT {

    private static final LocalDate FEB_3 = LocalDate.parse("2026-02-03");
    private static final LocalDate FEB_5 = LocalDate.parse("2026-02-05");

    private RecordedProviders providers;
    private Minerwatch minerwatch;
    private Clock clock;
    private PointStore points;

    @BeforeEach
    void stack(LocalAws aws) {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
        minerwatch = new Minerwatch(TestTables.freshTable(aws, providers.environment()), clock);
        points = minerwatch.pointStore();
    }

    @AfterEach
    void stop() {
        providers.close();
    }

    private CollectionReport collectNetwork() {
        return minerwatch.networkCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));
    }

    private void answer(String pathPattern, ResponseDefinitionBuilder response) {
        providers
                .server()
                .stubFor(any(urlPathMatching(pathPattern)).atPriority(1).willReturn(response));
    }

    @Test
    void storesHashrateInEhsDifficultyAndFeesWithPastDaysFinal() {
        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow().value())
                .isEqualTo(915.85);
        DailyPoint feb3 = points.get(SeriesId.HASHRATE_EHS, FEB_3).orElseThrow();
        assertThat(feb3.value()).isEqualTo(931.74);
        assertThat(feb3.isFinal()).isTrue();
        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow().isFinal())
                .isFalse();
        assertThat(points.get(SeriesId.DIFFICULTY, FEB_5).orElseThrow().value()).isEqualTo(141_668_107_417_558.2);
        assertThat(points.get(SeriesId.FEES_BTC_PER_BLOCK, FEB_5).orElseThrow().value())
                .isEqualTo(0.025);
        assertThat(report.failed())
                .extracting(CollectionReport.Failed::series)
                .containsExactly(SeriesId.HASHPRICE_USD_PH_DAY);
    }

    @Test
    void storesMempoolsEstimateOfTheNextRetargetWithItsEpochAndAnAbsurdOneIsSaidAndStoresNothing() {
        collectNetwork();

        DailyPoint estimate = points.get(SeriesId.RETARGET_CHANGE_PCT, FEB_5).orElseThrow();
        assertThat(estimate.value()).isEqualTo(-11.16);
        assertThat(estimate.sources()).containsExactly("mempool");
        assertThat(estimate.isFinal()).isFalse();
        assertThat(estimate.details())
                .containsEntry("progressPercent", "77.1329")
                .containsEntry("nextRetargetHeight", "935424")
                .containsEntry("remainingBlocks", "461");

        answer(
                "/mempool/api/v1/difficulty-adjustment",
                okJson("{\"progressPercent\": 77.1, \"difficultyChange\": 450}"));
        CollectionReport absurd = collectNetwork();

        assertThat(absurd.warnings())
                .as("a live estimate: its failure is said, and fails no series")
                .anySatisfy(w -> assertThat(w)
                        .startsWith("retarget_change_pct not stored: ")
                        .contains("difficultyChange")
                        .contains("450"));
        assertThat(absurd.failed())
                .extracting(CollectionReport.Failed::series)
                .doesNotContain(
                        SeriesId.RETARGET_CHANGE_PCT,
                        SeriesId.HASHRATE_EHS,
                        SeriesId.DIFFICULTY,
                        SeriesId.FEES_BTC_PER_BLOCK);
        assertThat(points.get(SeriesId.RETARGET_CHANGE_PCT, FEB_5).orElseThrow().value())
                .as("the absurd estimate wrote nothing")
                .isEqualTo(-11.16);
    }

    @Test
    void derivesTheProductionCostWithItsModelAndTheHashpriceOnceTheDaysPriceIsStored() {
        minerwatch.marketCollector().collect(new ScheduledInvocation(clock.instant(), "market"));

        CollectionReport report = collectNetwork();

        assertThat(report.failed()).isEmpty();
        DailyPoint cost = points.get(SeriesId.PRODUCTION_COST_USD, FEB_5).orElseThrow();
        assertThat(cost.value()).isCloseTo(87_000, offset(100.0));
        assertThat(cost.details())
                .containsEntry("model", "drm")
                .containsEntry("version", "1")
                .containsEntry("B", "1")
                .containsKey("A")
                .containsEntry("supplyBtc", "19984378.125");
        DailyPoint hashprice = points.get(SeriesId.HASHPRICE_USD_PH_DAY, FEB_5).orElseThrow();
        assertThat(hashprice.value()).isCloseTo(30.99, offset(0.01));
        assertThat(hashprice.sources()).contains("derived", "mempool", "coingecko");
        assertThat(hashprice.details()).containsEntry("btcUsd", "69280.1").containsEntry("feesBtcPerBlock", "0.025");
    }

    @Test
    void aSecondRunRewritesNoFinalDay() {
        collectNetwork();
        CollectionReport second = collectNetwork();

        assertThat(second.stored())
                .filteredOn(s -> s.day().isBefore(FEB_5))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.change()).isEqualTo(PointStore.Change.UNCHANGED));
    }

    @Test
    void whenMempoolsHashrateFailsBlockchainComFillsInConvertedFromThs() {
        answer("/mempool/api/v1/mining/hashrate/.*", aResponse().withStatus(502));

        CollectionReport report = collectNetwork();

        DailyPoint feb5 = points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow();
        assertThat(feb5.value()).isEqualTo(915.85);
        assertThat(feb5.sources()).containsExactly("blockchain.com");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("blockchain.com"));
        assertThat(report.failed())
                .extracting(CollectionReport.Failed::series)
                .contains(SeriesId.DIFFICULTY)
                .doesNotContain(SeriesId.HASHRATE_EHS);
        assertThat(points.get(SeriesId.DIFFICULTY, FEB_5)).isEmpty();
    }

    @Test
    void aZeroHashrateOrAbsurdDifficultyStoresNothingAndNamesTheFieldAndValue() {
        answer(
                "/mempool/api/v1/mining/hashrate/.*",
                okJson("{\"hashrates\":[{\"timestamp\":1770249600,\"avgHashrate\":0}],"
                        + "\"currentHashrate\":9.1585e20,\"currentDifficulty\":141668107417558.2}"));
        answer("/blockchain-info/charts/hash-rate", aResponse().withStatus(500));

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5)).isEmpty();
        assertThat(points.get(SeriesId.DIFFICULTY, FEB_5)).isEmpty();
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.HASHRATE_EHS)
                .singleElement()
                .satisfies(f ->
                        assertThat(f.errors()).anySatisfy(e -> assertThat(e).contains("blockchain.com")));
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.DIFFICULTY)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e)
                                .contains("mempool field hashrates.0.avgHashrate")
                                .contains("value 0.0")));
    }

    @Test
    void feesWithNonNumericSatoshisFailOnlyFeesAndTheDerivedSeries() {
        answer(
                "/mempool/api/v1/mining/reward-stats/144",
                okJson("{\"startBlock\":934857,\"endBlock\":935000,"
                        + "\"totalReward\":\"45360000000\",\"totalFee\":\"lots\",\"totalTx\":\"512344\"}"));

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.FEES_BTC_PER_BLOCK, FEB_5)).isEmpty();
        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5)).isPresent();
        assertThat(report.failed())
                .extracting(CollectionReport.Failed::series)
                .containsExactlyInAnyOrder(
                        SeriesId.FEES_BTC_PER_BLOCK, SeriesId.HASHPRICE_USD_PH_DAY, SeriesId.PRODUCTION_COST_USD);
        assertThat(report.failed().get(0).errors().get(0))
                .isEqualTo("mempool field totalFee: value 'lots' is not a number");
    }

    @Test
    void difficultyEntriesKeyedTimeOrTimestampAreBothRead() throws Exception {
        var mempool = new dev.minerwatch.sources.Sources(
                        new dev.minerwatch.sources.http.HttpJsonClient(
                                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(2)),
                        provider -> providers.baseUrl(provider.id()),
                        java.time.Clock.systemUTC())
                .mempool();
        answer(
                "/mempool/api/v1/mining/hashrate/.*",
                okJson("{\"hashrates\":[{\"timestamp\":1770249600,\"avgHashrate\":9.1585e20}],"
                        + "\"difficulty\":[{\"time\":1767830400,\"difficulty\":1.36e14},{\"timestamp\":1769250065,\"difficulty\":1.4167e14}],"
                        + "\"currentHashrate\":9.1585e20,\"currentDifficulty\":1.4167e14}"));

        assertThat(mempool.hashrate(dev.minerwatch.sources.http.Deadline.in(java.time.Duration.ofMinutes(1)))
                        .adjustments())
                .isEqualTo(Map.of(LocalDate.parse("2026-01-08"), 1.36e14, LocalDate.parse("2026-01-24"), 1.4167e14));
    }

    private static final String HASHRATE_PATH = "/mempool/api/v1/mining/hashrate/.*";
    /** mempool's recorded daily averages (Feb 3 to 5). */
    private static final String DAILY_AVERAGES = "\"hashrates\":[{\"timestamp\":1770076800,\"avgHashrate\":9.3174e20},"
            + "{\"timestamp\":1770163200,\"avgHashrate\":9.2241e20},{\"timestamp\":1770249600,\"avgHashrate\":9.1585e20}]";

    private static final LocalDate FEB_2 = LocalDate.parse("2026-02-02");
    private static final LocalDate FEB_4 = LocalDate.parse("2026-02-04");

    private void stored(SeriesId series, LocalDate day, double value) {
        points.put(new DailyPoint(
                series,
                day,
                value,
                null,
                java.util.List.of("mempool"),
                day.atTime(23, 55).toInstant(ZoneOffset.UTC),
                true,
                Map.of()));
    }

    @Test
    void mempoolsNodeDownReadingZeroCurrentHashrateIsMissingDataAndItsDailyAveragesAreStillUsed() {
        answer(
                HASHRATE_PATH,
                okJson("{" + DAILY_AVERAGES + ",\"currentHashrate\":0,\"currentDifficulty\":141668107417558.2}"));

        CollectionReport report = collectNetwork();

        DailyPoint feb5 = points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow();
        assertThat(feb5.value()).isEqualTo(915.85);
        assertThat(feb5.sources()).containsExactly("mempool");
        assertThat(points.get(SeriesId.DIFFICULTY, FEB_5)).isPresent();
        assertThat(report.warnings())
                .anySatisfy(w ->
                        assertThat(w).contains("mempool field currentHashrate").contains("missing data"));
    }

    @Test
    void pointsCarryTheProvidersTimeADailyAverageAsOfItsDaysEnd() {
        collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_3).orElseThrow().asOf())
                .isEqualTo("2026-02-04T00:00:00Z");
        // Today's average is still running: as of the run, which the provider's newest average does not predate.
        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow().asOf())
                .isEqualTo(clock.instant());
    }

    @Test
    void aMempoolIndexThatStoppedSixDaysAgoIsNotTodaysHashrateAndBlockchainComFillsIn() {
        // The newest daily average is of 30 January; the node still echoes its last current figures.
        answer(
                HASHRATE_PATH,
                okJson("{\"hashrates\":[{\"timestamp\":1769644800,\"avgHashrate\":9.52e20},"
                        + "{\"timestamp\":1769731200,\"avgHashrate\":9.48e20}],"
                        + "\"currentHashrate\":9.48e20,\"currentDifficulty\":141668107417558.2}"));

        CollectionReport report = collectNetwork();

        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("mempool: its mining index has stopped")
                        .contains("2026-01-30T00:00:00Z")
                        .contains("hours before 2026-02-05"));
        DailyPoint feb5 = points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow();
        assertThat(feb5.sources()).containsExactly("blockchain.com");
        assertThat(points.get(SeriesId.HASHRATE_EHS, LocalDate.parse("2026-01-30")))
                .isEmpty();
        assertThat(points.get(SeriesId.DIFFICULTY, FEB_5))
                .as("the stopped node's difficulty is not today's")
                .isEmpty();
        assertThat(report.failed()).extracting(CollectionReport.Failed::series).contains(SeriesId.DIFFICULTY);
    }

    @Test
    void whenBothProvidersHaveStoppedNoHashrateIsStoredForToday() {
        answer(
                HASHRATE_PATH,
                okJson("{\"hashrates\":[{\"timestamp\":1769731200,\"avgHashrate\":9.48e20}],"
                        + "\"currentHashrate\":9.48e20,\"currentDifficulty\":141668107417558.2}"));
        answer(
                "/blockchain-info/.*",
                okJson("{\"status\":\"ok\",\"unit\":\"Hash Rate TH/s\",\"period\":\"day\","
                        + "\"values\":[{\"x\":1769731200,\"y\":948000000}]}"));

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5)).isEmpty();
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("blockchain.com: its chart has stopped"));
        assertThat(report.failed()).extracting(CollectionReport.Failed::series).contains(SeriesId.HASHRATE_EHS);
    }

    @Test
    void anObjectWhereMempoolsDifficultyListBelongsIsMempoolsFailureAndBlockchainComStillAnswers() {
        answer(
                HASHRATE_PATH,
                okJson("{" + DAILY_AVERAGES + ",\"difficulty\":{\"time\":1769250065,\"difficulty\":1.4e14},"
                        + "\"currentHashrate\":9.1585e20,\"currentDifficulty\":141668107417558.2}"));

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow().sources())
                .containsExactly("blockchain.com");
        assertThat(points.get(SeriesId.FEES_BTC_PER_BLOCK, FEB_5)).isPresent();
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.DIFFICULTY)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e)
                                .contains("mempool field difficulty")
                                .contains("is not an array")));
    }

    @Test
    void timestampsNoClockCanHoldAreMempoolsFailureAndBlockchainComStillAnswers() {
        answer(
                HASHRATE_PATH,
                okJson("{\"hashrates\":[{\"timestamp\":1e19,\"avgHashrate\":9.1585e20}],"
                        + "\"currentHashrate\":9.1585e20,\"currentDifficulty\":141668107417558.2}"));

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5).orElseThrow().sources())
                .containsExactly("blockchain.com");
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.DIFFICULTY)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e)
                                .contains("mempool field hashrates.0.timestamp")
                                .contains("1.0E19")));
    }

    @Test
    void hashrateAndFeesAThousandTimesTheStoredOnesAreRefusedWithTheirBoundAndNothingIsDerivedFromThem() {
        stored(SeriesId.HASHRATE_EHS, FEB_2, 930);
        stored(SeriesId.FEES_BTC_PER_BLOCK, FEB_4, 0.025);
        answer(
                HASHRATE_PATH,
                okJson("{\"hashrates\":[{\"timestamp\":1770076800,\"avgHashrate\":9.3174e23},"
                        + "{\"timestamp\":1770249600,\"avgHashrate\":9.1585e23}],"
                        + "\"currentHashrate\":9.1585e23,\"currentDifficulty\":141668107417558.2}"));
        answer(
                "/mempool/api/v1/mining/reward-stats/144",
                okJson("{\"startBlock\":934857,\"endBlock\":935000,"
                        + "\"totalReward\":\"45360000000\",\"totalFee\":\"360000000000\",\"totalTx\":\"512344\"}"));

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5)).isEmpty();
        assertThat(points.get(SeriesId.FEES_BTC_PER_BLOCK, FEB_5)).isEmpty();
        assertThat(points.get(SeriesId.PRODUCTION_COST_USD, FEB_5)).isEmpty();
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.HASHRATE_EHS)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e)
                                .contains("mempool hashrate_ehs 2026-02-05 refused")
                                .contains("915850")
                                .contains("the stored 2026-02-02 value 930")
                                .contains("×4 / ÷4")));
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.FEES_BTC_PER_BLOCK)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e)
                                .contains("mempool fees_btc_per_block 2026-02-05 refused")
                                .contains("value 25 ")
                                .contains("×100 / ÷100")));
    }

    @Test
    void aStoredOutlierThatTheHistoryBeforeItContradictsLosesToTheProvidersValueAndIsReported() {
        // An import slipped by a thousand on 2 February, between real days: it does not lock the collector out.
        stored(SeriesId.HASHRATE_EHS, LocalDate.parse("2026-02-01"), 928);
        stored(SeriesId.HASHRATE_EHS, FEB_2, 930_000);
        stored(SeriesId.DIFFICULTY, LocalDate.parse("2026-02-01"), 141668107417558.2);
        stored(SeriesId.DIFFICULTY, FEB_4, 141668107417558.2e3);

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_3).orElseThrow().value())
                .isCloseTo(931.74, within(0.01));
        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_5)).isPresent();
        assertThat(points.get(SeriesId.DIFFICULTY, FEB_5).orElseThrow().value()).isEqualTo(141668107417558.2);
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("hashrate_ehs: the stored 2026-02-02 value 930000 is an outlier")
                        .contains("×1002 the stored 2026-02-01 value 928 before it")
                        .contains("mempool's 2026-02-03 value 931.74 follows 2026-02-01"))
                .anySatisfy(w -> assertThat(w).contains("difficulty: the stored 2026-02-04 value"));
        assertThat(report.failed())
                .noneSatisfy(f -> assertThat(f.series()).isIn(SeriesId.HASHRATE_EHS, SeriesId.DIFFICULTY));
    }

    @Test
    void aProviderOutOfLineWithAStoredHistoryThatAgreesWithItselfIsRefused() {
        stored(SeriesId.HASHRATE_EHS, LocalDate.parse("2026-02-01"), 928_000);
        stored(SeriesId.HASHRATE_EHS, FEB_2, 930_000);

        CollectionReport report = collectNetwork();

        assertThat(points.get(SeriesId.HASHRATE_EHS, FEB_3)).isEmpty();
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.HASHRATE_EHS)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e).contains("the stored 2026-02-02 value 930000")));
    }

    @Test
    void aMempoolThatHangsPastTheDeadlineLeavesTheRunItsOtherAnswers() {
        answer(HASHRATE_PATH, okJson("{}").withFixedDelay(40_000));
        long started = System.nanoTime();

        CollectionReport report = minerwatch
                .networkCollector()
                .collect(
                        new ScheduledInvocation(clock.instant(), "exec"),
                        dev.minerwatch.sources.http.Deadline.in(java.time.Duration.ofSeconds(2)));

        // Ends at the 2 s deadline plus the writes; a wide margin for a loaded machine, far from the answer's 40 s.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(12));
        assertThat(points.get(SeriesId.FEES_BTC_PER_BLOCK, FEB_5)).isPresent();
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.DIFFICULTY)
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .anySatisfy(e -> assertThat(e).contains("mempool").contains("timed out")));
    }
}
