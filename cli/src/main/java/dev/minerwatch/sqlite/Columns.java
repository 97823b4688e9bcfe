package dev.minerwatch.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.json.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between Java values and the columns of the local database, in one place. Trees only for JSON. */
final class Columns {

    private Columns() {
    }

    /** A list of strings as a JSON array. */
    static String json(List<String> values) {
        ArrayNode array = Json.mapper().createArrayNode();
        values.forEach(array::add);
        return Json.write(array);
    }

    /** A map of strings as a JSON object, in the map's order. */
    static String json(Map<String, String> values) {
        ObjectNode object = Json.mapper().createObjectNode();
        values.forEach(object::put);
        return Json.write(object);
    }

    static List<String> strings(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        if (text == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : parse(text, column)) {
            values.add(value.asText());
        }
        return values;
    }

    static Map<String, String> stringMap(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        if (text == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : parse(text, column).properties()) {
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    private static JsonNode parse(String text, String column) throws SQLException {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("column " + column + " holds no valid JSON: " + text, e);
        }
    }

    static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** A double that may be absent: NaN is stored as NULL. */
    static void setNullableDouble(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            statement.setNull(index, Types.REAL);
        } else {
            statement.setDouble(index, value);
        }
    }

    /** A number column that must hold one; NaN (which SQLite would store as NULL) is refused here, with its name. */
    static void setDouble(PreparedStatement statement, int index, double value, String what) throws SQLException {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " is not a number");
        }
        statement.setDouble(index, value);
    }

    static double doubleOrNaN(ResultSet row, String column) throws SQLException {
        double value = row.getDouble(column);
        return row.wasNull() ? Double.NaN : value;
    }

    static boolean bool(ResultSet row, String column) throws SQLException {
        return row.getInt(column) != 0;
    }

    static LocalDate day(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : LocalDate.parse(text);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : Instant.parse(text);
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
