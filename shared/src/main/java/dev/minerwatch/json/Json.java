package dev.minerwatch.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON reader and writer of the process: jackson-jr's simple objects. A document reads as {@code Map}
 * (in field order), {@code List}, {@code String}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code Double}, {@code Boolean} or {@code null}, and those write back. No data binding and no tree model: a
 * function's cold start pays for jackson-core's parser and little else (docs/measurements.md, JSON).
 */
public final class Json {

    /**
     * BigDecimal written plainly, so figures read -544940000 rather than -5.4494E+8; no bean introspection; a
     * null field written as null, not left out.
     */
    private static final JSON COMPACT = JSON.builder(JsonFactory.builder()
                    .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                    .build())
            .disable(JSON.Feature.HANDLE_JAVA_BEANS)
            .enable(JSON.Feature.WRITE_NULL_PROPERTIES)
            .build();

    private static final JSON PRETTY = COMPACT.with(JSON.Feature.PRETTY_PRINT_OUTPUT);

    private Json() {}

    /** A JSON text as simple objects; {@code null} for the literal {@code null}. */
    public static Object parse(String json) throws JsonProcessingException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON bytes (UTF-8) as simple objects; {@code null} for the literal {@code null}. */
    public static Object parse(byte[] json) throws JsonProcessingException {
        try {
            return COMPACT.anyFrom(json);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JSON from memory", e);
        }
    }

    /** A JSON text that must be an object. */
    public static Map<String, Object> parseObject(String json) throws JsonProcessingException {
        Object value = parse(json);
        if (value instanceof Map<?, ?> map) {
            return asObject(map);
        }
        throw new IllegalArgumentException("not a JSON object: " + shorten(json));
    }

    /** Simple objects as compact JSON. */
    public static String write(Object value) {
        try {
            return COMPACT.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot write as JSON: " + value.getClass().getName(), e);
        }
    }

    /** Simple objects as indented JSON, for people. */
    public static String writePretty(Object value) {
        try {
            return PRETTY.asString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot write as JSON: " + value.getClass().getName(), e);
        }
    }

    /** A deep copy of simple objects, which the caller may change without changing the original. */
    @SuppressWarnings("unchecked")
    public static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, field) -> copy.put((String) key, copy(field)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(element -> copy.add(copy(element)));
            return (T) copy;
        }
        return value;
    }

    /** A parsed object's map, typed: jackson-jr reads every object with string keys. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> asObject(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
