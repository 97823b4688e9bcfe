package dev.minerwatch.collect;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The market collection against recorded providers and DynamoDB on the emulator: consensus, bad sources, gaps filled later. */
@ExtendWith(LocalAwsExtension.class)
class MarketCollectorIT {

    private static final LocalDate FEB_5 = LocalDate.parse("2026-02-05");

    private RecordedProviders providers;
    private Minerwatch minerwatch;
    private Clock clock;

    @BeforeEach
    void stack(LocalAws aws) {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        Settings settings = TestTables.freshTable(aws, providers.environment());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
        minerwatch = new Minerwatch(settings, clock);
    }

    @AfterEach
    void stop() {
        providers.close();
    }

    private CollectionReport collect() {
        return minerwatch.marketCollector().collect(new ScheduledInvocation(clock.instant(), "exec"));
    }

    private void answer(String provider, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        providers.server().stubFor(any(urlPathMatching("/" + provider + "/.*")).atPriority(1).willReturn(response));
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
        assertThat(minerwatch.pointStore().get(SeriesId.ETH_USD, FEB_5).orElseThrow().value()).isEqualTo(2_052.0);
    }

    @Test
    void aFailingSourceIsReportedAndTheOthersStillStore() {
        answer("kraken", okJson("{\"error\":[\"EGeneral:Too many requests\"]}"));

        CollectionReport report = collect();

        assertThat(report.failed()).isEmpty();
        assertThat(report.stored()).filteredOn(s -> s.series() != SeriesId.BTC_ATH_USD)
                .hasSize(2).extracting(CollectionReport.Stored::sources)
                .allSatisfy(sources -> assertThat(sources).containsExactly("coinbase", "coingecko"));
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("kraken field error").contains("Too many requests"));
    }

    @Test
    void aSourceQuotingAnAbsurdButPlausiblePriceIsLeftOutOfTheConsensus() {
        answer("coinbase", okJson("{\"data\":{\"amount\":\"80000.00\",\"base\":\"BTC\",\"currency\":\"USD\"}}"));

        CollectionReport report = collect();

        DailyPoint btc = minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5).orElseThrow();
        assertThat(btc.sources()).containsExactly("coingecko", "kraken");
        assertThat(btc.value()).isEqualTo(69_280.05);
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("coinbase btc_usd 80000").contains("left out"));
    }

    @Test
    void whenEverySourceFailsNothingIsStoredAndALaterRunFillsTheGap() {
        answer("coingecko", aResponse().withStatus(500));
        // Longer than a run may wait: reported at once instead of retried.
        answer("coinbase", aResponse().withStatus(429).withHeader("Retry-After", "60"));
        answer("kraken", aResponse().withStatus(200).withBody("<html>down</html>"));

        CollectionReport failed = collect();

        assertThat(failed.stored()).isEmpty();
        assertThat(failed.failed()).extracting(CollectionReport.Failed::series)
                .containsExactly(SeriesId.BTC_USD, SeriesId.ETH_USD, SeriesId.BTC_ATH_USD);
        assertThat(failed.failed().get(0).errors()).hasSize(3)
                .anySatisfy(e -> assertThat(e).contains("coingecko").contains("HTTP 500"))
                .anySatisfy(e -> assertThat(e).contains("coinbase").contains("429").contains("retry after 60 s"))
                .anySatisfy(e -> assertThat(e).contains("kraken").contains("not JSON"));
        assertThat(minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5)).isEmpty();

        providers.server().getStubMappings().stream().filter(stub -> stub.getPriority() == 1)
                .forEach(providers.server()::removeStub);
        CollectionReport later = collect();

        assertThat(later.failed()).isEmpty();
        assertThat(minerwatch.pointStore().get(SeriesId.BTC_USD, FEB_5)).isPresent();
    }

    @Test
    void storesBitcoinsAllTimeHighWithItsDateAndSourceAndRewritesNothingOnARerun() {
        CollectionReport first = collect();
        CollectionReport second = collect();

        DailyPoint ath = minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(126_080);
        assertThat(ath.details()).containsEntry("athDate", "2025-10-06").containsEntry("athSource", "coingecko");
        assertThat(ath.sources()).containsExactly("coingecko");
        assertThat(first.stored()).anySatisfy(s -> {
            assertThat(s.series()).isEqualTo(SeriesId.BTC_ATH_USD);
            assertThat(s.change()).isEqualTo(dev.minerwatch.store.PointStore.Change.CREATED);
        });
        assertThat(second.stored()).filteredOn(s -> s.series() == SeriesId.BTC_ATH_USD)
                .singleElement().extracting(CollectionReport.Stored::change).isEqualTo(dev.minerwatch.store.PointStore.Change.UNCHANGED);
    }

    @Test
    void withoutCoinGeckosMarketsTheStoredMaximumServesAsTheAllTimeHigh() {
        minerwatch.pointStore().put(new DailyPoint(SeriesId.BTC_ATH_USD, LocalDate.parse("2026-02-04"), 126_080, null,
                java.util.List.of("coingecko"), java.time.Instant.parse("2026-02-04T12:00:00Z"), true,
                java.util.Map.of("athDate", "2025-10-06", "athSource", "coingecko")));
        providers.server().stubFor(any(urlPathMatching("/coingecko/api/v3/coins/markets")).atPriority(1)
                .willReturn(aResponse().withStatus(503)));

        CollectionReport report = collect();

        DailyPoint ath = minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(126_080);
        assertThat(ath.details()).containsEntry("athDate", "2025-10-06");
        assertThat(report.warnings()).anySatisfy(w -> assertThat(w).contains("coingecko").contains("503")
                .contains("stored maximum"));
    }

    @Test
    void aBtcPriceAboveTheReportedHighBecomesTheAllTimeHigh() {
        providers.server().stubFor(any(urlPathMatching("/coingecko/api/v3/coins/markets")).atPriority(1)
                .willReturn(okJson("[{\"id\":\"bitcoin\",\"ath\":60000.0,\"ath_date\":\"2025-10-06T18:57:42.558Z\","
                        + "\"last_updated\":\"2026-02-05T14:00:00.000Z\"}]")));

        collect();

        DailyPoint ath = minerwatch.pointStore().get(SeriesId.BTC_ATH_USD, FEB_5).orElseThrow();
        assertThat(ath.value()).isEqualTo(69_280.1);
        assertThat(ath.details()).containsEntry("athDate", "2026-02-05").containsEntry("athSource", "stored maximum of btc_usd");
    }
}
