package dev.minerwatch.sources;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Reads required fields out of provider JSON and rejects what cannot be right, naming the source, the field
 * and the value. Numbers may arrive as JSON numbers or as numeric strings (Coinbase, Kraken, mempool).
 */
public final class JsonFields {

    /** No provider time can be before Bitcoin's genesis block or after 2100: anything else is a unit or data fault. */
    static final Instant EARLIEST = Instant.parse("2009-01-03T00:00:00Z");

    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private JsonFields() {}

    /** The node at a dotted path, such as {@code bitcoin.usd} or {@code result.XXBTZUSD.c.0}. */
    public static JsonNode required(String source, JsonNode root, String path) throws SourceException {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            // A numeric step indexes an array: Kraken's "c.0" is the first element of c.
            node = node.isArray() && name.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(name))
                    : node.path(name);
        }
        if (node.isMissingNode()) {
            throw SourceException.malformed(source, path, "missing from the answer");
        }
        if (node.isNull()) {
            throw SourceException.malformed(source, path, "is null");
        }
        return node;
    }

    /** A finite number at a dotted path. */
    public static double number(String source, JsonNode root, String path) throws SourceException {
        JsonNode node = required(source, root, path);
        double value;
        if (node.isNumber()) {
            value = node.doubleValue();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.textValue().trim());
            } catch (NumberFormatException e) {
                throw SourceException.malformed(source, path, "value '" + node.textValue() + "' is not a number");
            }
        } else {
            throw SourceException.malformed(source, path, "value " + shown(node) + " is not a number");
        }
        if (!Double.isFinite(value)) {
            throw SourceException.implausible(source, path, "value " + node + " is not a finite number");
        }
        return value;
    }

    /** A finite number within [min, max] at a dotted path; the unit only makes the message readable. */
    public static double numberWithin(String source, JsonNode root, String path, double min, double max, String unit)
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
    public static JsonNode array(String source, JsonNode root, String path) throws SourceException {
        JsonNode node = required(source, root, path);
        if (!node.isArray()) {
            throw SourceException.malformed(source, path, "value " + shown(node) + " is not an array");
        }
        return node;
    }

    /** A Unix time in seconds at a dotted path, between Bitcoin's genesis and 2100. */
    public static Instant epochSeconds(String source, JsonNode root, String path) throws SourceException {
        return instantWithin(source, path, number(source, root, path), 1, "seconds");
    }

    /** A Unix time in milliseconds at a dotted path, between Bitcoin's genesis and 2100. */
    public static Instant epochMillis(String source, JsonNode root, String path) throws SourceException {
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

    /** A node as a message shows it: at most 40 characters. */
    static String shown(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
