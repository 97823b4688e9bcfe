package dev.minerwatch.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The priming's in-memory table, read through the SDK and the stores as the functions read AWS's. */
class CannedPointTableTest {

    private static final Instant AS_OF = Instant.parse("2026-02-05T14:05:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 2, 5);

    private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://canned.invalid"))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("canned", "canned")))
            .httpClient(new CannedHttpClient(
                    "application/x-amz-json-1.0",
                    new CannedPointTable("priming", Map.of(SeriesId.BTC_USD, 69_280.0), AS_OF)))
            .build();
    private final PointStore points = new DynamoDbStorage(dynamoDb, "priming", "(the canned table)").points();

    @AfterEach
    void close() {
        dynamoDb.close();
    }

    @Test
    void aSeriesItHoldsHasItsValueOnEveryDayAskedForFinalOnceTheDayIsOver() {
        List<DailyPoint> week = points.range(SeriesId.BTC_USD, TODAY.minusDays(6), TODAY);

        assertThat(week)
                .hasSize(7)
                .allSatisfy(point -> assertThat(point.value()).isEqualTo(69_280.0));
        assertThat(week.getFirst().day()).isEqualTo(TODAY.minusDays(6));
        assertThat(week.getFirst().isFinal()).isTrue();
        assertThat(week.getLast().isFinal()).isFalse();
        assertThat(points.latest(SeriesId.BTC_USD, TODAY)).map(DailyPoint::day).contains(TODAY);
        assertThat(points.days(List.of(SeriesId.BTC_USD, SeriesId.ETH_USD), TODAY.minusDays(1), TODAY))
                .extracting(DailyPoint::series, DailyPoint::day)
                .containsExactly(tuple(SeriesId.BTC_USD, TODAY.minusDays(1)), tuple(SeriesId.BTC_USD, TODAY));
    }

    @Test
    void itsPointsWereWrittenByAnEarlierRunSoThatARevisionIsWritten() {
        var stored = points.read(SeriesId.BTC_USD, TODAY);

        assertThat(stored).isPresent();
        assertThat(stored.get().writtenBy("priming")).isFalse();
        assertThat(stored.get().revision()).isEqualTo(1);
    }

    @Test
    void aSeriesItDoesNotHoldAndEveryOtherPartitionAreEmpty() {
        assertThat(points.range(SeriesId.ETH_USD, TODAY.minusDays(6), TODAY)).isEmpty();
        assertThat(points.read(SeriesId.HASHRATE_EHS, TODAY)).isEmpty();

        RuleLedger.Snapshot alerts =
                new DynamoDbStorage(dynamoDb, "priming", "for priming").ledger().load();

        assertThat(alerts.states()).isEmpty();
        assertThat(alerts.pending()).isEmpty();
        assertThat(alerts.silences()).isEmpty();
    }
}
