package dev.minerwatch.sources;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import dev.minerwatch.testkit.RecordedProviders;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mempool.space's fee history ({@code /api/v1/mining/blocks/fees/1m}, recorded in
 * events/providers/mempool/api/v1/mining/blocks/fees/1m.json: half-hour buckets from 5 January to 5 February 2026),
 * by UTC day, and what it refuses.
 */
class MempoolFeeHistoryIT {

    private static final Deadline NO_HURRY = Deadline.in(Duration.ofMinutes(10));
    private static final String PATH = "/mempool/api/v1/mining/blocks/fees/1m";

    private static RecordedProviders providers;
    private static MempoolSource mempool;

    @BeforeAll
    static void serveRecordings() {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        mempool = new MempoolSource(
                new HttpJsonClient(Duration.ofSeconds(1), Duration.ofSeconds(2)), providers.baseUrl("mempool"));
    }

    @AfterAll
    static void stop() {
        providers.close();
    }

    @BeforeEach
    void onlyTheRecordingsAnswer() {
        providers.server().getStubMappings().stream()
                .filter(stub -> stub.getPriority() == 1)
                .forEach(providers.server()::removeStub);
    }

    private static void answer(String body) {
        providers.server().stubFor(get(urlPathEqualTo(PATH)).atPriority(1).willReturn(okJson(body)));
    }

    @Test
    void theBucketsOfEachUtcDayAverageToItsFeesPerBlock() throws SourceException {
        MempoolSource.FeeHistory history = mempool.feeHistory("1m", NO_HURRY);

        assertThat(history.period()).isEqualTo("1m");
        // 4 February: 48 half hours whose swings cancel about 2,500,000 sat, the reference 0.025 BTC per block
        // (docs/domain.md).
        MempoolSource.DayFees feb4 = history.daily().get(LocalDate.parse("2026-02-04"));
        assertThat(feb4).isEqualTo(new MempoolSource.DayFees(2_500_000, 934_844, 48));
        assertThat(feb4.btcPerBlock()).isEqualTo(0.025);
        // The month runs from 5 January 14:00 to 5 February 14:05 UTC: both ends are part days.
        assertThat(history.daily().keySet())
                .hasSize(32)
                .startsWith(LocalDate.parse("2026-01-05"))
                .endsWith(LocalDate.parse("2026-02-05"));
        assertThat(history.daily().get(LocalDate.parse("2026-01-05")).buckets()).isEqualTo(20);
    }

    @Test
    void feesAsNumericStringsAreRead() throws SourceException {
        answer("[{\"avgHeight\":\"934800\",\"timestamp\":1770206400,\"avgFees\":\"2500000\"}]");

        assertThat(mempool.feeHistory("1m", NO_HURRY).daily())
                .containsEntry(LocalDate.parse("2026-02-04"), new MempoolSource.DayFees(2_500_000, 934_800, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "negative fees        | {\"avgHeight\":934800,\"timestamp\":1770206400,\"avgFees\":-1}           | 1.avgFees: value -1.0 is outside the plausible range",
                "10,000 BTC per block | {\"avgHeight\":934800,\"timestamp\":1770206400,\"avgFees\":1e12}         | 1.avgFees: value 1.0E12 is outside the plausible range 0.0..1.0E10 sat per block",
                "fees not a number    | {\"avgHeight\":934800,\"timestamp\":1770206400,\"avgFees\":\"lots\"}     | 1.avgFees: value 'lots' is not a number",
                "fees missing         | {\"avgHeight\":934800,\"timestamp\":1770206400}                          | 1.avgFees: missing from the answer",
                "time in milliseconds | {\"avgHeight\":934800,\"timestamp\":1770206400000,\"avgFees\":2500000}   | 1.timestamp: value 1.7702064E12 is not a Unix time in seconds",
                "a negative height    | {\"avgHeight\":-5,\"timestamp\":1770206400,\"avgFees\":2500000}          | 1.avgHeight: value -5.0 is outside the plausible range"
            })
    void aBucketThatCannotBeRightIsRefusedNamingTheSourceFieldAndValue(String fault, String bucket, String message) {
        // A good bucket first: the refused one is named by its index.
        answer("[{\"avgHeight\":934799,\"timestamp\":1770206000,\"avgFees\":2400000}," + bucket + "]");

        assertThatThrownBy(() -> mempool.feeHistory("1m", NO_HURRY))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("mempool field ")
                .hasMessageContaining(message);
    }

    @Test
    void anAnswerThatIsNotAListOfBucketsIsRefused() {
        answer("{\"avgFees\":2500000}");
        assertThatThrownBy(() -> mempool.feeHistory("1m", NO_HURRY))
                .hasMessage("mempool field blocks/fees/1m: value {\"avgFees\":2500000} is not an array");
        answer("[]");
        assertThatThrownBy(() -> mempool.feeHistory("1m", NO_HURRY))
                .hasMessage("mempool field blocks/fees/1m: is an empty array");
    }
}
