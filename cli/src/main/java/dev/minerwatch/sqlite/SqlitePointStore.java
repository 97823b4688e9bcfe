package dev.minerwatch.sqlite;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * The {@link PointStore} in SQLite: one row of {@code points} per series and day, keyed by both, so a range is one
 * index scan; a write conditional on the row's {@code revision} serialises concurrent writers as DynamoDB's
 * conditional put does. The supply has a table of its own, which no read of points touches.
 */
final class SqlitePointStore implements PointStore {

    /** Rows per batch of {@link #putAll} and {@link #putSupply}, and how often they report progress. */
    static final int BATCH = 500;

    private static final String COLUMNS =
            "series, day, value, open, high, low, close, sources, as_of, is_final, details, revision, written_by";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM points ";
    private static final String INSERT =
            "INSERT INTO points (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** A whole point at revision 1, or over the stored one at its revision + 1: a revision never goes back. */
    private static final String REPLACE = INSERT + """
             ON CONFLICT (series, day) DO UPDATE SET value = excluded.value, open = excluded.open,
                high = excluded.high, low = excluded.low, close = excluded.close, sources = excluded.sources,
                as_of = excluded.as_of, is_final = excluded.is_final, details = excluded.details,
                revision = points.revision + 1, written_by = excluded.written_by""";

    private final SqliteDatabase database;

    SqlitePointStore(SqliteDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Stored> read(SeriesId series, LocalDate day) {
        return database.read("reading " + series + " " + day, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SELECT + "WHERE series = ? AND day = ?")) {
                statement.setString(1, series.id());
                statement.setString(2, day.toString());
                try (ResultSet row = statement.executeQuery()) {
                    return row.next()
                            ? Optional.of(new Stored(point(row), row.getLong("revision"), row.getString("written_by")))
                            : Optional.<Stored>empty();
                }
            }
        });
    }

    @Override
    public boolean writeIfRevision(DailyPoint point, Optional<Long> expectedRevision, String executionId) {
        long revision = expectedRevision.orElse(0L) + 1;
        return database.writeIf("writing " + point.series() + " " + point.day(), connection -> {
            if (expectedRevision.isEmpty()) {
                try (PreparedStatement insert =
                        connection.prepareStatement(INSERT + " ON CONFLICT (series, day) DO NOTHING")) {
                    bind(insert, point, revision, executionId);
                    return insert.executeUpdate() == 1;
                }
            }
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE points SET value = ?, open = ?, high = ?, low = ?, close = ?, sources = ?, as_of = ?,
                        is_final = ?, details = ?, revision = ?, written_by = ?
                    WHERE series = ? AND day = ? AND revision = ?""")) {
                bindValues(update, 1, point, revision, executionId);
                update.setString(12, point.series().id());
                update.setString(13, point.day().toString());
                update.setLong(14, expectedRevision.get());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void replace(DailyPoint point, String writtenBy) {
        database.write("storing " + point.series() + " " + point.day(), connection -> {
            try (PreparedStatement replace = connection.prepareStatement(REPLACE)) {
                bind(replace, point, 1, writtenBy);
                return replace.executeUpdate();
            }
        });
    }

    /** One transaction, in batches of {@value #BATCH} rows of one prepared statement. */
    @Override
    public void putAll(List<DailyPoint> points, IntConsumer written) {
        PointStore.requireOnePointPerDay(points);
        if (points.isEmpty()) {
            return;
        }
        database.write("storing " + points.size() + " points", connection -> {
            try (PreparedStatement replace = connection.prepareStatement(REPLACE)) {
                return inBatches(replace, points, (statement, point) -> bind(statement, point, 1, null), written);
            }
        });
    }

    @Override
    public void putSupply(Map<LocalDate, Double> supplyBtc, IntConsumer written) {
        if (supplyBtc.isEmpty()) {
            return;
        }
        database.write("storing the supply of " + supplyBtc.size() + " days", connection -> {
            try (PreparedStatement replace =
                    connection.prepareStatement("INSERT OR REPLACE INTO supply (day, supply_btc) VALUES (?, ?)")) {
                return inBatches(
                        replace,
                        List.copyOf(supplyBtc.entrySet()),
                        (statement, day) -> {
                            statement.setString(1, day.getKey().toString());
                            Columns.setDouble(statement, 2, day.getValue(), "the supply of " + day.getKey());
                        },
                        written);
            }
        });
    }

    private interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private static <T> int inBatches(PreparedStatement statement, List<T> rows, Binder<T> binder, IntConsumer written)
            throws SQLException {
        int done = 0;
        for (T row : rows) {
            binder.bind(statement, row);
            statement.addBatch();
            if (++done % BATCH == 0) {
                statement.executeBatch();
                written.accept(done);
            }
        }
        if (done % BATCH != 0) {
            statement.executeBatch();
            written.accept(done);
        }
        return done;
    }

    @Override
    public SortedMap<LocalDate, Double> supply(LocalDate from, LocalDate to) {
        return database.read("reading the supply", connection -> {
            SortedMap<LocalDate, Double> supply = new TreeMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT day, supply_btc FROM supply WHERE day BETWEEN ? AND ? ORDER BY day")) {
                statement.setString(1, from.toString());
                statement.setString(2, to.toString());
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        supply.put(Columns.day(row.getString(1)), row.getDouble(2));
                    }
                }
            }
            return supply;
        });
    }

    /** Leaves the revision and writer as they are, as the DynamoDB adapter does. */
    @Override
    public boolean markFinal(SeriesId series, LocalDate day) {
        return database.writeIf("marking " + series + " " + day + " final", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE points SET is_final = 1, revision = revision + 1 WHERE series = ? AND day = ? AND is_final = 0")) {
                update.setString(1, series.id());
                update.setString(2, day.toString());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<DailyPoint> range(SeriesId series, LocalDate from, LocalDate to) {
        return database.read("reading " + series + " from " + from + " to " + to, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement(SELECT + "WHERE series = ? AND day BETWEEN ? AND ? ORDER BY day")) {
                statement.setString(1, series.id());
                statement.setString(2, from.toString());
                statement.setString(3, to.toString());
                return points(statement);
            }
        });
    }

    @Override
    public List<DailyPoint> days(Collection<SeriesId> series, LocalDate from, LocalDate to) {
        Set<SeriesId> distinct = new LinkedHashSet<>(series);
        if (distinct.isEmpty()) {
            return List.of();
        }
        String placeholders = String.join(", ", Collections.nCopies(distinct.size(), "?"));
        return database.read("reading " + distinct + " from " + from + " to " + to, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    SELECT + "WHERE series IN (" + placeholders + ") AND day BETWEEN ? AND ?")) {
                int index = 1;
                for (SeriesId id : distinct) {
                    statement.setString(index++, id.id());
                }
                statement.setString(index++, from.toString());
                statement.setString(index, to.toString());
                return points(statement);
            }
        });
    }

    @Override
    public Optional<DailyPoint> latest(SeriesId series, LocalDate day) {
        return database.read("reading the newest " + series, connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement(SELECT + "WHERE series = ? AND day <= ? ORDER BY day DESC LIMIT 1")) {
                statement.setString(1, series.id());
                statement.setString(2, day.toString());
                return points(statement).stream().findFirst();
            }
        });
    }

    private static List<DailyPoint> points(PreparedStatement statement) throws SQLException {
        List<DailyPoint> points = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                points.add(point(row));
            }
        }
        return points;
    }

    /** Binds every column of {@link #COLUMNS}, in its order. */
    private static void bind(PreparedStatement statement, DailyPoint point, long revision, String writtenBy)
            throws SQLException {
        statement.setString(1, point.series().id());
        statement.setString(2, point.day().toString());
        bindValues(statement, 3, point, revision, writtenBy);
    }

    /** Binds the columns after the key, from {@code value} to {@code written_by}, from {@code first} on. */
    private static void bindValues(
            PreparedStatement statement, int first, DailyPoint point, long revision, String writtenBy)
            throws SQLException {
        int i = first;
        statement.setDouble(i++, point.value());
        DailyPoint.Ohlc ohlc = point.ohlc();
        if (ohlc != null) {
            statement.setDouble(i++, ohlc.open());
            statement.setDouble(i++, ohlc.high());
            statement.setDouble(i++, ohlc.low());
            statement.setDouble(i++, ohlc.close());
        } else {
            for (int n = 0; n < 4; n++) {
                statement.setNull(i++, Types.REAL);
            }
        }
        statement.setString(i++, Columns.json(point.sources()));
        statement.setString(i++, point.asOf().toString());
        statement.setInt(i++, point.isFinal() ? 1 : 0);
        statement.setString(i++, Columns.json(point.details()));
        statement.setLong(i++, revision);
        Columns.setString(statement, i, writtenBy);
    }

    private static DailyPoint point(ResultSet row) throws SQLException {
        double open = row.getDouble("open");
        DailyPoint.Ohlc ohlc = row.wasNull()
                ? null
                : new DailyPoint.Ohlc(open, row.getDouble("high"), row.getDouble("low"), row.getDouble("close"));
        return new DailyPoint(
                SeriesId.fromId(row.getString("series")),
                Columns.day(row.getString("day")),
                row.getDouble("value"),
                ohlc,
                Columns.strings(row, "sources"),
                Columns.instant(row, "as_of"),
                Columns.bool(row, "is_final"),
                Columns.stringMap(row, "details"));
    }
}
