package dev.minerwatch.sqlite;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

/** Conversions between Java values and the columns of the local database, in one place. */
final class Columns {

    private Columns() {}

    /** Jackson's streaming layer, which the columns' flat arrays and maps need and nothing more. */
    private static final JsonFactory JSON = new JsonFactory();

    /** A list of strings as a JSON array. */
    static String json(List<String> values) {
        if (values.isEmpty()) {
            return "[]";
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartArray();
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A map of strings as a JSON object, in the map's order. */
    static String json(Map<String, String> values) {
        if (values.isEmpty()) {
            return "{}";
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, String> entry : values.entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A JSON array of strings (null or {@code []}: none). */
    static List<String> strings(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        if (text == null || text.equals("[]")) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_ARRAY, column, text);
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                values.add(scalar(json, token, column, text));
            }
        } catch (IOException e) {
            throw new SQLException("column " + column + " holds no valid JSON array: " + text, e);
        }
        return values;
    }

    /** A JSON object of strings (null or <code>{}</code>: none). */
    static Map<String, String> stringMap(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        if (text == null || text.equals("{}")) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_OBJECT, column, text);
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                expect(token, JsonToken.FIELD_NAME, column, text);
                String name = json.currentName();
                values.put(name, scalar(json, json.nextToken(), column, text));
            }
        } catch (IOException e) {
            throw new SQLException("column " + column + " holds no valid JSON object: " + text, e);
        }
        return values;
    }

    /** A string, number or boolean value as text (as a user editing the file with the sqlite3 shell may leave it). */
    private static String scalar(JsonParser json, JsonToken token, String column, String text) throws IOException {
        if (token == null || !token.isScalarValue() || token == JsonToken.VALUE_NULL) {
            throw new JsonParseException(json, "column " + column + ": expected a string in " + text);
        }
        return json.getText();
    }

    private static void expect(JsonToken token, JsonToken expected, String column, String text) throws SQLException {
        if (token != expected) {
            throw new SQLException("column " + column + " holds no valid JSON "
                    + (expected == JsonToken.START_ARRAY ? "array" : "object") + ": " + text);
        }
    }

    static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** A number column that must hold one; NaN (which SQLite would store as NULL) is refused here, with its name. */
    static void setDouble(PreparedStatement statement, int index, double value, String what) throws SQLException {
        if (Double.isNaN(value)) {
            throw new IllegalArgumentException(what + " is not a number");
        }
        statement.setDouble(index, value);
    }

    static boolean bool(ResultSet row, String column) throws SQLException {
        return row.getInt(column) != 0;
    }

    static LocalDate day(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : day(text);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        String text = row.getString(column);
        return text == null ? null : instant(text);
    }

    /**
     * An ISO date as {@link LocalDate#toString()} writes it, read without the formatter (a read of years of points
     * parses thousands); anything else goes to {@link LocalDate#parse}.
     */
    static LocalDate day(String text) {
        if (text.length() == 10
                && text.charAt(4) == '-'
                && text.charAt(7) == '-'
                && digits(text, 0, 4)
                && digits(text, 5, 7)
                && digits(text, 8, 10)) {
            return LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
        }
        return LocalDate.parse(text);
    }

    /**
     * An instant as {@link Instant#toString()} writes it ({@code 2026-02-05T14:00:00Z}, with 3, 6 or 9 digits of
     * fraction when there is one), read without the formatter; anything else goes to {@link Instant#parse}.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length >= 20
                && text.charAt(10) == 'T'
                && text.charAt(13) == ':'
                && text.charAt(16) == ':'
                && text.charAt(length - 1) == 'Z'
                && digits(text, 11, 13)
                && digits(text, 14, 16)
                && digits(text, 17, 19)) {
            int fraction = length - 21; // digits between the '.' and the 'Z'
            boolean whole = length == 20;
            if (whole
                    || text.charAt(19) == '.'
                            && (fraction == 3 || fraction == 6 || fraction == 9)
                            && digits(text, 20, length - 1)) {
                int hour = number(text, 11, 13);
                int minute = number(text, 14, 16);
                int second = number(text, 17, 19);
                if (hour < 24 && minute < 60 && second < 60) {
                    LocalDate date = day(text.substring(0, 10));
                    int nanos = whole
                            ? 0
                            : number(text, 20, length - 1) * (fraction == 3 ? 1_000_000 : fraction == 6 ? 1_000 : 1);
                    return Instant.ofEpochSecond(
                            date.toEpochDay() * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
                }
            }
        }
        return Instant.parse(text);
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
