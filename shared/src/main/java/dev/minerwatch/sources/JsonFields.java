package dev.minerwatch.sources;

import dev.minerwatch.json.Json;
import dev.minerwatch.sources.http.SourceException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads required fields out of provider JSON (as {@link Json} reads it) and rejects what cannot be right, naming the source, the field
 * and the value. Numbers may arrive as JSON numbers or as numeric strings (Coinbase, Kraken, mempool).
 */
final class JsonFields {

    /** No provider time can be before Bitcoin's genesis block or after 2100: anything else is a unit or data fault. */
    static final Instant EARLIEST = Instant.parse("2009-01-03T00:00:00Z");

    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private JsonFields() {}

    /** The value at a dotted path, such as {@code bitcoin.usd} or {@code result.XXBTZUSD.c.0}. */
    public static Object required(String source, Object root, String path) throws SourceException {
        Object node = at(root, path);
        if (node == MISSING) {
            throw SourceException.malformed(source, path, "missing from the answer");
        }
        if (node == null) {
            throw SourceException.malformed(source, path, "is null");
        }
        return node;
    }

    /** True when the dotted path leads to a value, even a null one. */
    public static boolean has(Object root, String path) {
        return at(root, path) != MISSING;
    }

    /** The value at a dotted path; null when it is missing or null. */
    public static Object orNull(Object root, String path) {
        Object node = at(root, path);
        return node == MISSING ? null : node;
    }

    private static final Object MISSING = new Object();

    private static Object at(Object root, String path) {
        Object node = root;
        for (String name : path.split("\\.")) {
            // A numeric step indexes an array: Kraken's "c.0" is the first element of c.
            if (node instanceof List<?> list && name.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(name);
                if (index >= list.size()) {
                    return MISSING;
                }
                node = list.get(index);
            } else if (node instanceof Map<?, ?> object && object.containsKey(name)) {
                node = object.get(name);
            } else {
                return MISSING;
            }
        }
        return node;
    }

    /** The text at a dotted path; a number or a boolean reads as it is written. */
    public static String text(String source, Object root, String path) throws SourceException {
        Object node = required(source, root, path);
        if (node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node.toString();
        }
        throw SourceException.malformed(source, path, "value " + shown(node) + " is not a string");
    }

    /** A finite number at a dotted path. */
    public static double number(String source, Object root, String path) throws SourceException {
        Object node = required(source, root, path);
        double value;
        if (node instanceof Number number) {
            value = number.doubleValue();
        } else if (node instanceof String text) {
            try {
                value = Double.parseDouble(text.trim());
            } catch (NumberFormatException e) {
                throw SourceException.malformed(source, path, "value '" + text + "' is not a number");
            }
        } else {
            throw SourceException.malformed(source, path, "value " + shown(node) + " is not a number");
        }
        if (!Double.isFinite(value)) {
            throw SourceException.implausible(source, path, "value " + shown(node) + " is not a finite number");
        }
        return value;
    }

    /** A finite number within [min, max] at a dotted path; the unit only makes the message readable. */
    public static double numberWithin(String source, Object root, String path, double min, double max, String unit)
            throws SourceException {
        double value = number(source, root, path);
        if (value < min || value > max) {
            throw SourceException.implausible(
                    source,
                    path,
                    "value " + value + " is outside the plausible range " + min + ".." + max + " " + unit);
        }
        return value;
    }

    /** The array at a dotted path: an object, a string or a null where a list belongs is malformed. */
    public static List<?> array(String source, Object root, String path) throws SourceException {
        Object node = required(source, root, path);
        if (!(node instanceof List<?> list)) {
            throw SourceException.malformed(source, path, "value " + shown(node) + " is not an array");
        }
        return list;
    }

    /** The object at a dotted path: an array, a string or a null where an object belongs is malformed. */
    public static Map<?, ?> object(String source, Object root, String path) throws SourceException {
        Object node = required(source, root, path);
        if (!(node instanceof Map<?, ?> object)) {
            throw SourceException.malformed(source, path, "value " + shown(node) + " is not an object");
        }
        return object;
    }

    /** A Unix time in seconds at a dotted path, between Bitcoin's genesis and 2100. */
    public static Instant epochSeconds(String source, Object root, String path) throws SourceException {
        return instantWithin(source, path, number(source, root, path), 1, "seconds");
    }

    /** A Unix time in milliseconds at a dotted path, between Bitcoin's genesis and 2100. */
    public static Instant epochMillis(String source, Object root, String path) throws SourceException {
        return instantWithin(source, path, number(source, root, path), 1000, "milliseconds");
    }

    private static Instant instantWithin(String source, String path, double value, long perSecond, String unit)
            throws SourceException {
        if (value < EARLIEST.getEpochSecond() * (double) perSecond
                || value > LATEST.getEpochSecond() * (double) perSecond) {
            throw SourceException.implausible(
                    source,
                    path,
                    "value " + value + " is not a Unix time in " + unit + " between " + EARLIEST + " and " + LATEST);
        }
        long whole = (long) value;
        return Instant.ofEpochSecond(
                Math.floorDiv(whole, perSecond), Math.floorMod(whole, perSecond) * (1_000_000_000L / perSecond));
    }

    /** A value as a message shows it: as JSON, at most 40 characters. */
    static String shown(Object node) {
        String text = Json.write(node);
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
