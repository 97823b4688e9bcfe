package dev.minerwatch.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ETF flows from the recorded answers of its three paths into DynamoDB on the emulator: SoSoValue's current API first,
 * its older one, TFTC's open dataset without a key or when SoSoValue fails; trading days, revisions, "not yet
 * published", per-fund splits.
 */
@ExtendWith(LocalAwsExtension.class)
class EtfFlowCollectorIT {

    private static final String V1 = "/sosovalue/openapi/v1/etfs/summary-history";
    private static final String PATH = "/sosovalue/openapi/v2/etf/historicalInflowChart";
    private static final String TFTC = "/tftc/bitcoin-etf-flows/data.json";

    private RecordedProviders providers;
    private Minerwatch minerwatch;
    private Clock clock;
    private PointStore points;
    private LocalAws aws;

    @BeforeEach
    void stack(LocalAws aws) {
        this.aws = aws;
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
        Map<String, String> env = new HashMap<>(providers.environment());
        env.put("SOSOVALUE_API_KEY", "test-key-not-a-secret");
        minerwatch = new Minerwatch(TestTables.freshTable(aws, env), clock);
        points = minerwatch.pointStore();
    }

    @AfterEach
    void stop() {
        providers.close();
    }

    private CollectionReport collect() {
        return minerwatch.etfFlowCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));
    }

    /** Only SoSoValue's older API answers, with {@code body}: its current one and TFTC are down. */
    private void answer(String body) {
        down(V1);
        down(TFTC);
        providers.server().stubFor(post(urlPathEqualTo(PATH)).atPriority(1).willReturn(okJson(body)));
    }

    private void answerV1(String body) {
        providers.server().stubFor(get(urlPathEqualTo(V1)).atPriority(1).willReturn(okJson(body)));
    }

    private void answerTftc(String body) {
        providers.server().stubFor(get(urlPathEqualTo(TFTC)).atPriority(1).willReturn(okJson(body)));
    }

    private void down(String pathPrefix) {
        providers
                .server()
                .stubFor(any(urlPathMatching(pathPrefix + ".*")).atPriority(1).willReturn(serviceUnavailable()));
    }

    private Minerwatch keyless() {
        return new Minerwatch(TestTables.freshTable(aws, providers.environment()), clock);
    }

    private List<DailyPoint> stored() {
        return points.range(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2025-01-01"), LocalDate.parse("2026-12-31"));
    }

    @Test
    void storesEveryPublishedTradingDayInWholeUsdFromSoSoValuesCurrentApiAskingWithTheKey() {
        CollectionReport report = collect();

        assertThat(report.failed()).isEmpty();
        assertThat(report.warnings()).noneMatch(w -> w.contains("instead"));
        assertThat(stored()).hasSize(23).allSatisfy(p -> assertThat(p.sources()).containsExactly("sosovalue"));
        DailyPoint feb4 = points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-04"))
                .orElseThrow();
        assertThat(feb4.value()).isEqualTo(-544_940_000.0);
        assertThat(feb4.isFinal()).isFalse();
        assertThat(feb4.details()).containsEntry("path", "sosovalue v1 summary-history");
        assertThat(points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-02"))
                        .orElseThrow()
                        .value())
                .isEqualTo(561_890_000.0);
        assertThat(points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-03"))
                        .orElseThrow()
                        .isFinal())
                .isTrue();
        providers
                .server()
                .verify(getRequestedFor(urlPathEqualTo(V1))
                        .withQueryParam("symbol", equalTo("BTC"))
                        .withQueryParam("country_code", equalTo("US"))
                        .withQueryParam("limit", equalTo("300"))
                        .withHeader("x-soso-api-key", equalTo("test-key-not-a-secret")));
        providers.server().verify(0, anyRequestedFor(urlPathMatching("/tftc/.*")));
    }

    @Test
    void whenTheCurrentApiFailsTheOlderOneIsAskedWithTheKeyAndTheFailureIsAWarning() {
        down(V1);

        CollectionReport report = collect();

        assertThat(report.failed()).isEmpty();
        assertThat(stored()).hasSize(23);
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("sosovalue")
                        .contains("503")
                        .contains("ETF flows from sosovalue v2 historicalInflowChart instead"));
        assertThat(points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-03"))
                        .orElseThrow()
                        .details())
                .containsEntry("path", "sosovalue v2 historicalInflowChart");
        providers
                .server()
                .verify(postRequestedFor(urlPathEqualTo(PATH))
                        .withHeader("x-soso-api-key", equalTo("test-key-not-a-secret"))
                        .withRequestBody(equalToJson("{\"type\":\"us-btc-spot\"}")));
    }

    @Test
    void withSoSoValueDownTfcsOpenDatasetStillGivesTheFlowsWithItsPerFundSplit() {
        down("/sosovalue/");

        CollectionReport report = collect();

        assertThat(report.failed()).isEmpty();
        assertThat(stored()).hasSize(23).allSatisfy(p -> assertThat(p.sources()).containsExactly("tftc"));
        DailyPoint feb4 = points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-04"))
                .orElseThrow();
        assertThat(feb4.value()).isEqualTo(-544_940_000.0);
        assertThat(feb4.details())
                .containsEntry("path", "tftc bitcoin-etf-flows data.json")
                .containsEntry("IBIT", "-373400000");
        assertThat(report.warnings()).filteredOn(w -> w.contains("instead")).hasSize(2);
    }

    @Test
    void withoutAKeyTheFlowsComeFromTftcAndSoSoValueIsNeverAsked() {
        CollectionReport report =
                keyless().etfFlowCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));

        assertThat(report.failed()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.stored())
                .hasSize(23)
                .allSatisfy(s -> assertThat(s.sources()).containsExactly("tftc"));
        providers.server().verify(0, anyRequestedFor(urlPathMatching("/sosovalue/.*")));
    }

    @Test
    void tftcRowsAfterItsUpdatedThroughAreNotSettledAndAnotherUnitIsDrift() {
        answerTftc(
                "{\"units\":\"USD\",\"updatedThrough\":\"2026-02-03\",\"days\":["
                        + "{\"date\":\"2026-02-03\",\"netFlowUsd\":-272020000},{\"date\":\"2026-02-04\",\"netFlowUsd\":-100000000}]}");
        CollectionReport report =
                keyless().etfFlowCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));

        assertThat(report.stored())
                .extracting(CollectionReport.Stored::day)
                .containsExactly(LocalDate.parse("2026-02-03"));

        answerTftc("{\"units\":\"USD millions\",\"updatedThrough\":\"2026-02-04\",\"days\":["
                + "{\"date\":\"2026-02-04\",\"netFlowUsd\":-544.94}]}");
        CollectionReport drift = keyless().etfFlowCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));

        assertThat(drift.failed())
                .singleElement()
                .satisfies(f ->
                        assertThat(f.errors().get(0)).contains("tftc field units: value 'USD millions' is not USD"));
    }

    @Test
    void everyPathFailingIsTheSeriesFailureNamingEachPath() {
        down("/sosovalue/");
        answerTftc("{\"units\":\"USD\",\"updatedThrough\":\"2026-02-04\",\"days\":{\"date\":\"2026-02-04\"}}");

        CollectionReport report = collect();

        assertThat(stored()).isEmpty();
        assertThat(report.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.errors().get(0))
                        .contains("no ETF flow path answered")
                        .contains("503")
                        .contains("tftc field days")
                        .contains("is not an array"));
    }

    @Test
    void theCurrentApisAnswerInsideAnEnvelopeOrAsABareArrayAndItsErrorCodeFailsIt() {
        answerV1("[{\"date\":\"2026-02-04\",\"total_net_inflow\":\"-544940000\"},"
                + "{\"date\":\"2026-02-03\",\"total_net_inflow\":-272020000}]");
        collect();
        assertThat(stored()).extracting(DailyPoint::value).containsExactly(-272_020_000.0, -544_940_000.0);

        answerV1("{\"code\":40100,\"message\":\"monthly quota exceeded\",\"data\":null}");
        CollectionReport refused = collect();
        assertThat(refused.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("sosovalue field code: value 40100")
                        .contains("monthly quota exceeded")
                        .contains("instead"));
    }

    @Test
    void aNewestDayReadingExactlyZeroIsNotYetPublishedAndNotStored() {
        CollectionReport report = collect();

        assertThat(points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-05")))
                .isEmpty();
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w).contains("2026-02-05 reads 0.0: not yet published"));
    }

    @Test
    void aSecondRunWritesNothingAndARevisedDayIsUpdatedInPlace() {
        collect();
        CollectionReport again = collect();
        assertThat(again.stored()).allSatisfy(s -> assertThat(s.change()).isEqualTo(PointStore.Change.UNCHANGED));

        answer("{\"code\":0,\"msg\":null,\"data\":{\"list\":[{\"date\":\"2026-02-04\",\"totalNetInflow\":-545120000.0},"
                + "{\"date\":\"2026-02-03\",\"totalNetInflow\":-272020000.0}]}}");
        CollectionReport revised = collect();

        assertThat(revised.stored())
                .filteredOn(s -> s.change() == PointStore.Change.UPDATED)
                .extracting(CollectionReport.Stored::day)
                .containsExactly(LocalDate.parse("2026-02-04"));
        assertThat(points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-04"))
                        .orElseThrow()
                        .value())
                .isEqualTo(-545_120_000.0);
        assertThat(stored()).hasSize(23);
    }

    @Test
    void anErrorCodeWithHttp200IsAFailureAndStoresNothing() {
        answer("{\"code\":1,\"msg\":\"invalid api key\",\"data\":null}");

        CollectionReport report = collect();

        assertThat(stored()).isEmpty();
        assertThat(report.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.errors())
                        .singleElement()
                        .asString()
                        .contains("sosovalue field code: value 1 is an error")
                        .contains("invalid api key"));
    }

    @Test
    void dataAsABareArrayIsReadToo() {
        answer("{\"code\":0,\"data\":[{\"date\":\"2026-02-04\",\"totalNetInflow\":-544940000.0},"
                + "{\"date\":\"2026-02-03\",\"totalNetInflow\":-272020000.0}]}");

        collect();

        assertThat(stored()).extracting(DailyPoint::value).containsExactly(-272_020_000.0, -544_940_000.0);
    }

    @Test
    void aRowOnAHolidayIsSkippedAndAFlowInMillionsByMistakeIsRefused() {
        answer(
                "{\"code\":0,\"data\":{\"list\":[{\"date\":\"2026-01-20\",\"totalNetInflow\":-483380000.0},"
                        + "{\"date\":\"2026-01-19\",\"totalNetInflow\":0.0},{\"date\":\"2025-01-09\",\"totalNetInflow\":0.0}]}}");

        CollectionReport holidays = collect();

        assertThat(stored()).extracting(DailyPoint::day).containsExactly(LocalDate.parse("2026-01-20"));
        assertThat(holidays.warnings()).anySatisfy(w -> assertThat(w).contains("2026-01-19 is not a US trading day"));
        // 2025-01-09 (a closure) is older than the collector's window: the backfill's to judge, and it does.

        answer("{\"code\":0,\"data\":{\"list\":[{\"date\":\"2026-02-04\",\"totalNetInflow\":-5.4494e13}]}}");
        CollectionReport absurd = collect();

        assertThat(absurd.failed())
                .singleElement()
                .satisfies(f ->
                        assertThat(f.errors().get(0)).contains("totalNetInflow").contains("-5.4494E13"));
        assertThat(stored()).hasSize(1);
    }

    @Test
    void theOlderApisPerFundSplitOfTheLatestDayIsKeptAsProvenance() {
        down(V1);
        collect();

        DailyPoint feb4 = points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-04"))
                .orElseThrow();
        assertThat(feb4.details())
                .containsEntry("IBIT", "-373400000")
                .containsEntry("FBTC", "-86400000")
                .containsEntry("GBTC", "-41800000")
                .containsEntry("path", "sosovalue v2 historicalInflowChart")
                .hasSize(13);
        assertThat(points.get(SeriesId.ETF_NET_FLOW_USD, LocalDate.parse("2026-02-03"))
                        .orElseThrow()
                        .details())
                .containsOnlyKeys("path");
    }

    @Test
    void withoutPerFundMetricsTheTotalsAreStillStoredWithAWarning() {
        down(V1);
        providers
                .server()
                .stubFor(post(urlPathEqualTo("/sosovalue/openapi/v2/etf/currentEtfDataMetrics"))
                        .atPriority(1)
                        .willReturn(okJson("{\"code\":40001,\"msg\":\"rate limited\"}")));

        CollectionReport report = collect();

        assertThat(stored()).hasSize(23);
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w).contains("code: value 40001").contains("per-fund flows left out"));
    }

    @Test
    void theTotalsAreStoredEvenWhenThePerFundCallHangsPastTheDeadline() {
        down(V1);
        providers
                .server()
                .stubFor(post(urlPathEqualTo("/sosovalue/openapi/v2/etf/currentEtfDataMetrics"))
                        .atPriority(1)
                        .willReturn(okJson("{\"code\":0,\"data\":{}}").withChunkedDribbleDelay(20, 40_000)));
        long started = System.nanoTime();

        CollectionReport report = minerwatch
                .etfFlowCollector()
                .collect(new ScheduledInvocation(clock.instant(), "exec"), Deadline.in(Duration.ofSeconds(3)));

        // Ends at the 3 s deadline plus 23 writes; a wide margin for a loaded machine, far from the answer's 40 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
        assertThat(stored()).hasSize(23);
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("sosovalue")
                        .contains("timed out")
                        .contains("per-fund flows left out"));
    }

    @Test
    void flowsInMillionsByMistakeAreRefusedNamingTheFieldTheValueAndTheBound() {
        answer("{\"code\":0,\"data\":{\"list\":[{\"date\":\"2026-02-04\",\"totalNetInflow\":-544.94},"
                + "{\"date\":\"2026-02-03\",\"totalNetInflow\":-272.02}]}}");

        CollectionReport report = collect();

        assertThat(stored()).isEmpty();
        assertThat(report.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.errors().get(0))
                        .contains("sosovalue field data.list.")
                        .contains("totalNetInflow")
                        .contains("-544.94")
                        .contains("under $100000"));
    }

    @Test
    void aPerFundListThatIsAnObjectLeavesOnlyTheSplitOut() {
        down(V1);
        providers
                .server()
                .stubFor(post(urlPathEqualTo("/sosovalue/openapi/v2/etf/currentEtfDataMetrics"))
                        .atPriority(1)
                        .willReturn(okJson("{\"code\":0,\"data\":{\"dailyNetInflow\":{\"value\":-544940000,"
                                + "\"lastUpdateDate\":\"2026-02-04\"},\"list\":{\"ticker\":\"IBIT\"}}}")));

        CollectionReport report = collect();

        assertThat(stored()).hasSize(23);
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("sosovalue field data.list")
                        .contains("is not an array")
                        .contains("per-fund flows left out"));
    }
}
