package dev.minerwatch.series;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The daily-points CSV of PRODUCT.md: a header {@code date,} then series ids (and optionally {@code supply_btc});
 * one row per ISO date; an empty cell is a missing value. Numbers are written plainly (no exponent), so the file
 * reads back exactly. Reading validates the whole file before returning anything: every defect is reported with
 * its line number.
 */
public final class DailyPointsCsv {

    /** The optional column of circulating supply, used to derive the production cost. */
    public static final String SUPPLY_COLUMN = "supply_btc";
    private static final int MAX_REPORTED_PROBLEMS = 20;
    /**
     * The largest magnitude a value can have, whenever in Bitcoin's history it was observed: far above any figure
     * seen so far, far below a slip of a thousandfold (a price in cents, a hashrate in TH/s).
     */
    private static final Map<SeriesId, Double> MAX_MAGNITUDE = Map.of(
            SeriesId.BTC_USD, 10_000_000.0, SeriesId.ETH_USD, 1_000_000.0, SeriesId.BTC_ATH_USD, 10_000_000.0,
            SeriesId.HASHRATE_EHS, 1_000_000.0, SeriesId.DIFFICULTY, 1e17, SeriesId.FEES_BTC_PER_BLOCK, 100.0,
            SeriesId.HASHPRICE_USD_PH_DAY, 10_000_000.0, SeriesId.PRODUCTION_COST_USD, 10_000_000.0,
            SeriesId.ETF_NET_FLOW_USD, 100e9);
    private static final double MAX_SUPPLY_BTC = 21_000_000;

    private DailyPointsCsv() {
    }

    /** A file's points and supplies; each point is final and observed when its day ended. */
    public record Contents(List<SeriesId> columns, List<DailyPoint> points, Map<LocalDate, Double> supplyBtc) {
    }

    /** A file with defects: each problem names its line. */
    public static final class FormatException extends IllegalArgumentException {
        private final List<String> problems;

        FormatException(String origin, List<String> problems) {
            super(origin + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ", nothing read: "
                    + String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_REPORTED_PROBLEMS)))
                    + (problems.size() > MAX_REPORTED_PROBLEMS ? "; ..." : ""));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /**
     * Reads a whole file. {@code origin} names it in errors and in each point's sources. Values must be finite
     * numbers, positive except for ETF flows, and within their series' plausible magnitude; dates ISO and each at
     * most once. Every defect is reported with its line, and a file with any defect yields nothing.
     */
    public static Contents read(Reader in, String origin) throws IOException {
        BufferedReader lines = new BufferedReader(in);
        List<String> problems = new ArrayList<>();
        String header = lines.readLine();
        if (header == null || header.isBlank()) {
            throw new FormatException(origin, List.of("line 1: the file is empty; expected a header such as date,btc_usd"));
        }
        String[] names = header.strip().replace("\uFEFF", "").split(",", -1);
        List<SeriesId> columns = new ArrayList<>();
        int supplyIndex = -1;
        if (!names[0].strip().equals("date")) {
            problems.add("line 1: the first column must be 'date', not '" + names[0].strip() + "'");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < names.length; i++) {
            String name = names[i].strip();
            if (!seen.add(name)) {
                problems.add("line 1: column '" + name + "' appears twice");
            }
            if (name.equals(SUPPLY_COLUMN)) {
                supplyIndex = i;
                columns.add(null);
                continue;
            }
            try {
                columns.add(SeriesId.fromId(name));
            } catch (IllegalArgumentException e) {
                problems.add("line 1: unknown column '" + name + "'; known: date, " + SUPPLY_COLUMN + " and the series ids "
                        + Arrays.stream(SeriesId.values()).map(SeriesId::id).toList());
                columns.add(null);
            }
        }
        List<DailyPoint> points = new ArrayList<>();
        Map<LocalDate, Double> supply = new TreeMap<>();
        Set<LocalDate> dates = new HashSet<>();
        List<String> sources = List.of("csv:" + origin);
        String line;
        int number = 1;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != names.length) {
                problems.add("line " + number + ": " + cells.length + " cells, the header has " + names.length);
                continue;
            }
            LocalDate day;
            try {
                day = LocalDate.parse(cells[0].strip());
            } catch (DateTimeParseException e) {
                problems.add("line " + number + ": date '" + cells[0].strip() + "' is not an ISO date such as 2026-02-05");
                continue;
            }
            if (!dates.add(day)) {
                problems.add("line " + number + ": date " + day + " appears twice");
                continue;
            }
            Instant endOfDay = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (int i = 1; i < cells.length; i++) {
                String cell = cells[i].strip();
                if (cell.isEmpty()) {
                    continue;
                }
                SeriesId series = columns.get(i - 1);
                String column = names[i].strip();
                double value;
                try {
                    value = Double.parseDouble(cell);
                } catch (NumberFormatException e) {
                    problems.add("line " + number + ", " + column + ": '" + cell + "' is not a number");
                    continue;
                }
                boolean signed = series == SeriesId.ETF_NET_FLOW_USD;
                double max = i == supplyIndex ? MAX_SUPPLY_BTC : series == null ? Double.MAX_VALUE : MAX_MAGNITUDE.get(series);
                if (!Double.isFinite(value) || (!signed && value <= 0) || Math.abs(value) > max) {
                    problems.add("line " + number + ", " + column + ": " + cell + " is out of range (" + (signed
                            ? "a number" : "a positive number") + " of at most " + PlainNumber.of(max) + ")");
                    continue;
                }
                if (i == supplyIndex) {
                    supply.put(day, value);
                } else if (series != null) {
                    points.add(new DailyPoint(series, day, value, null, sources, endOfDay, true, Map.of()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new FormatException(origin, problems);
        }
        return new Contents(columns.stream().filter(Objects::nonNull).toList(), points, supply);
    }

    /**
     * Writes the points of the given series, one column each in the given order, and a last {@code supply_btc}
     * column when {@code supplyBtc} has any day.
     */
    public static void write(Writer out, List<SeriesId> columns, Map<SeriesId, List<DailyPoint>> points,
                             Map<LocalDate, Double> supplyBtc) throws IOException {
        SortedMap<LocalDate, Map<SeriesId, Double>> rows = new TreeMap<>();
        points.forEach((series, list) -> list.forEach(p ->
                rows.computeIfAbsent(p.day(), d -> new EnumMap<>(SeriesId.class)).put(series, p.value())));
        supplyBtc.keySet().forEach(day -> rows.computeIfAbsent(day, d -> new EnumMap<>(SeriesId.class)));
        boolean withSupply = !supplyBtc.isEmpty();
        StringBuilder header = new StringBuilder("date");
        columns.forEach(c -> header.append(',').append(c.id()));
        if (withSupply) {
            header.append(',').append(SUPPLY_COLUMN);
        }
        out.write(header.append('\n').toString());
        for (var row : rows.entrySet()) {
            StringBuilder line = new StringBuilder(row.getKey().toString());
            for (SeriesId column : columns) {
                line.append(',').append(plain(row.getValue().get(column)));
            }
            if (withSupply) {
                line.append(',').append(plain(supplyBtc.get(row.getKey())));
            }
            out.write(line.append('\n').toString());
        }
        out.flush();
    }

    /** A cell: the number written plainly, or nothing for a missing value. */
    private static String plain(Double value) {
        return value == null ? "" : PlainNumber.of(value);
    }
}
