package dev.minerwatch.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The market collection against recorded providers and DynamoDB on the emulator: consensus, bad sources, gaps filled later. */
@ExtendWith(LocalAwsExtension.class)
class MarketCollectorIT {

    private static final LocalDate FEB_5 = LocalDate.parse("2026-02-05");

    private static final LocalDate FEB_4 = LocalDate.parse("2026-02-04");

    private RecordedProviders providers;
    private Minerwatch minerwatch;
    private Clock clock;
    private Settings settings;
    private final StringWriter console = new StringWriter();

    @BeforeEach
    void stack(LocalAws aws) {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        settings = TestTables.freshTable(aws, providers.environment());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
        minerwatch = new Minerwatch(settings, clock, new PrintWriter(console, true));
    }

    @AfterEach
    void stop() {
        providers.close();
    }

    private CollectionReport collect() {
        return minerwatch.marketCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));
    }

    private void answer(String provider, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        providers
                .server()
                .stubFor(any(urlPathMatching("/" + provider + "/.*"))
                        .atPriority(1)
                        .willReturn(response));
    }

    @Test
    void storesTheMedianOfTheThreeSourcesWithAllOfThemAsProvenance() {
        CollectionReport report = collect();

        assertThat(report.failed()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        DailyPoint btc = minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5).orElseThrow();
        assertThat(btc.value()).isEqualTo(69_280.1);
        assertThat(btc.sources()).containsExactly("coinbase", "coingecko", "kraken");
        assertThat(btc.asOf()).isEqualTo(providers.recordedAt());
        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.ETH_USD, FEB_5)
                        .orElseThrow()
                        .value())
                .isEqualTo(2_052.0);
    }

    @Test
    void aFailingSourceIsReportedAndTheOthersStillStore() {
        answer("kraken", okJson("{\"error\":[\"EGeneral:Too many requests\"]}"));

        CollectionReport report = collect();

        assertThat(report.failed()).isEmpty();
        assertThat(report.stored())
                .filteredOn(s -> s.series() != SeriesId.BTC_ATH_USD)
                .hasSize(2)
                .extracting(CollectionReport.Stored::sources)
                .allSatisfy(sources -> assertThat(sources).containsExactly("coinbase", "coingecko"));
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w).contains("kraken field error").contains("Too many requests"));
    }

    @Test
    void aSourceQuotingAnAbsurdButPlausiblePriceIsLeftOutOfTheConsensus() {
        answer("coinbase", okJson("{\"data\":{\"amount\":\"80000.00\",\"base\":\"BTC\",\"currency\":\"USD\"}}"));

        CollectionReport report = collect();

        DailyPoint btc = minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5).orElseThrow();
        assertThat(btc.sources()).containsExactly("coingecko", "kraken");
        assertThat(btc.value()).isEqualTo(69_280.05);
        assertThat(report.warnings())
                .anySatisfy(
                        w -> assertThat(w).contains("coinbase btc_usd 80000").contains("left out"));
    }

    @Test
    void whenEverySourceFailsNothingIsStoredAndALaterRunFillsTheGap() {
        answer("coingecko", aResponse().withStatus(500));
        // Longer than a run may wait: reported at once instead of retried.
        answer("coinbase", aResponse().withStatus(429).withHeader("Retry-After", "60"));
        answer("kraken", aResponse().withStatus(200).withBody("<html>down</html>"));

        CollectionReport failed = collect();

        assertThat(failed.stored()).isEmpty();
        assertThat(failed.failed())
                .extracting(CollectionReport.Failed::series)
                .containsExactly(SeriesId.BTC_USD, SeriesId.ETH_USD, SeriesId.BTC_ATH_USD);
        assertThat(failed.failed().get(0).errors())
                .hasSize(3)
                .anySatisfy(e -> assertThat(e).contains("coingecko").contains("HTTP 500"))
                .anySatisfy(
                        e -> assertThat(e).contains("coinbase").contains("429").contains("retry after 60 s"))
                .anySatisfy(e -> assertThat(e).contains("kraken").contains("not JSON"));
        assertThat(minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5)).isEmpty();

        providers.server().getStubMappings().stream()
                .filter(stub -> stub.getPriority() == 1)
                .forEach(providers.server()::removeStub);
        CollectionReport later = collect();

        assertThat(later.failed()).isEmpty();
        assertThat(minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5)).isPresent();
    }

    @Test
    void storesBitcoinsAllTimeHighWithItsDateAndSourceAndRewritesNothingOnARerun() {
        CollectionReport first = collect();
        CollectionReport second = collect();

        DailyPoint ath =
                minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(126_080);
        assertThat(ath.details()).containsEntry("athDate", "2025-10-06").containsEntry("athSource", "coingecko");
        assertThat(ath.sources()).containsExactly("coingecko");
        assertThat(first.stored()).anySatisfy(s -> {
            assertThat(s.series()).isEqualTo(SeriesId.BTC_ATH_USD);
            assertThat(s.change()).isEqualTo(dev.minerwatch.store.PointStore.Change.CREATED);
        });
        assertThat(second.stored())
                .filteredOn(s -> s.series() == SeriesId.BTC_ATH_USD)
                .singleElement()
                .extracting(CollectionReport.Stored::change)
                .isEqualTo(dev.minerwatch.store.PointStore.Change.UNCHANGED);
    }

    @Test
    void withoutCoinGeckosMarketsTheStoredMaximumServesAsTheAllTimeHigh() {
        minerwatch
                .pointStore()
                .put(new DailyPoint(
                        SeriesId.BTC_ATH_USD,
                        LocalDate.parse("2026-02-04"),
                        126_080,
                        null,
                        java.util.List.of("coingecko"),
                        java.time.Instant.parse("2026-02-04T12:00:00Z"),
                        true,
                        java.util.Map.of("athDate", "2025-10-06", "athSource", "coingecko")));
        providers
                .server()
                .stubFor(any(urlPathMatching("/coingecko/api/v3/coins/markets"))
                        .atPriority(1)
                        .willReturn(aResponse().withStatus(503)));

        CollectionReport report = collect();

        DailyPoint ath =
                minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(126_080);
        assertThat(ath.details()).containsEntry("athDate", "2025-10-06");
        assertThat(report.warnings())
                .anySatisfy(
                        w -> assertThat(w).contains("coingecko").contains("503").contains("stored maximum"));
    }

    @Test
    void aBtcPriceAboveTheReportedHighBecomesTheAllTimeHigh() {
        providers
                .server()
                .stubFor(any(urlPathMatching("/coingecko/api/v3/coins/markets"))
                        .atPriority(1)
                        .willReturn(
                                okJson("[{\"id\":\"bitcoin\",\"ath\":60000.0,\"ath_date\":\"2025-10-06T18:57:42.558Z\","
                                        + "\"last_updated\":\"2026-02-05T14:00:00.000Z\"}]")));

        collect();

        DailyPoint ath =
                minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(69_280.1);
        assertThat(ath.details())
                .containsEntry("athDate", "2026-02-05")
                .containsEntry("athSource", "btc_usd consensus of coinbase,coingecko,kraken");
    }

    /** A stored point of a past day, as an earlier run would have left it. */
    private void stored(SeriesId series, LocalDate day, double value, String... sources) {
        minerwatch
                .pointStore()
                .put(new DailyPoint(
                        series,
                        day,
                        value,
                        null,
                        List.of(sources),
                        day.atTime(23, 55).toInstant(ZoneOffset.UTC),
                        true,
                        Map.of()));
    }

    private void onlyKrakenAnswers(String price) {
        answer("coingecko", aResponse().withStatus(503));
        answer("coinbase", aResponse().withStatus(503));
        answer(
                "kraken",
                okJson("{\"error\":[],\"result\":{\"XXBTZUSD\":{\"c\":[\"" + price + "\",\"0.01\"]},"
                        + "\"XETHZUSD\":{\"c\":[\"2052.0\",\"0.1\"]}}}"));
    }

    @Test
    void aLoneSourceQuotingTenTimesOffWhileTheOthersAreDownStoresNoPriceAndSendsNoAlert() {
        stored(SeriesId.BTC_USD, FEB_4, 69_280.1, "coinbase", "coingecko", "kraken");
        stored(SeriesId.PRODUCTION_COST_USD, FEB_4, 50_000, "derived", "mempool");
        stored(SeriesId.PRODUCTION_COST_USD, FEB_5, 50_000, "derived", "mempool");
        onlyKrakenAnswers("6928.01");

        CollectionReport report = collect();
        var evaluation = minerwatch.alertEvaluator().evaluate(new ScheduledInvocation(clock.instant(), "evaluate"));

        assertThatNoPriceIsStoredBecause(
                report, "kraken btc_usd 6928.01 refused as unconfirmed", "±15% of the stored 2026-02-04 close 69280.1");
        assertThat(evaluation.recorded()).noneSatisfy(key -> assertThat(key).contains("price_below_production_cost"));
        assertThat(console.toString()).doesNotContain("production cost");
    }

    @Test
    void onAnEmptyStoreALoneQuoteTenTimesUnderTheAllTimeHighIsRefusedAndSendsNoAlert() {
        stored(SeriesId.PRODUCTION_COST_USD, FEB_5, 50_000, "derived", "mempool");
        onlyKrakenAnswers("6928.01");
        // CoinGecko's price is down (onlyKrakenAnswers), its market data (the all-time high) answers: the newest stub
        // wins.
        coinGeckoMarketDataWithAllTimeHigh("126080.0");

        CollectionReport report = collect();
        var evaluation = minerwatch.alertEvaluator().evaluate(new ScheduledInvocation(clock.instant(), "evaluate"));

        assertThatNoPriceIsStoredBecause(
                report,
                "kraken btc_usd 6928.01 refused as unconfirmed",
                "a tenth of to 15% above coingecko's all-time high 126080");
        assertThat(evaluation.recorded()).noneSatisfy(key -> assertThat(key).contains("price_below_production_cost"));
    }

    /** No BTC price is stored for the day, and the report says why, in every one of {@code reasons}. */
    private void assertThatNoPriceIsStoredBecause(CollectionReport report, String... reasons) {
        assertThat(minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5)).isEmpty();
        assertThat(report.failed())
                .filteredOn(f -> f.series() == SeriesId.BTC_USD)
                .singleElement()
                .satisfies(f ->
                        assertThat(f.errors()).anySatisfy(e -> assertThat(e).contains(reasons)));
    }

    /** CoinGecko's market data (its all-time high beside the price) answers, whatever else is down. */
    private void coinGeckoMarketDataWithAllTimeHigh(String ath) {
        providers
                .server()
                .stubFor(any(urlPathMatching("/coingecko/api/v3/coins/markets"))
                        .atPriority(1)
                        .willReturn(okJson("[{\"id\":\"bitcoin\",\"current_price\":69280.0,\"ath\":" + ath + ","
                                + "\"ath_date\":\"2025-10-06T18:57:42.558Z\","
                                + "\"last_updated\":\"2026-02-05T13:59:00.000Z\"}]")));
    }

    @Test
    void onAnEmptyStoreALoneQuoteWithNoAllTimeHighAnywhereIsRefused() {
        onlyKrakenAnswers("69290.5");

        CollectionReport report = collect();

        assertThatNoPriceIsStoredBecause(report, "no second opinion");
    }

    @Test
    void anAllTimeHighMoreThanTenTimesTheRunsPriceIsRefusedAndTheStoredHighKept() {
        stored(SeriesId.BTC_ATH_USD, FEB_4, 126_080, "coingecko");
        coinGeckoMarketDataWithAllTimeHigh("1260800.0");

        CollectionReport report = collect();

        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.BTC_ATH_USD, FEB_5)
                        .orElseThrow()
                        .value())
                .isEqualTo(126_080);
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("coingecko field ath")
                        .contains("1260800 is more than 10 times this run's btc_usd 69280.1"));
    }

    @Test
    void twoSourcesAgreeingOnACrashAreBelievedAndTheAlertFires() {
        stored(SeriesId.BTC_USD, FEB_4, 69_280.1, "coinbase", "coingecko", "kraken");
        stored(SeriesId.PRODUCTION_COST_USD, FEB_4, 50_000, "derived", "mempool");
        stored(SeriesId.PRODUCTION_COST_USD, FEB_5, 50_000, "derived", "mempool");
        onlyKrakenAnswers("6928.01");
        answer("coinbase", okJson("{\"data\":{\"amount\":\"6928.50\",\"base\":\"BTC\",\"currency\":\"USD\"}}"));

        collect();
        var evaluation = minerwatch.alertEvaluator().evaluate(new ScheduledInvocation(clock.instant(), "evaluate"));

        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.BTC_USD, FEB_5)
                        .orElseThrow()
                        .sources())
                .containsExactly("coinbase", "kraken");
        assertThat(evaluation.recorded()).anySatisfy(key -> assertThat(key).contains("price_below_production_cost"));
    }

    @Test
    void aLoneSourceWithinTheBandOfTheStoredCloseIsStoredAndTheReportSaysItIsOneSourcesWord() {
        stored(SeriesId.BTC_USD, FEB_4, 69_280.1, "coinbase", "coingecko", "kraken");
        onlyKrakenAnswers("69290.5");

        CollectionReport report = collect();

        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.BTC_USD, FEB_5)
                        .orElseThrow()
                        .sources())
                .containsExactly("kraken");
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w).contains("kraken btc_usd 69290.5 taken on one source's word"));
    }

    @Test
    void aHealthySourcesPriceIsStoredWhenAnotherAnswersWithAnUpdateTimeNoClockCanHold() {
        answer(
                "coingecko",
                okJson("{\"bitcoin\":{\"usd\":69280.0,\"last_updated_at\":1e300},"
                        + "\"ethereum\":{\"usd\":2052.0,\"last_updated_at\":-1e300}}"));

        CollectionReport report = collect();

        DailyPoint btc = minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5).orElseThrow();
        assertThat(btc.sources()).containsExactly("coinbase", "kraken");
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("coingecko field bitcoin.last_updated_at")
                        .contains("1.0E300")
                        .contains("2100"));
    }

    @Test
    void oneSourcesBadTickNeverMovesTheAllTimeHigh() {
        stored(SeriesId.BTC_USD, FEB_4, 125_000, "coinbase", "coingecko", "kraken");
        minerwatch
                .pointStore()
                .put(new DailyPoint(
                        SeriesId.BTC_ATH_USD,
                        FEB_4,
                        126_080,
                        null,
                        List.of("coingecko"),
                        Instant.parse("2026-02-04T12:00:00Z"),
                        true,
                        Map.of("athDate", "2025-10-06", "athSource", "coingecko")));
        onlyKrakenAnswers("140000.0"); // within the band of the stored close, so stored as the day's price

        collect();

        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.BTC_USD, FEB_5)
                        .orElseThrow()
                        .value())
                .isEqualTo(140_000);
        DailyPoint ath =
                minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(126_080);
        assertThat(ath.details()).containsEntry("athDate", "2025-10-06");
    }

    @Test
    void aStoredAllTimeHighFarAboveCoinGeckosOwnIsDroppedAsAnEarlierBadTick() {
        minerwatch
                .pointStore()
                .put(new DailyPoint(
                        SeriesId.BTC_ATH_USD,
                        FEB_4,
                        692_801,
                        null,
                        List.of("kraken"),
                        Instant.parse("2026-02-04T12:00:00Z"),
                        true,
                        Map.of("athDate", "2026-02-04", "athSource", "stored maximum of btc_usd")));

        CollectionReport report = collect();

        DailyPoint ath =
                minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(126_080);
        assertThat(ath.details()).containsEntry("athSource", "coingecko");
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("stored btc_ath_usd 692801")
                        .contains("coingecko ath 126080")
                        .contains("dropped"));
    }

    @Test
    void aProviderThatHangsPastTheDeadlineDoesNotStopTheRunFromStoringWhatItHas() {
        answer("kraken", okJson("{\"error\":[]}").withFixedDelay(40_000));
        long started = System.nanoTime();

        CollectionReport report = minerwatch
                .marketCollector()
                .collect(new ScheduledInvocation(clock.instant(), "exec"), Deadline.in(Duration.ofSeconds(2)));

        // Ends at the 2 s deadline plus the writes; a wide margin for a loaded machine, far from Kraken's 40 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(12));
        assertThat(minerwatch
                        .pointStore()
                        .get(SeriesId.BTC_USD, FEB_5)
                        .orElseThrow()
                        .sources())
                .containsExactly("coinbase", "coingecko");
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w).contains("kraken").contains("timed out"));
    }

    @Test
    void anOptionalKeyMissingFromSsmFailsOnlyTheSourceThatNeedsIt() {
        Minerwatch keyInSsm = new Minerwatch(
                settings.with(Map.of(
                        Settings.COINGECKO_API_KEY + "_PARAMETER",
                        "/minerwatch/" + UUID.randomUUID() + "/coingecko-api-key")),
                clock);

        CollectionReport report = keyInSsm.marketCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));

        assertThat(keyInSsm.pointStore()
                        .get(SeriesId.BTC_USD, FEB_5)
                        .orElseThrow()
                        .sources())
                .containsExactly("coinbase", "kraken");
        assertThat(report.warnings())
                .anySatisfy(w -> assertThat(w)
                        .contains("coingecko")
                        .contains("API key unavailable")
                        .contains("coingecko-api-key"));
        assertThat(report.failed()).isEmpty();
    }
}
