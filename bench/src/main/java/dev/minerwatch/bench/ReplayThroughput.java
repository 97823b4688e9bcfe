package dev.minerwatch.bench;

import dev.minerwatch.collect.DerivedHistory;
import dev.minerwatch.csv.DailyPointsCsv;
import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Replay throughput of every default rule: the published history, then synthetic histories of 5 to 100 years of
 * every series (a seeded random walk, so each run replays the same data). Reports the median engine time of
 * several runs after a warm-up, and the time per replayed day, which stays flat when the cost is linear.
 *
 * <p>Run: {@code bench/replay-throughput [published-history.csv]}.
 */
public final class ReplayThroughput {

    private static final int WARMUP_RUNS = 5;
    private static final int MEASURED_RUNS = 7;

    public static void main(String[] args) throws Exception {
        RuleEngine engine = new RuleEngine(RuleSet.defaults());
        System.out.printf(
                Locale.ROOT,
                "replay throughput, %d rules (%d rule states), JDK %s, %d cores%n",
                engine.rules().rules().stream().map(r -> r.id()).distinct().count(),
                engine.rules().rules().size(),
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(
                Locale.ROOT, "%-26s %7s %7s %12s %12s%n", "history", "days", "events", "median ms", "ns per day");
        History warmup = synthetic(5);
        for (int i = 0; i < WARMUP_RUNS; i++) {
            engine.replay(warmup);
        }
        if (args.length > 0) {
            Path csv = Path.of(args[0]);
            DailyPointsCsv.Contents contents;
            try (Reader in = Files.newBufferedReader(csv)) {
                contents = DailyPointsCsv.read(in, csv.getFileName().toString());
            }
            measure(
                    engine,
                    csv.getFileName().toString(),
                    History.complete(DerivedHistory.complete(
                            contents.points(),
                            contents.supplyBtc(),
                            ProductionCostModel.DifficultyRegression.DEFAULT)));
        }
        for (int years : new int[] {5, 10, 25, 50, 100}) {
            measure(engine, "synthetic " + years + " years", synthetic(years));
        }
    }

    private static void measure(RuleEngine engine, String name, History history) {
        long[] nanos = new long[MEASURED_RUNS];
        RuleEngine.Replay result = null;
        for (int i = 0; i < MEASURED_RUNS; i++) {
            result = engine.replay(history);
            nanos[i] = result.nanos();
        }
        Arrays.sort(nanos);
        long median = nanos[MEASURED_RUNS / 2];
        long days = result.replayed().days();
        System.out.printf(
                Locale.ROOT,
                "%-26s %7d %7d %12.1f %12.0f%n",
                name,
                days,
                result.events().size(),
                median / 1e6,
                (double) median / days);
    }

    /** Every series for {@code years} years ending 2026-02-05, as daily points. */
    static History synthetic(int years) {
        Random random = new Random(42);
        LocalDate last = LocalDate.of(2026, 2, 5);
        LocalDate first = last.minusYears(years).plusDays(1);
        List<DailyPoint> points = new ArrayList<>();
        double price = 30_000;
        double ath = price;
        double hashrate = 500;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            price *= Math.exp(random.nextGaussian() * 0.03);
            ath = Math.max(ath, price);
            hashrate = Math.max(50, hashrate * Math.exp(0.0005 + random.nextGaussian() * 0.02));
            DailyPoint btcUsd = add(points, SeriesId.BTC_USD, day, price);
            add(points, SeriesId.ETH_USD, day, price / 30);
            add(points, SeriesId.BTC_ATH_USD, day, ath);
            add(points, SeriesId.HASHRATE_EHS, day, hashrate * (1 + random.nextGaussian() * 0.05));
            double difficulty = hashrate * 1.5e11;
            double fees = 0.02 + random.nextDouble() * 0.1;
            add(points, SeriesId.DIFFICULTY, day, difficulty);
            add(points, SeriesId.FEES_BTC_PER_BLOCK, day, fees);
            // Derived as the collectors derive them, at today's subsidy and supply (the schedule has no year 2001).
            add(
                    points,
                    SeriesId.PRODUCTION_COST_USD,
                    day,
                    ProductionCostModel.DifficultyRegression.DEFAULT.costUsdPerBtc(
                            new ProductionCostModel.Network(difficulty, 19_980_000, 3.125, fees)));
            points.add(DerivedPoints.hashprice(
                    day,
                    difficulty,
                    3.125,
                    new DerivedPoints.FeesInput(fees, "synthetic"),
                    btcUsd,
                    List.of("synthetic"),
                    Map.of(),
                    btcUsd.asOf(),
                    true));
            if (day.getDayOfWeek().getValue() <= 5) {
                add(points, SeriesId.ETF_NET_FLOW_USD, day, random.nextGaussian() * 300_000_000);
            }
        }
        return History.complete(points);
    }

    private static DailyPoint add(List<DailyPoint> points, SeriesId series, LocalDate day, double value) {
        DailyPoint point = new DailyPoint(
                series,
                day,
                value,
                null,
                List.of("synthetic"),
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                true,
                Map.of());
        points.add(point);
        return point;
    }
}
