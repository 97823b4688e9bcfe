package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore.Change;
import dev.minerwatch.store.PointStore.Stored;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link PointStore} adapter does, whatever it stores in: a subclass per adapter supplies a fresh, empty
 * store for each test ({@link #newStorage()}) and runs these. The tests go through the port only, so they specify
 * behaviour, not layout.
 */
public abstract class PointStoreContract {

    private static final LocalDate DAY = LocalDate.parse("2026-02-05");

    private Storage storage;
    /** The store under test, fresh and empty for each test. */
    protected PointStore store;

    /** A new, empty store; {@link Storage#close()} is called after each test. */
    protected abstract Storage newStorage();

    @BeforeEach
    void openAFreshStore() {
        storage = newStorage();
        store = storage.points();
    }

    @AfterEach
    void closeTheStore() {
        if (storage != null) {
            storage.close();
        }
    }

    // Observations ----------------------------------------------------------------------------------------------

    @Test
    void recordingTheSameObservationTwiceLeavesOnePointAndWritesNothingTheSecondTime() {
        assertThat(store.record(btc(69_280, "2026-02-05T14:00:00Z"), newRun())).isEqualTo(Change.CREATED);
        assertThat(store.record(btc(69_280, "2026-02-05T14:00:00Z"), newRun())).isEqualTo(Change.UNCHANGED);

        assertThat(store.range(SeriesId.BTC_USD, DAY, DAY)).hasSize(1);
        DailyPoint point = store.get(SeriesId.BTC_USD, DAY).orElseThrow();
        assertThat(point.value()).isEqualTo(69_280);
        assertThat(point.ohlc()).isEqualTo(new DailyPoint.Ohlc(69_280, 69_280, 69_280, 69_280));
        assertThat(point.sources()).containsExactly("coingecko");
        assertThat(point.asOf()).isEqualTo(Instant.parse("2026-02-05T14:00:00Z"));
        assertThat(point.isFinal()).isFalse();
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision())
                .as("one conditional write")
                .isEqualTo(1);
    }

    @Test
    void aNewerObservationUpdatesTheDayAndAnOlderOneOnlyWidensItsRange() {
        store.record(btc(69_280, "2026-02-05T14:00:00Z"), newRun());

        assertThat(store.record(btc(69_500, "2026-02-05T14:03:00Z"), newRun())).isEqualTo(Change.UPDATED);
        assertThat(store.record(btc(69_100, "2026-02-05T13:59:00Z"), newRun())).isEqualTo(Change.UPDATED);

        DailyPoint point = store.get(SeriesId.BTC_USD, DAY).orElseThrow();
        assertThat(point.value()).as("the newest observation").isEqualTo(69_500);
        assertThat(point.ohlc()).isEqualTo(new DailyPoint.Ohlc(69_280, 69_500, 69_100, 69_500));
        assertThat(point.asOf()).isEqualTo(Instant.parse("2026-02-05T14:03:00Z"));
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision()).isEqualTo(3);
    }

    @Test
    void aRetriedRunChangesNothingItWroteBeforeEvenWithANewerQuote() {
        String run = newRun();
        store.record(btc(69_280, "2026-02-05T14:00:00Z"), run);

        assertThat(store.record(btc(69_500, "2026-02-05T14:03:00Z"), run)).isEqualTo(Change.UNCHANGED);
        Stored stored = store.read(SeriesId.BTC_USD, DAY).orElseThrow();
        assertThat(stored.point().value()).isEqualTo(69_280);
        assertThat(stored.writtenBy()).isEqualTo(run);
        assertThat(stored.revision()).isEqualTo(1);

        assertThat(store.record(btc(69_500, "2026-02-05T14:03:00Z"), newRun())).isEqualTo(Change.UPDATED);
    }

    @Test
    @Timeout(60)
    void concurrentWritersOfOneDayLoseNoObservationAndCreateNoDuplicate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Change> changes = new ArrayList<>();
        try {
            List<Future<Change>> writes = IntStream.range(0, 12)
                    .mapToObj(i -> pool.submit(
                            () -> store.record(btc(69_000 + i * 10, "2026-02-05T14:%02d:00Z".formatted(i)), newRun())))
                    .toList();
            for (Future<Change> write : writes) {
                changes.add(write.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(changes).as("one writer created the day").containsOnlyOnce(Change.CREATED);
        assertThat(store.range(SeriesId.BTC_USD, DAY, DAY)).hasSize(1);
        DailyPoint point = store.get(SeriesId.BTC_USD, DAY).orElseThrow();
        assertThat(point.ohlc().high()).isEqualTo(69_110);
        assertThat(point.ohlc().low()).isEqualTo(69_000);
        assertThat(point.value()).as("the newest observation, 14:11").isEqualTo(69_110);
        assertThat(point.ohlc().close()).isEqualTo(69_110);
        assertThat(point.ohlc().open())
                .as("the first writer's observation")
                .isIn(box(
                        IntStream.range(0, 12).mapToDouble(i -> 69_000 + i * 10).toArray()));
        assertThat(point.asOf()).isEqualTo(Instant.parse("2026-02-05T14:11:00Z"));
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision())
                .as("at most one write per observation")
                .isBetween(2L, 12L);
    }

    // Conditional writes ------------------------------------------------------------------------------------------

    @Test
    void aConditionalWriteNumbersTheRevisionsAndRecordsItsWriter() {
        assertThat(store.writeIfRevision(price(70_000), Optional.empty(), "run-a"))
                .isTrue();
        assertThat(store.read(SeriesId.BTC_USD, DAY)).contains(new Stored(price(70_000), 1, "run-a"));

        assertThat(store.writeIfRevision(price(71_000), Optional.of(1L), "run-b"))
                .isTrue();
        assertThat(store.read(SeriesId.BTC_USD, DAY)).contains(new Stored(price(71_000), 2, "run-b"));
    }

    @Test
    void aWriterWithAStaleRevisionWritesNothing() {
        store.writeIfRevision(price(70_000), Optional.empty(), "run-a");
        long read = store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision();
        assertThat(store.writeIfRevision(price(71_000), Optional.of(read), "run-b"))
                .isTrue();

        assertThat(store.writeIfRevision(price(72_000), Optional.of(read), "run-c"))
                .as("run-c read before run-b wrote")
                .isFalse();

        assertThat(store.read(SeriesId.BTC_USD, DAY)).contains(new Stored(price(71_000), read + 1, "run-b"));
    }

    @Test
    void ofTwoWritersCreatingTheSameDayOnlyTheFirstWrites() {
        assertThat(store.writeIfRevision(price(70_000), Optional.empty(), "run-a"))
                .isTrue();
        assertThat(store.writeIfRevision(price(72_000), Optional.empty(), "run-b"))
                .isFalse();

        assertThat(store.read(SeriesId.BTC_USD, DAY)).contains(new Stored(price(70_000), 1, "run-a"));
        assertThat(store.range(SeriesId.BTC_USD, DAY, DAY)).hasSize(1);
    }

    @Test
    void aConditionalWriteExpectingARevisionOfADayWithoutAPointWritesNothing() {
        assertThat(store.writeIfRevision(price(70_000), Optional.of(1L), "run-a"))
                .isFalse();

        assertThat(store.read(SeriesId.BTC_USD, DAY)).isEmpty();
    }

    // Whole points ------------------------------------------------------------------------------------------------

    @Test
    void aWholePointRoundTripsEqualWithItsDetailsAndProvenance() {
        DailyPoint cost = new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                DAY,
                87_000.25,
                null,
                List.of("derived", "mempool"),
                Instant.parse("2026-02-05T14:00:00.123456789Z"),
                true,
                Map.of("model", "drm", "version", "1", "A", "ln 0.0122698", "note", "quotes \" and ünïcödé"));
        DailyPoint price = new DailyPoint(
                SeriesId.BTC_USD,
                DAY,
                69_280.5,
                new DailyPoint.Ohlc(70_100.1, 71_000, 68_900.75, 69_280.5),
                List.of("kraken", "coinbase", "coingecko"),
                Instant.parse("2026-02-05T23:59:59Z"),
                false,
                Map.of());

        store.replace(cost, "run-a");
        store.put(price);

        assertThat(store.read(SeriesId.PRODUCTION_COST_USD, DAY).orElseThrow().point())
                .isEqualTo(cost);
        assertThat(store.read(SeriesId.PRODUCTION_COST_USD, DAY).orElseThrow().writtenBy())
                .isEqualTo("run-a");
        assertThat(store.get(SeriesId.BTC_USD, DAY)).contains(price);
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().writtenBy())
                .as("put names no writer")
                .isNull();
    }

    @Test
    void figuresRoundTripBitForBit() {
        // Within every store's range: DynamoDB's numbers span 1e-130 to 1e126, with 38 digits.
        double[] values = {
            0.1,
            0.04812345678901234,
            1e-12,
            123_456_789.123_456_78,
            141_668_107_417_558.2,
            -544_940_000,
            1.0000000000000002,
            2.2250738585072014e-100,
            1.7976931348623157e120,
            0
        };
        for (int i = 0; i < values.length; i++) {
            store.put(new DailyPoint(
                    SeriesId.HASHPRICE_USD_PH_DAY,
                    DAY.plusDays(i),
                    values[i],
                    null,
                    List.of("derived"),
                    Instant.parse("2026-02-05T00:00:00Z"),
                    false,
                    Map.of()));
        }

        assertThat(store.range(SeriesId.HASHPRICE_USD_PH_DAY, DAY, DAY.plusDays(values.length)))
                .extracting(DailyPoint::value)
                .containsExactly(box(values));
    }

    @Test
    void storingAWholePointTwiceReplacesItInPlace() {
        DailyPoint cost = cost(87_000, false);
        store.put(cost);
        store.put(cost);
        store.put(cost(88_000, false));

        assertThat(store.range(SeriesId.PRODUCTION_COST_USD, DAY, DAY)).containsExactly(cost(88_000, false));
    }

    @Test
    void storingAWholePointGivesTheDayARevisionNoWriterHoldsSoAWriterThatReadBeforeLosesEvenAfterTwoReplaces() {
        store.record(btc(69_280, "2026-02-05T14:00:00Z"), "run-a");
        long readBefore = store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision();

        store.replace(point(SeriesId.BTC_USD, DAY, 68_000), "import");
        long readBetween = store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision();
        store.putAll(List.of(point(SeriesId.BTC_USD, DAY, 68_500)), written -> {});

        assertThat(readBetween).isNotEqualTo(readBefore);
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().revision()).isNotIn(readBefore, readBetween);
        assertThat(store.writeIfRevision(price(71_000), Optional.of(readBefore), "run-b"))
                .as("a revision is never seen twice")
                .isFalse();
        assertThat(store.writeIfRevision(price(71_000), Optional.of(readBetween), "run-b"))
                .isFalse();
        assertThat(store.get(SeriesId.BTC_USD, DAY)).contains(point(SeriesId.BTC_USD, DAY, 68_500));
    }

    @Test
    void anObservationRecordedByAWriterThatReadBeforeAReplaceIsFoldedIntoTheNewPointNotLost() {
        store.record(btc(69_280, "2026-02-05T14:00:00Z"), "run-a");
        PointStore replacedWhileRecording = interleaved(
                () -> store.replace(DailyPoint.firstObservation(btc(68_000, "2026-02-05T14:30:00Z")), "another-run"));

        replacedWhileRecording.record(btc(70_100, "2026-02-05T15:00:00Z"), "run-b");

        DailyPoint stored = store.get(SeriesId.BTC_USD, DAY).orElseThrow();
        assertThat(stored.value()).isEqualTo(70_100);
        assertThat(stored.ohlc().low())
                .as("the replaced point's observation is kept")
                .isEqualTo(68_000);
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().writtenBy()).isEqualTo("run-b");
    }

    @Test
    void anUpsertThatReadBeforeTheDayWasSettledByAnotherProviderLeavesTheSettledPoint() {
        store.upsert(cost(87_000, false), newRun());
        DailyPoint settled = new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                DAY,
                86_500,
                null,
                List.of("another-model"),
                DAY.atTime(23, 59).toInstant(ZoneOffset.UTC),
                true,
                Map.of());
        PointStore settledWhileUpserting = interleaved(() -> store.replace(settled, "run-settle"));

        assertThat(settledWhileUpserting.upsert(cost(88_000, false), newRun())).isEqualTo(Change.UNCHANGED);

        assertThat(store.get(SeriesId.PRODUCTION_COST_USD, DAY)).contains(settled);
    }

    /**
     * The store under test, but the first read it answers is followed at once by {@code meanwhile}, as if another
     * writer had come in between that read and the write decided on it.
     */
    private PointStore interleaved(Runnable meanwhile) {
        PointStore real = store;
        boolean[] done = {false};
        return new PointStore() {
            @Override
            public Optional<Stored> read(SeriesId series, LocalDate day) {
                Optional<Stored> read = real.read(series, day);
                if (!done[0]) {
                    done[0] = true;
                    meanwhile.run();
                }
                return read;
            }

            @Override
            public boolean writeIfRevision(DailyPoint point, Optional<Long> expectedRevision, String executionId) {
                return real.writeIfRevision(point, expectedRevision, executionId);
            }

            @Override
            public void replace(DailyPoint point, String writtenBy) {
                real.replace(point, writtenBy);
            }

            @Override
            public void putAll(List<DailyPoint> points, IntConsumer written) {
                real.putAll(points, written);
            }

            @Override
            public void putSupply(Map<LocalDate, Double> supplyBtc, IntConsumer written) {
                real.putSupply(supplyBtc, written);
            }

            @Override
            public SortedMap<LocalDate, Double> supply(LocalDate from, LocalDate to) {
                return real.supply(from, to);
            }

            @Override
            public boolean markFinal(SeriesId series, LocalDate day) {
                return real.markFinal(series, day);
            }

            @Override
            public List<DailyPoint> range(SeriesId series, LocalDate from, LocalDate to) {
                return real.range(series, from, to);
            }

            @Override
            public List<DailyPoint> days(Collection<SeriesId> series, LocalDate from, LocalDate to) {
                return real.days(series, from, to);
            }

            @Override
            public Optional<DailyPoint> latest(SeriesId series, LocalDate onOrBefore) {
                return real.latest(series, onOrBefore);
            }
        };
    }

    @Test
    void upsertingTheSamePointTwiceIsUnchangedTheSecondTimeAndLeavesOnePoint() {
        assertThat(store.upsert(cost(87_000, false), newRun())).isEqualTo(Change.CREATED);
        assertThat(store.upsert(cost(87_000, false), newRun())).isEqualTo(Change.UNCHANGED);
        assertThat(store.upsert(cost(88_000, false), newRun())).isEqualTo(Change.UPDATED);

        assertThat(store.range(SeriesId.PRODUCTION_COST_USD, DAY, DAY)).containsExactly(cost(88_000, false));
    }

    @Test
    void aRetriedUpsertChangesNothingItsRunWroteBefore() {
        String run = newRun();
        store.upsert(cost(87_000, false), run);

        assertThat(store.upsert(cost(88_000, false), run)).isEqualTo(Change.UNCHANGED);
        assertThat(store.get(SeriesId.PRODUCTION_COST_USD, DAY)).contains(cost(87_000, false));
        assertThat(store.read(SeriesId.PRODUCTION_COST_USD, DAY).orElseThrow().writtenBy())
                .isEqualTo(run);
    }

    // Finality ----------------------------------------------------------------------------------------------------

    @Test
    void aDayIsMarkedFinalOnceAndADayWithoutAPointNever() {
        store.record(btc(70_000, "2026-02-05T12:00:00Z"), "run-a");
        DailyPoint before = store.get(SeriesId.BTC_USD, DAY).orElseThrow();

        assertThat(store.markFinal(SeriesId.BTC_USD, DAY)).isTrue();
        assertThat(store.markFinal(SeriesId.BTC_USD, DAY)).isFalse();
        assertThat(store.markFinal(SeriesId.BTC_USD, LocalDate.parse("2026-01-01")))
                .isFalse();
        assertThat(store.markFinal(SeriesId.ETH_USD, DAY))
                .as("another series' day")
                .isFalse();

        assertThat(store.get(SeriesId.BTC_USD, DAY))
                .as("only final, nothing else changed")
                .contains(before.asFinal());
        assertThat(store.get(SeriesId.BTC_USD, LocalDate.parse("2026-01-01"))).isEmpty();
    }

    @Test
    void aWriterThatReadTheDayBeforeItWasMarkedFinalLosesTheRaceAndFinalityStays() {
        store.record(btc(70_000, "2026-02-05T12:00:00Z"), "run-a");
        PointStore.Stored read = store.read(SeriesId.BTC_USD, DAY).orElseThrow();

        store.markFinal(SeriesId.BTC_USD, DAY);

        assertThat(store.writeIfRevision(read.point(), Optional.of(read.revision()), "run-b"))
                .isFalse();
        assertThat(store.get(SeriesId.BTC_USD, DAY).orElseThrow().isFinal()).isTrue();
    }

    @Test
    void upsertingAFinalDayAgainWithTheSameValueIsUnchanged() {
        DailyPoint stored = cost(87_000, true);
        store.put(stored);
        DailyPoint sameValueOtherProvenance = new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                DAY,
                87_000,
                null,
                List.of("recomputed"),
                Instant.parse("2026-02-07T00:00:00Z"),
                true,
                Map.of("model", "other"));

        assertThat(store.upsert(sameValueOtherProvenance, newRun())).isEqualTo(Change.UNCHANGED);
        assertThat(store.get(SeriesId.PRODUCTION_COST_USD, DAY)).contains(stored);

        assertThat(store.upsert(cost(86_500, true), newRun()))
                .as("a corrected value")
                .isEqualTo(Change.UPDATED);
        assertThat(store.get(SeriesId.PRODUCTION_COST_USD, DAY)).contains(cost(86_500, true));
    }

    // Reads -------------------------------------------------------------------------------------------------------

    @Test
    void aRangeAcrossYearsIsExactlyThatRangeOfOneSeriesInDateOrder() {
        List<DailyPoint> points = new ArrayList<>();
        for (LocalDate day = LocalDate.parse("2019-12-30");
                !day.isAfter(LocalDate.parse("2021-01-02"));
                day = day.plusDays(1)) {
            points.add(point(SeriesId.BTC_USD, day, 7_000 + day.getDayOfYear()));
            points.add(point(SeriesId.ETH_USD, day, 130 + day.getDayOfYear()));
        }
        Collections.shuffle(points, new Random(42));
        store.putAll(points, written -> {});

        List<DailyPoint> year =
                store.range(SeriesId.BTC_USD, LocalDate.parse("2020-01-01"), LocalDate.parse("2020-12-31"));

        assertThat(year).hasSize(366).allMatch(p -> p.series() == SeriesId.BTC_USD);
        assertThat(year)
                .extracting(DailyPoint::day)
                .isSorted()
                .startsWith(LocalDate.parse("2020-01-01"))
                .endsWith(LocalDate.parse("2020-12-31"));
        assertThat(year.get(59)).isEqualTo(point(SeriesId.BTC_USD, LocalDate.parse("2020-02-29"), 7_060));
        assertThat(store.range(SeriesId.BTC_USD, LocalDate.parse("2021-01-03"), LocalDate.parse("2021-12-31")))
                .isEmpty();
    }

    @Test
    void daysReadsSeveralSeriesOverAFewDays() {
        LocalDate first = LocalDate.parse("2026-02-03");
        for (int i = 0; i < 4; i++) {
            for (SeriesId series : List.of(SeriesId.BTC_USD, SeriesId.ETH_USD, SeriesId.HASHRATE_EHS)) {
                store.put(point(series, first.plusDays(i), 100 * series.ordinal() + i));
            }
        }

        List<DailyPoint> days =
                store.days(EnumSet.of(SeriesId.BTC_USD, SeriesId.ETH_USD), first.plusDays(1), first.plusDays(2));

        assertThat(days)
                .containsExactlyInAnyOrder(
                        point(SeriesId.BTC_USD, first.plusDays(1), 1), point(SeriesId.BTC_USD, first.plusDays(2), 2),
                        point(SeriesId.ETH_USD, first.plusDays(1), 101),
                                point(SeriesId.ETH_USD, first.plusDays(2), 102));
        assertThat(store.days(List.of(SeriesId.DIFFICULTY), first, first.plusDays(3)))
                .isEmpty();
        assertThat(store.days(List.of(), first, first.plusDays(3))).isEmpty();
    }

    @Test
    void theLatestPointIsTheNewestOnOrBeforeADayAndLatestBeforeIsStrictlyBefore() {
        store.record(btc(70_000, "2026-02-03T12:00:00Z"), newRun());
        store.record(btc(71_000, "2026-02-04T12:00:00Z"), newRun());
        store.record(btc(69_280, "2026-02-05T12:00:00Z"), newRun());
        store.record(
                new Observation(SeriesId.ETH_USD, 2_052, Instant.parse("2026-02-06T12:00:00Z"), List.of("coingecko")),
                newRun());

        assertThat(store.latest(SeriesId.BTC_USD, LocalDate.parse("2026-02-10"))
                        .orElseThrow()
                        .value())
                .isEqualTo(69_280);
        assertThat(store.latest(SeriesId.BTC_USD, DAY).orElseThrow().value()).isEqualTo(69_280);
        assertThat(store.latest(SeriesId.BTC_USD, LocalDate.parse("2026-02-04"))
                        .orElseThrow()
                        .value())
                .isEqualTo(71_000);
        assertThat(store.latestBefore(SeriesId.BTC_USD, DAY).orElseThrow().value())
                .isEqualTo(71_000);
        assertThat(store.latestBefore(SeriesId.BTC_USD, LocalDate.parse("2026-02-03")))
                .isEmpty();
        assertThat(store.latest(SeriesId.BTC_USD, LocalDate.parse("2026-02-02")))
                .isEmpty();
        assertThat(store.latest(SeriesId.HASHRATE_EHS, LocalDate.parse("2026-02-10")))
                .isEmpty();
    }

    @Test
    void allOverARangeGivesEverySeriesEachInDateOrder() {
        store.put(point(SeriesId.BTC_USD, DAY, 69_280));
        store.put(point(SeriesId.BTC_USD, DAY.minusDays(1), 71_000));
        store.put(point(SeriesId.BTC_USD, DAY.minusDays(30), 90_000));
        store.put(point(SeriesId.DIFFICULTY, DAY, 141_668_107_417_558.2));

        Map<SeriesId, List<DailyPoint>> all = store.all(DAY.minusDays(7), DAY);

        assertThat(all).containsOnlyKeys(SeriesId.values());
        assertThat(all.get(SeriesId.BTC_USD))
                .containsExactly(
                        point(SeriesId.BTC_USD, DAY.minusDays(1), 71_000), point(SeriesId.BTC_USD, DAY, 69_280));
        assertThat(all.get(SeriesId.DIFFICULTY))
                .containsExactly(point(SeriesId.DIFFICULTY, DAY, 141_668_107_417_558.2));
        assertThat(all.get(SeriesId.ETH_USD)).isEmpty();
    }

    // Bulk writes -------------------------------------------------------------------------------------------------

    @Test
    void storingMorePointsThanOneTransactionHoldsReportsProgressEndingAtTheirCountAndEveryOneIsReadable() {
        List<DailyPoint> points = IntStream.range(0, 230)
                .mapToObj(i -> point(
                        SeriesId.HASHRATE_EHS, LocalDate.parse("2025-10-01").plusDays(i), 800 + i * 0.5))
                .toList();
        List<Integer> progress = new ArrayList<>();

        store.putAll(points, progress::add);

        assertThat(progress).isNotEmpty().isSorted().allMatch(n -> n > 0 && n <= 230);
        assertThat(progress.get(progress.size() - 1)).isEqualTo(230);
        assertThat(store.range(SeriesId.HASHRATE_EHS, LocalDate.parse("2025-01-01"), LocalDate.parse("2026-12-31")))
                .containsExactlyElementsOf(points);
    }

    @Test
    void twoPointsOfOneDayInOneWriteAreRefusedAndNothingIsWritten() {
        List<DailyPoint> points = List.of(
                point(SeriesId.BTC_USD, DAY.minusDays(1), 67_000),
                point(SeriesId.BTC_USD, DAY, 68_000),
                point(SeriesId.BTC_USD, DAY, 68_500));

        assertThatThrownBy(() -> store.putAll(points, written -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two points of btc_usd on 2026-02-05 in one write");

        assertThat(store.range(SeriesId.BTC_USD, DAY.minusDays(1), DAY)).isEmpty();
    }

    @Test
    void storingManyPointsReplacesWhatIsStoredForTheirDays() {
        store.record(btc(69_280, "2026-02-05T14:00:00Z"), "run-a");
        DailyPoint imported = point(SeriesId.BTC_USD, DAY, 68_000);

        store.putAll(List.of(imported, point(SeriesId.BTC_USD, DAY.plusDays(1), 68_500)), written -> {});

        assertThat(store.get(SeriesId.BTC_USD, DAY)).contains(imported);
        assertThat(store.read(SeriesId.BTC_USD, DAY).orElseThrow().writtenBy()).isNull();
        assertThat(store.range(SeriesId.BTC_USD, DAY, DAY.plusDays(1))).hasSize(2);
    }

    @Test
    void theSupplyOfEachDayIsStoredReplacedInPlaceAndReadByRangeButIsNoSeries() {
        List<Integer> progress = new ArrayList<>();
        Map<LocalDate, Double> supply = new TreeMap<>();
        IntStream.range(0, 30)
                .forEach(i -> supply.put(LocalDate.parse("2026-01-10").plusDays(i), 19_970_000.0 + 450.25 * i));

        store.putSupply(supply, progress::add);
        store.putSupply(Map.of(LocalDate.parse("2026-01-10"), 19_969_999.5), written -> {});

        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(30);
        assertThat(store.supply(LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-12")))
                .containsExactly(
                        Map.entry(LocalDate.parse("2026-01-10"), 19_969_999.5),
                        Map.entry(LocalDate.parse("2026-01-11"), 19_970_450.25),
                        Map.entry(LocalDate.parse("2026-01-12"), 19_970_900.5));
        assertThat(store.supply(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")))
                .hasSize(30);
        assertThat(store.supply(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31")))
                .isEmpty();
        assertThat(store.all(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-02-28"))
                        .values())
                .as("the supply is not a series")
                .allSatisfy(points -> assertThat(points).isEmpty());
        assertThat(store.days(
                        EnumSet.allOf(SeriesId.class), LocalDate.parse("2026-01-10"), LocalDate.parse("2026-01-12")))
                .isEmpty();
    }

    // Fixtures ----------------------------------------------------------------------------------------------------

    /** The execution id of a scheduled run of its own. */
    protected static String newRun() {
        return "run-" + UUID.randomUUID();
    }

    protected static Observation btc(double price, String time) {
        return new Observation(SeriesId.BTC_USD, price, Instant.parse(time), List.of("coingecko"));
    }

    private static DailyPoint price(double value) {
        return DailyPoint.firstObservation(btc(value, "2026-02-05T14:00:00Z"));
    }

    private static DailyPoint cost(double value, boolean isFinal) {
        return new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                DAY,
                value,
                null,
                List.of("derived"),
                Instant.parse("2026-02-05T14:00:00Z"),
                isFinal,
                Map.of("model", "drm", "version", "1"));
    }

    protected static DailyPoint point(SeriesId series, LocalDate day, double value) {
        return new DailyPoint(
                series,
                day,
                value,
                null,
                List.of("import"),
                day.atTime(23, 59).toInstant(ZoneOffset.UTC),
                true,
                Map.of());
    }

    private static Double[] box(double[] values) {
        return Arrays.stream(values).boxed().toArray(Double[]::new);
    }
}
