package dev.minerwatch.collect;

import dev.minerwatch.calendar.UsTradingCalendar;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.CoinGeckoSource;
import dev.minerwatch.sources.MempoolSource;
import dev.minerwatch.sources.SoSoValueSource;
import dev.minerwatch.sources.SourceException;
import dev.minerwatch.sources.SpotCoin;
import dev.minerwatch.store.PointStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Loads history, so that rules over 60 and 180 days work from the first day: daily hashrate and difficulty
 * (mempool.space), daily BTC and ETH prices (CoinGecko's market chart) and every published ETF flow
 * (SoSoValue). Past days are stored final. A day already stored final with the same value is skipped, so a
 * backfill is idempotent and an interrupted one resumes where it stopped; a day the collectors stored from other
 * sources (the three-source price consensus) is kept. Today's points stay the collectors'. Scheduled daily over
 * the last week, it fills the days an outage left empty.
 */
public final class Backfill {

    /** The periods mempool.space offers, in days. */
    private static final Map<Integer, String> MEMPOOL_PERIODS = new TreeMap<>(Map.of(
            30, "1m", 90, "3m", 180, "6m", 365, "1y", 730, "2y", 1095, "3y"));

    /** Progress of one series: points written so far of those it has to write. */
    public interface Progress {
        void update(SeriesId series, int written, int toWrite);
    }

    private final MempoolSource mempool;
    private final CoinGeckoSource coinGecko;
    private final SoSoValueSource soSoValue;
    private final PointStore points;
    private final Clock clock;

    public Backfill(MempoolSource mempool, CoinGeckoSource coinGecko, SoSoValueSource soSoValue, PointStore points,
                    Clock clock) {
        this.mempool = mempool;
        this.coinGecko = coinGecko;
        this.soSoValue = soSoValue;
        this.points = points;
        this.clock = clock;
    }

    /** Loads the last {@code days} days (up to 1,095, mempool.space's longest period). */
    public CollectionReport run(int days, String executionId, Progress progress) {
        if (days < 1 || days > 1095) {
            throw new IllegalArgumentException("--days " + days + " must be between 1 and 1095");
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        LocalDate first = today.minusDays(days);
        Instant now = clock.instant();
        List<CollectionReport.Stored> stored = new ArrayList<>();
        List<CollectionReport.Failed> failed = new ArrayList<>();

        String period = MEMPOOL_PERIODS.entrySet().stream().filter(e -> e.getKey() >= days).findFirst()
                .map(Map.Entry::getValue).orElse("3y");
        try {
            MempoolSource.Hashrate history = mempool.hashrate(period);
            write(SeriesId.HASHRATE_EHS, history.dailyEhs(), first, today, MempoolSource.ID, now, stored, progress);
            write(SeriesId.DIFFICULTY, dailyDifficulty(history.adjustments(), first, today), first, today,
                    MempoolSource.ID, now, stored, progress);
        } catch (SourceException e) {
            failed.add(new CollectionReport.Failed(SeriesId.HASHRATE_EHS, List.of(e.getMessage())));
            failed.add(new CollectionReport.Failed(SeriesId.DIFFICULTY, List.of(e.getMessage())));
        }
        for (SpotCoin coin : SpotCoin.values()) {
            try {
                write(coin.series(), coinGecko.dailyPrices(coin, days), first, today, CoinGeckoSource.ID, now, stored, progress);
            } catch (SourceException e) {
                failed.add(new CollectionReport.Failed(coin.series(), List.of(e.getMessage())));
            }
        }
        try {
            Map<LocalDate, Double> flows = new TreeMap<>(soSoValue.dailyNetFlowsUsd());
            flows.keySet().removeIf(day -> !UsTradingCalendar.isTradingDay(day));
            write(SeriesId.ETF_NET_FLOW_USD, flows, first, today, SoSoValueSource.ID, now, stored, progress);
        } catch (SourceException e) {
            failed.add(new CollectionReport.Failed(SeriesId.ETF_NET_FLOW_USD, List.of(e.getMessage())));
        }
        return new CollectionReport(executionId, stored, failed, List.of());
    }

    /** Each day's difficulty: the one set by the newest adjustment on or before it. */
    static Map<LocalDate, Double> dailyDifficulty(Map<LocalDate, Double> adjustments, LocalDate first, LocalDate today) {
        TreeMap<LocalDate, Double> steps = new TreeMap<>(adjustments);
        Map<LocalDate, Double> daily = new TreeMap<>();
        for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
            var step = steps.floorEntry(day);
            if (step != null) {
                daily.put(day, step.getValue());
            }
        }
        return daily;
    }

    private void write(SeriesId series, Map<LocalDate, Double> values, LocalDate first, LocalDate today, String source,
                       Instant now, List<CollectionReport.Stored> stored, Progress progress) {
        Map<LocalDate, DailyPoint> existing = points.range(series, first, today).stream()
                .collect(Collectors.toMap(DailyPoint::day, Function.identity()));
        List<DailyPoint> toWrite = new ArrayList<>();
        for (var entry : values.entrySet()) {
            LocalDate day = entry.getKey();
            if (day.isBefore(first) || !day.isBefore(today)) {
                continue;
            }
            DailyPoint point = new DailyPoint(series, day, entry.getValue(), null, List.of(source), now, true, Map.of());
            DailyPoint kept = existing.get(day);
            if (kept != null && !kept.sources().equals(point.sources())) {
                continue; // a point the collectors made from other sources (a consensus, a fallback) is kept
            }
            if (point.addsTo(kept)) {
                toWrite.add(point);
            }
        }
        progress.update(series, 0, toWrite.size());
        points.putAll(toWrite, written -> progress.update(series, written, toWrite.size()));
        toWrite.forEach(p -> stored.add(new CollectionReport.Stored(series, p.day(), p.value(), p.sources(),
                existing.containsKey(p.day()) ? PointStore.Change.UPDATED : PointStore.Change.CREATED)));
    }
}
