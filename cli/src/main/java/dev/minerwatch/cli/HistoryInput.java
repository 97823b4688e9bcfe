package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.derive.DerivedHistory;
import dev.minerwatch.derive.ProductionCostModel;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.DailyPointsCsv;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The daily points a backtest or a report reads: a daily-points CSV, or the whole stored history. */
final class HistoryInput {

    /** The genesis block's day: no point can be older. */
    static final LocalDate GENESIS = LocalDate.of(2009, 1, 3);

    private HistoryInput() {
    }

    /** Every stored point by series, as stored, from {@code from} (default: genesis) to {@code to} (default: tomorrow). */
    static Map<SeriesId, List<DailyPoint>> storedBySeries(Minerwatch minerwatch, LocalDate from, LocalDate to) {
        return minerwatch.pointStore().all(from != null ? from : GENESIS,
                to != null ? to : LocalDate.now(minerwatch.clock()).plusDays(1));
    }

    /** The CSV's points, with production cost (and hashprice where it can) derived when the file lacks them. */
    static List<DailyPoint> fromCsv(Path csv, Settings settings) throws IOException {
        DailyPointsCsv.Contents contents = readCsv(csv);
        return DerivedHistory.complete(contents.points(), contents.supplyBtc(), ProductionCostModel.parse(settings.costModel()));
    }

    /** A whole daily-points CSV, checked line by line ({@link DailyPointsCsv.FormatException} names every defect). */
    static DailyPointsCsv.Contents readCsv(Path csv) throws IOException {
        try (Reader in = Files.newBufferedReader(csv)) {
            return DailyPointsCsv.read(in, csv.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(csv + ": no such file");
        }
    }

    /** Every stored point (the embedded store in {@code dataDir} unless AWS settings point elsewhere), completed. */
    static List<DailyPoint> fromStore(Path dataDir, Map<String, String> overrides) {
        try (LocalEnvironment local = LocalEnvironment.start(System.getenv(), dataDir, Optional.empty(), overrides)) {
            return stored(new Minerwatch(local.settings(), local.clock()));
        }
    }

    /**
     * Every stored point, with the derived series completed where the store has none (a backfill loads
     * difficulty, not the production cost of each past day).
     */
    static List<DailyPoint> stored(Minerwatch minerwatch) {
        List<DailyPoint> points = new ArrayList<>();
        storedBySeries(minerwatch, null, null).values().forEach(points::addAll);
        return DerivedHistory.complete(points, Map.of(), ProductionCostModel.parse(minerwatch.settings().costModel()));
    }
}
