package dev.minerwatch.sources;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads required fields out of provider JSON and rejects what cannot be right, naming the source, the field
 * and the value. Numbers may arrive as JSON numbers or as numeric strings (Coinbase, Kraken, mempool).
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** The node at a dotted path, such as {@code bitcoin.usd} or {@code result.XXBTZUSD.c.0}. */
    public static JsonNode required(String source, JsonNode root, String path) throws SourceException {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            // A numeric step indexes an array: Kraken's "c.0" is the first element of c.
            node = node.isArray() && name.chars().allMatch(Character::isDigit) ? node.path(Integer.parseInt(name)) : node.path(name);
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
            throw SourceException.malformed(source, path, "value " + node + " is not a number");
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
            throw SourceException.implausible(source, path, "value " + value + " is outside the plausible range "
                    + min + ".." + max + " " + unit);
        }
        return value;
    }
}
