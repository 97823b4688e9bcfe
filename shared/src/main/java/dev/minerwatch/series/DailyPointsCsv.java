package dev.minerwatch.series;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The daily-points CSV of PRODUCT.md: a header {@code date,} then series ids; one row per ISO date in date
 * order; an empty cell is a missing value. Numbers are written plainly (no exponent), so the file reads back
 * exactly.
 */
public final class DailyPointsCsv {

    private DailyPointsCsv() {
    }

    /** Writes the points of the given series, one column each in the given order. */
    public static void write(Writer out, List<SeriesId> columns, Map<SeriesId, List<DailyPoint>> points) throws IOException {
        SortedMap<LocalDate, Map<SeriesId, Double>> rows = new TreeMap<>();
        points.forEach((series, list) -> list.forEach(p ->
                rows.computeIfAbsent(p.day(), d -> new EnumMap<>(SeriesId.class)).put(series, p.value())));
        StringBuilder header = new StringBuilder("date");
        columns.forEach(c -> header.append(',').append(c.id()));
        out.write(header.append('\n').toString());
        for (var row : rows.entrySet()) {
            StringBuilder line = new StringBuilder(row.getKey().toString());
            for (SeriesId column : columns) {
                line.append(',');
                Double value = row.getValue().get(column);
                if (value != null) {
                    line.append(PlainNumber.of(value));
                }
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }
}
