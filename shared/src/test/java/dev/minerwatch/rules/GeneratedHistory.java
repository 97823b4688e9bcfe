package dev.minerwatch.rules;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.calendar.UsTradingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A random history that one seed reproduces, for the properties of the rule engine: ETF flows on US sessions (round
 * figures that sit exactly on the default thresholds as often as any other, rows on closed days, missing sessions),
 * a daily hashrate that wanders and falls or jumps now and then (whole EH/s, some days missing), and the BTC price
 * against its production cost and all-time high.
 *
 * @param first the first day with data
 * @param last  the last day with data
 */
record GeneratedHistory(long seed, LocalDate first, LocalDate last, List<DailyPoint> points) {

    static final int DAYS = 45;
    /** Flows in $M that land on the default rules' levels: -500 a session, sums of -1,000, 0. */
    private static final int[] ROUND_FLOWS_M = {-600, -500, -400, -250, -200, -100, 0, 100, 250, 400};

    static GeneratedHistory of(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LocalDate first = LocalDate.parse("2024-01-02").plusDays(random.nextInt(900));
        LocalDate last = first.plusDays(DAYS - 1);
        List<DailyPoint> points = new ArrayList<>();
        double hashrate = 100;
        double price = 65_000 + random.nextInt(30_000);
        double ath = 126_000;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            boolean session = UsTradingCalendar.isTradingDay(day);
            if (session ? random.nextDouble() >= 0.1 : random.nextDouble() < 0.1) {
                points.add(point(SeriesId.ETF_NET_FLOW_USD, day, flow(random)));
            }
            hashrate *= 1 + (random.nextDouble() - 0.5) * 0.16;
            hashrate *= random.nextDouble() < 0.05 ? 0.75 : random.nextDouble() < 0.05 ? 1.25 : 1;
            hashrate = Math.min(250, Math.max(40, hashrate));
            if (random.nextDouble() >= 0.08) {
                points.add(point(SeriesId.HASHRATE_EHS, day, Math.round(hashrate)));
            }
            price = Math.round(price * (1 + (random.nextDouble() - 0.5) * 0.12));
            ath = Math.max(ath, price);
            if (random.nextDouble() >= 0.05) {
                points.add(point(SeriesId.BTC_USD, day, price));
                points.add(point(SeriesId.BTC_ATH_USD, day, ath));
                // About $32–48 per PH/s per day, crossing a $40 break-even now and then; it draws no random number.
                points.add(point(SeriesId.HASHPRICE_USD_PH_DAY, day, Math.round(price / 20) / 100.0));
            }
            if (random.nextDouble() >= 0.05) {
                points.add(point(
                        SeriesId.PRODUCTION_COST_USD,
                        day,
                        Math.round(85_000 * (1 + (random.nextDouble() - 0.5) * 0.04))));
            }
        }
        return new GeneratedHistory(seed, first, last, List.copyOf(points));
    }

    private static double flow(SplittableRandom random) {
        int millions =
                random.nextBoolean() ? ROUND_FLOWS_M[random.nextInt(ROUND_FLOWS_M.length)] : random.nextInt(1201) - 700;
        return millions * 1e6;
    }

    static DailyPoint point(SeriesId series, LocalDate day, double value) {
        return point(
                series, day, value, day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static DailyPoint point(SeriesId series, LocalDate day, double value, Instant asOf) {
        return new DailyPoint(series, day, value, null, List.of("generated"), asOf, true, Map.of());
    }

    /**
     * A provider's later word on one of the ten days before {@code today}, as it reaches the store at {@code asOf}: an
     * ETF session or a day of hashrate settled at another value, published late, or withdrawn.
     */
    static void revise(List<DailyPoint> points, SplittableRandom random, LocalDate today, Instant asOf) {
        SeriesId series = random.nextBoolean() ? SeriesId.ETF_NET_FLOW_USD : SeriesId.HASHRATE_EHS;
        LocalDate day = today.minusDays(1 + random.nextInt(10));
        points.removeIf(p -> p.series() == series && p.day().equals(day));
        if (random.nextDouble() < 0.85) {
            double value = series == SeriesId.ETF_NET_FLOW_USD ? flow(random) : 40 + random.nextInt(160);
            points.add(point(series, day, value, asOf));
        }
    }

    /** This history with every value of {@code series} times {@code factor}. */
    GeneratedHistory times(double factor, Set<SeriesId> series) {
        return new GeneratedHistory(
                seed,
                first,
                last,
                points.stream()
                        .map(p -> series.contains(p.series())
                                ? new DailyPoint(
                                        p.series(),
                                        p.day(),
                                        p.value() * factor,
                                        null,
                                        p.sources(),
                                        p.asOf(),
                                        p.isFinal(),
                                        p.details())
                                : p)
                        .toList());
    }
}
