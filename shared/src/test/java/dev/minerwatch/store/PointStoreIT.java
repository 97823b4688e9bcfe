package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.config.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.LocalAws;
import dev.minerwatch.localaws.LocalAwsExtension;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(LocalAwsExtension.class)
class PointStoreIT {

    private DynamoDbClient dynamoDb;
    private Settings settings;
    private PointStore store;

    @BeforeEach
    void freshTable(LocalAws aws) {
        settings = TestTables.freshTable(aws, Map.of());
        dynamoDb = AwsClients.dynamoDb(settings);
        store = new PointStore(dynamoDb, settings.tableName());
    }

    private static Observation btc(double price, String time) {
        return new Observation(SeriesId.BTC_USD, price, Instant.parse(time), List.of("coingecko"));
    }

    private int storedItems(SeriesId series) {
        return dynamoDb.query(b -> b.tableName(settings.tableName()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("POINT#" + series.id())))).count();
    }

    @Test
    void recordingTheSameObservationTwiceLeavesOnePointAndWritesNothingTheSecondTime() {
        assertThat(store.record(btc(69_280, "2026-02-05T14:00:00Z"), newRun())).isEqualTo(PointStore.Change.CREATED);
        assertThat(store.record(btc(69_280, "2026-02-05T14:00:00Z"), newRun())).isEqualTo(PointStore.Change.UNCHANGED);

        assertThat(storedItems(SeriesId.BTC_USD)).isEqualTo(1);
        DailyPoint point = store.get(SeriesId.BTC_USD, LocalDate.parse("2026-02-05")).orElseThrow();
        assertThat(point.value()).isEqualTo(69_280);
        assertThat(point.sources()).containsExactly("coingecko");
        assertThat(point.asOf()).isEqualTo(Instant.parse("2026-02-05T14:00:00Z"));
        assertThat(point.isFinal()).isFalse();
    }

    @Test
    void concurrentWritersOfOneDayLoseNoObservationAndCreateNoDuplicate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<PointStore.Change>> writes = IntStream.range(0, 12)
                    .mapToObj(i -> pool.submit(() -> store.record(btc(69_000 + i * 10, "2026-02-05T14:%02d:00Z".formatted(i)), newRun())))
                    .toList();
            for (Future<PointStore.Change> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(storedItems(SeriesId.BTC_USD)).isEqualTo(1);
        DailyPoint point = store.get(SeriesId.BTC_USD, LocalDate.parse("2026-02-05")).orElseThrow();
        assertThat(point.ohlc().high()).isEqualTo(69_110);
        assertThat(point.ohlc().low()).isEqualTo(69_000);
        assertThat(point.value()).isEqualTo(69_110); // the newest observation, 14:11
    }

    @Test
    void aRangeIsOneSeriesInDateOrderAndNothingElse() {
        store.record(btc(70_000, "2026-02-03T12:00:00Z"), newRun());
        store.record(btc(71_000, "2026-02-04T12:00:00Z"), newRun());
        store.record(btc(69_280, "2026-02-05T12:00:00Z"), newRun());
        store.record(new Observation(SeriesId.ETH_USD, 2_052, Instant.parse("2026-02-04T12:00:00Z"), List.of("coingecko")), newRun());

        List<DailyPoint> points = store.range(SeriesId.BTC_USD, LocalDate.parse("2026-02-04"), LocalDate.parse("2026-02-05"));

        assertThat(points).extracting(DailyPoint::day)
                .containsExactly(LocalDate.parse("2026-02-04"), LocalDate.parse("2026-02-05"));
        assertThat(points).allMatch(p -> p.series() == SeriesId.BTC_USD);
        assertThat(store.latest(SeriesId.BTC_USD, LocalDate.parse("2026-02-10")).orElseThrow().value()).isEqualTo(69_280);
        assertThat(store.latestBefore(SeriesId.BTC_USD, LocalDate.parse("2026-02-05")).orElseThrow().value()).isEqualTo(71_000);
        assertThat(store.latest(SeriesId.BTC_USD, LocalDate.parse("2026-02-02"))).isEmpty();
    }

    @Test
    void theSupplyOfEachDayIsStoredBesideThePointsReplacedInPlaceAndReadByRange() {
        List<Integer> progress = new java.util.ArrayList<>();
        Map<LocalDate, Double> supply = new java.util.TreeMap<>();
        IntStream.range(0, 30).forEach(i -> supply.put(LocalDate.parse("2026-01-10").plusDays(i), 19_970_000.0 + 450 * i));

        store.putSupply(supply, progress::add);
        store.putSupply(Map.of(LocalDate.parse("2026-01-10"), 19_969_999.5), written -> { });

        assertThat(progress).as("BatchWriteItem takes 25 items").containsExactly(25, 30);
        assertThat(store.supply(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-12")))
                .containsExactly(Map.entry(LocalDate.parse("2026-01-10"), 19_969_999.5),
                        Map.entry(LocalDate.parse("2026-01-11"), 19_970_450.0),
                        Map.entry(LocalDate.parse("2026-01-12"), 19_970_900.0));
        assertThat(store.all(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28")).values())
                .as("the supply is not a series").allSatisfy(points -> assertThat(points).isEmpty());
    }

    @Test
    void aDayIsMarkedFinalOnce() {
        store.record(btc(70_000, "2026-02-04T12:00:00Z"), newRun());

        assertThat(store.markFinal(SeriesId.BTC_USD, LocalDate.parse("2026-02-04"))).isTrue();
        assertThat(store.markFinal(SeriesId.BTC_USD, LocalDate.parse("2026-02-04"))).isFalse();
        assertThat(store.markFinal(SeriesId.BTC_USD, LocalDate.parse("2026-01-01"))).isFalse();
        assertThat(store.get(SeriesId.BTC_USD, LocalDate.parse("2026-02-04")).orElseThrow().isFinal()).isTrue();
    }

    @Test
    void aWholePointIsStoredWithItsProvenanceAndReplacedInPlace() {
        DailyPoint cost = new DailyPoint(SeriesId.PRODUCTION_COST_USD, LocalDate.parse("2026-02-05"), 87_000, null,
                List.of("derived"), Instant.parse("2026-02-05T14:00:00Z"), true,
                Map.of("model", "drm", "version", "1", "A", "ln 0.0122698", "B", "1"));
        store.put(cost);
        store.put(cost);

        assertThat(storedItems(SeriesId.PRODUCTION_COST_USD)).isEqualTo(1);
        assertThat(store.get(SeriesId.PRODUCTION_COST_USD, LocalDate.parse("2026-02-05"))).contains(cost);
    }

    @Test
    void aRetriedRunChangesNothingItWroteBeforeEvenWithANewerQuote() {
        String run = newRun();
        store.record(btc(69_280, "2026-02-05T14:00:00Z"), run);

        assertThat(store.record(btc(69_500, "2026-02-05T14:03:00Z"), run)).isEqualTo(PointStore.Change.UNCHANGED);
        assertThat(store.get(SeriesId.BTC_USD, LocalDate.parse("2026-02-05")).orElseThrow().value()).isEqualTo(69_280);
        assertThat(store.record(btc(69_500, "2026-02-05T14:03:00Z"), newRun())).isEqualTo(PointStore.Change.UPDATED);
    }

    /** The execution id of a scheduled run of its own. */
    private static String newRun() {
        return "run-" + java.util.UUID.randomUUID();
    }
}
