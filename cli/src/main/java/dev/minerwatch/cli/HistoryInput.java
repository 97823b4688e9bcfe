package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.DerivedHistory;
import dev.minerwatch.config.Settings;
import dev.minerwatch.csv.DailyPointsCsv;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The daily points a backtest or a report reads: a daily-points CSV, or the whole stored history. */
final class HistoryInput {

    /** The genesis block's day: no point can be older. */
    static final LocalDate GENESIS = DailyPointsCsv.GENESIS;

    private HistoryInput() {}

    /**
     * Writes the stored points (and the stored supply) from {@code from} (default: genesis) to {@code to}
     * (default: tomorrow) as the daily-points CSV, every series a column: what {@code import} reads back.
     */
    static void writeStored(Writer out, Minerwatch minerwatch, LocalDate from, LocalDate to) throws IOException {
        LocalDate first = from != null ? from : GENESIS;
        LocalDate last = to != null ? to : tomorrow(minerwatch);
        DailyPointsCsv.write(
                out,
                List.of(SeriesId.values()),
                minerwatch.pointStore().all(first, last),
                minerwatch.pointStore().supply(first, last));
    }

    /**
     * The CSV's points, with production cost and hashprice derived where the file lacks them (without fees, the
     * hashprice from the subsidy alone: a lower bound); no date after today (UTC).
     */
    static List<DailyPoint> fromCsv(Path csv, Settings settings) throws IOException {
        DailyPointsCsv.Contents contents = readCsv(csv, LocalDate.now(ZoneOffset.UTC));
        return DerivedHistory.complete(
                contents.points(), contents.supplyBtc(), ProductionCostModel.parse(settings.costModel()));
    }

    /**
     * A whole daily-points CSV, streamed and checked line by line ({@link DailyPointsCsv.FormatException} names every
     * defect): no line longer than {@link DailyPointsCsv#MAX_LINE_CHARS}, no date before genesis or after {@code today}.
     */
    static DailyPointsCsv.Contents readCsv(Path csv, LocalDate today) throws IOException {
        try (Reader in = Files.newBufferedReader(csv)) {
            return DailyPointsCsv.read(in, csv.getFileName().toString(), today);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(csv + ": no such file");
        }
    }

    /** Every point of a store, completed, and which store it is. */
    record Stored(List<DailyPoint> points, String store) {}

    /** Every stored point (the local SQLite store in {@code --data-dir} unless AWS settings point elsewhere), completed. */
    static Stored fromStore(LocalOptions options, Map<String, String> overrides) {
        try (LocalEnvironment local = options.start(overrides)) {
            return new Stored(stored(local.minerwatch()), local.storeDescription());
        }
    }

    /**
     * Every stored point, with the derived series completed where the store has none (a store filled before
     * backfill and import stored them, or a day whose price came later), from the stored supply where there is one.
     */
    static List<DailyPoint> stored(Minerwatch minerwatch) {
        LocalDate tomorrow = tomorrow(minerwatch);
        PointStore store = minerwatch.pointStore();
        List<DailyPoint> points = new ArrayList<>();
        store.all(GENESIS, tomorrow).values().forEach(points::addAll);
        return DerivedHistory.complete(
                points,
                store.supply(GENESIS, tomorrow),
                ProductionCostModel.parse(minerwatch.settings().costModel()));
    }

    /** The end of a read of everything stored: a day past today, so today's points are inside however it is cut. */
    private static LocalDate tomorrow(Minerwatch minerwatch) {
        return LocalDate.now(minerwatch.clock()).plusDays(1);
    }
}
