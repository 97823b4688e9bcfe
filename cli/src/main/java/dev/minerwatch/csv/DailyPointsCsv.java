package dev.minerwatch.csv;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The daily-points CSV of docs/contracts.md: a header {@code date,} then series ids (and optionally {@code supply_btc});
 * one row per ISO date; an empty cell is a missing value. Numbers are written plainly (no exponent), so the file
 * reads back exactly. Reading validates the whole file before returning anything: every defect is reported with
 * its line number.
 */
public final class DailyPointsCsv {

    /** The optional column of circulating supply, used to derive the production cost. */
    public static final String SUPPLY_COLUMN = "supply_btc";
    /** The longest line read, in characters: a row of every column takes a few hundred. */
    public static final int MAX_LINE_CHARS = 64 * 1024;
    /** The genesis block's day: no point can be older. */
    public static final LocalDate GENESIS = LocalDate.of(2009, 1, 3);

    private static final int MAX_REPORTED_PROBLEMS = 20;
    private static final double MAX_SUPPLY_BTC = 21_000_000;

    private DailyPointsCsv() {}

    /**
     * A file's points and supplies; each point is final and observed when its day ended. {@code lines} gives the line
     * of each day.
     */
    public record Contents(
            List<SeriesId> columns,
            List<DailyPoint> points,
            Map<LocalDate, Double> supplyBtc,
            Map<LocalDate, Integer> lines) {}

    /** A file with defects: each problem names its line. */
    public static final class FormatException extends IllegalArgumentException {
        private final List<String> problems;

        FormatException(String origin, List<String> problems) {
            this(origin, problems, problems.size());
        }

        /** {@code problems}: the first ones (at most {@value #MAX_REPORTED_PROBLEMS} are kept) of {@code count}. */
        FormatException(String origin, List<String> problems, int count) {
            super(origin + ": " + count + " problem" + (count == 1 ? "" : "s") + ", nothing read: "
                    + String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_REPORTED_PROBLEMS)))
                    + (count > MAX_REPORTED_PROBLEMS ? "; ..." : ""));
            this.problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_REPORTED_PROBLEMS)));
        }

        /** The first problems, in line order (at most {@value #MAX_REPORTED_PROBLEMS}). */
        public List<String> problems() {
            return problems;
        }
    }

    /** The problems of a file: the first few kept for the report, all of them counted. */
    private static final class Problems {
        private final List<String> first = new ArrayList<>();
        private int count;

        void add(String problem) {
            if (first.size() < MAX_REPORTED_PROBLEMS) {
                first.add(problem);
            }
            count++;
        }

        boolean isEmpty() {
            return count == 0;
        }
    }

    /**
     * The lines of a reader, one at a time (ends of line as {@link BufferedReader#readLine}: LF, CR LF or CR), none
     * held beyond {@value #MAX_LINE_CHARS} characters: of a longer line only the fact is kept, and the rest of it is
     * read past.
     */
    private static final class Lines {
        private final Reader in;
        private final char[] buffer = new char[8192];
        private final StringBuilder line = new StringBuilder();
        private int position;
        private int limit;
        private boolean afterCarriageReturn;
        private boolean tooLong;

        Lines(Reader in) {
            this.in = in;
        }

        /** The next line, without its end; null at the end of the input. */
        String next() throws IOException {
            line.setLength(0);
            tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    int read = in.read(buffer, 0, buffer.length);
                    if (read <= 0) {
                        position = 0;
                        limit = 0;
                        return any ? line.toString() : null;
                    }
                    position = 0;
                    limit = read;
                }
                if (afterCarriageReturn) {
                    afterCarriageReturn = false;
                    if (buffer[position] == '\n') {
                        position++;
                        continue;
                    }
                }
                int end = position;
                while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                    end++;
                }
                if (end > position) {
                    any = true;
                    int kept = Math.min(end - position, MAX_LINE_CHARS - line.length());
                    tooLong |= kept < end - position;
                    line.append(buffer, position, kept);
                }
                if (end < limit) {
                    afterCarriageReturn = buffer[end] == '\r';
                    position = end + 1;
                    return line.toString();
                }
                position = end;
            }
        }

        /** Whether the last line was longer than {@value #MAX_LINE_CHARS} characters (and so is cut). */
        boolean tooLong() {
            return tooLong;
        }
    }

    private static String tooLong(int number) {
        return "line " + number + ": longer than " + MAX_LINE_CHARS + " characters, the bound of a line";
    }

    /** {@link #read(Reader, String, LocalDate)} with today's date by the system clock, in UTC. */
    public static Contents read(Reader in, String origin) throws IOException {
        return read(in, origin, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * Reads a whole file, one line at a time: nothing is held but the parsed values and the line being read.
     * {@code origin} names it in errors and in each point's sources. Values must be finite numbers, positive except
     * for ETF flows, and within their series' plausible magnitude; dates ISO, each at most once, from the genesis
     * day 2009-01-03 to {@code today}; lines at most {@value #MAX_LINE_CHARS} characters. Every defect
     * is reported with its line, and a file with any defect yields nothing.
     */
    public static Contents read(Reader in, String origin, LocalDate today) throws IOException {
        Lines lines = new Lines(in);
        Problems problems = new Problems();
        String header = lines.next();
        if (lines.tooLong()) {
            throw new FormatException(origin, List.of(tooLong(1)));
        }
        if (header == null || header.isBlank()) {
            throw new FormatException(
                    origin, List.of("line 1: the file is empty; expected a header such as date,btc_usd"));
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
                problems.add("line 1: unknown column '" + name + "'; known: date, " + SUPPLY_COLUMN
                        + " and the series ids "
                        + Arrays.stream(SeriesId.values()).map(SeriesId::id).toList());
                columns.add(null);
            }
        }
        List<DailyPoint> points = new ArrayList<>();
        Map<LocalDate, Double> supply = new TreeMap<>();
        Set<LocalDate> dates = new HashSet<>();
        Map<LocalDate, Integer> lineOf = new HashMap<>();
        List<String> sources = List.of("csv:" + origin);
        String line;
        int number = 1;
        while ((line = lines.next()) != null) {
            number++;
            if (lines.tooLong()) {
                problems.add(tooLong(number));
                continue;
            }
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
                problems.add(
                        "line " + number + ": date '" + cells[0].strip() + "' is not an ISO date such as 2026-02-05");
                continue;
            }
            if (day.isBefore(GENESIS)) {
                problems.add(
                        "line " + number + ": date " + day + " is before " + GENESIS + ", the genesis block's day");
                continue;
            }
            if (day.isAfter(today)) {
                problems.add(
                        "line " + number + ": date " + day + " is in the future (after today, " + today + ", UTC)");
                continue;
            }
            if (!dates.add(day)) {
                problems.add("line " + number + ": date " + day + " appears twice");
                continue;
            }
            lineOf.put(day, number);
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
                boolean signed = series != null && series.signed();
                if (series == SeriesId.ETF_NET_FLOW_USD
                        && value != 0
                        && Math.abs(value) < Plausibility.MIN_NONZERO_ETF_FLOW_USD) {
                    problems.add("line " + number + ", " + column + ": " + cell + " is a net flow under $"
                            + Amounts.plain(Plausibility.MIN_NONZERO_ETF_FLOW_USD)
                            + " either way, a flow in thousands or millions (no session has netted so little)");
                    continue;
                }
                double max = i == supplyIndex
                        ? MAX_SUPPLY_BTC
                        : series == null ? Double.MAX_VALUE : Plausibility.maxMagnitude(series);
                if (!Double.isFinite(value) || (!signed && value <= 0) || Math.abs(value) > max) {
                    problems.add("line " + number + ", " + column + ": " + cell + " is out of range ("
                            + (signed ? "a number" : "a positive number") + " of at most " + Amounts.plain(max) + ")");
                    continue;
                }
                if (i == supplyIndex) {
                    supply.put(day, value);
                } else if (series != null) {
                    points.add(new DailyPoint(series, day, value, null, sources, endOfDay, true, Map.of()));
                }
            }
        }
        bySeries(points).forEach((series, days) -> {
            DailyPoint before = null;
            for (DailyPoint point : days.values()) {
                if (before != null && !Plausibility.canFollow(series, point.day(), point.value(), before)) {
                    problems.add(
                            stepProblem(point, lineOf.get(point.day()), before, "line " + lineOf.get(before.day())));
                }
                before = point;
            }
        });
        if (!problems.isEmpty()) {
            throw new FormatException(origin, problems.first, problems.count);
        }
        return new Contents(columns.stream().filter(Objects::nonNull).toList(), points, supply, Map.copyOf(lineOf));
    }

    /**
     * Holds a file's points against the stored points around them by the series' step bound, as the collectors hold
     * what they fetch: the stored point before each run of the file's days, the stored points among them, and the
     * first stored point after them (within {@link Plausibility#STEP_WINDOW_DAYS}); a file's point replaces the
     * stored one of its day.
     *
     * @throws FormatException naming the line of each point that cannot follow, or be followed by, its neighbour
     */
    public static void checkAgainst(Contents contents, String origin, PointStore store) {
        Problems problems = new Problems();
        bySeries(contents.points()).forEach((series, days) -> {
            NavigableMap<LocalDate, DailyPoint> timeline = new TreeMap<>();
            LocalDate first = days.firstKey();
            LocalDate last = days.lastKey();
            store.latestBefore(series, first).ifPresent(p -> timeline.put(p.day(), p));
            store.range(series, first, last).forEach(p -> timeline.put(p.day(), p));
            store.range(series, last.plusDays(1), last.plusDays(Plausibility.STEP_WINDOW_DAYS)).stream()
                    .findFirst()
                    .ifPresent(p -> timeline.put(p.day(), p));
            timeline.putAll(days);
            DailyPoint before = null;
            for (DailyPoint point : timeline.values()) {
                boolean fromFile = days.containsKey(point.day());
                if (before != null
                        && fromFile != days.containsKey(before.day())
                        && !Plausibility.canFollow(series, point.day(), point.value(), before)) {
                    problems.add(
                            fromFile
                                    ? stepProblem(point, contents.lines().get(point.day()), before, "stored")
                                    : "line " + contents.lines().get(before.day()) + ", " + series + ": the stored "
                                            + point.day() + " value " + Amounts.plain(point.value()) + " is "
                                            + Plausibility.ratio(point.value(), before.value()) + " this value "
                                            + Amounts.plain(before.value()) + ", " + Plausibility.bound(series));
                }
                before = point;
            }
        });
        if (!problems.isEmpty()) {
            throw new FormatException(origin, problems.first, problems.count);
        }
    }

    /** The points of each series, by day. */
    private static Map<SeriesId, NavigableMap<LocalDate, DailyPoint>> bySeries(List<DailyPoint> points) {
        Map<SeriesId, NavigableMap<LocalDate, DailyPoint>> bySeries = new EnumMap<>(SeriesId.class);
        points.forEach(
                p -> bySeries.computeIfAbsent(p.series(), s -> new TreeMap<>()).put(p.day(), p));
        return bySeries;
    }

    /** A file's point on {@code line} that cannot follow {@code before}, which is {@code where} ("line 3", "stored"). */
    private static String stepProblem(DailyPoint point, int line, DailyPoint before, String where) {
        return "line " + line + ", " + point.series() + ": value " + Amounts.plain(point.value()) + " is "
                + Plausibility.ratio(point.value(), before.value()) + " the " + before.day() + " value "
                + Amounts.plain(before.value()) + " (" + where + "), " + Plausibility.bound(point.series());
    }

    /**
     * Writes the points of the given series, one column each in the given order, and a last {@code supply_btc}
     * column when {@code supplyBtc} has any day.
     */
    public static void write(
            Writer out,
            List<SeriesId> columns,
            Map<SeriesId, List<DailyPoint>> points,
            Map<LocalDate, Double> supplyBtc)
            throws IOException {
        SortedMap<LocalDate, Map<SeriesId, Double>> rows = new TreeMap<>();
        points.forEach((series, list) ->
                list.forEach(p -> rows.computeIfAbsent(p.day(), d -> new EnumMap<>(SeriesId.class))
                        .put(series, p.value())));
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
        return value == null ? "" : Amounts.plain(value);
    }
}
