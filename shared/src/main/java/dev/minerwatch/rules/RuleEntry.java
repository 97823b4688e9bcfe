package dev.minerwatch.rules;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.Rule.Escalation;
import dev.minerwatch.series.SeriesId;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of a rule file's {@code rules} array, its fields read strictly: a missing field or a value of the wrong
 * type is an error naming the rule and the field. Each rule kind's factory reads its own fields through it.
 */
final class RuleEntry {

    private final Map<String, Object> node;
    private final String id;

    RuleEntry(Map<String, Object> node) {
        this.node = node;
        this.id = RuleFile.text(node.get("id"), "?");
    }

    String id() {
        return id;
    }

    Iterable<String> fields() {
        return node.keySet();
    }

    boolean has(String field) {
        return node.containsKey(field);
    }

    Object raw(String field) {
        return node.get(field);
    }

    String text(String field) {
        Object value = node.get(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw error(field, value == null ? "is missing" : "'" + Json.write(value) + "' is not a non-empty string");
        }
        return text;
    }

    /**
     * A non-empty string of one line ({@code field}) that a subject line can carry: no control characters (SNS refuses
     * a subject with a line break), at most {@code max} characters.
     */
    String line(String field, int max) {
        String text = text(field);
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw error(
                    field,
                    "'" + Json.write(text) + "' holds a line break or another control character; a title"
                            + " is one line");
        }
        if (text.length() > max) {
            throw error(field, "is " + text.length() + " characters long, more than " + max);
        }
        return text;
    }

    double number(String field) {
        Object value = node.get(field);
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw error(field, value == null ? "is missing" : "'" + Json.write(value) + "' is not a number");
        }
        return number.doubleValue();
    }

    /** The number in {@code field}, or {@code otherwise} when the entry has no such field. */
    double number(String field, double otherwise) {
        return has(field) ? number(field) : otherwise;
    }

    int integer(String field) {
        Object value = node.get(field);
        if (!isWholeNumber(value)) {
            throw error(field, value == null ? "is missing" : "'" + Json.write(value) + "' is not a whole number");
        }
        return ((Number) value).intValue();
    }

    /** The whole number in {@code field}, or {@code otherwise} when the entry has no such field. */
    int integer(String field, int otherwise) {
        return has(field) ? integer(field) : otherwise;
    }

    boolean bool(String field, boolean otherwise) {
        Object value = node.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!(value instanceof Boolean flag)) {
            throw error(field, "'" + Json.write(value) + "' is not true or false");
        }
        return flag;
    }

    /** An object-valued field such as {@code max_age}: empty when absent. */
    Map<String, Object> object(String field) {
        Object value = node.get(field);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> object)) {
            throw error(field, "'" + Json.write(value) + "' is not an object of series to limit");
        }
        return Json.asObject(object);
    }

    /** JSON reads whole numbers as Integer, Long or BigInteger, fractions as Double. */
    static boolean isWholeNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    /** A scalar as its text (a string without quotes), anything else as JSON. */
    static String shownText(Object value) {
        return value instanceof String text ? text : Json.write(value);
    }

    /** {@code remind_every}: an ISO-8601 duration such as {@code PT12H} or {@code P1D}; null when absent. */
    Duration remindEvery() {
        Object value = node.get("remind_every");
        if (value == null) {
            return null;
        }
        try {
            return Duration.parse(shownText(value)); // RuleInfo refuses one shorter than RuleInfo.MIN_REMIND_EVERY
        } catch (DateTimeParseException e) {
            throw error("remind_every", "'" + shownText(value) + "' is not an ISO-8601 duration such as PT12H or P1D");
        }
    }

    /**
     * {@code escalate_after} (an ISO-8601 duration such as {@code PT30M}) with {@code escalate_to} (a channel's name or
     * {@code sms}): both or neither; null when neither.
     */
    Escalation escalation() {
        Object after = node.get("escalate_after");
        Object to = node.get("escalate_to");
        if (after == null && to == null) {
            return null;
        }
        if (after == null || to == null) {
            String missing = after == null ? "escalate_after" : "escalate_to";
            throw error(missing, "is missing: escalate_after and escalate_to go together");
        }
        Duration wait;
        try {
            wait = Duration.parse(shownText(after)); // Escalation refuses one shorter than Escalation.MIN_AFTER
        } catch (DateTimeParseException e) {
            throw error("escalate_after", "'" + shownText(after) + "' is not an ISO-8601 duration such as PT30M");
        }
        return new Escalation(wait, shownText(to).strip().toLowerCase(java.util.Locale.ROOT));
    }

    Severity severity() {
        String value = text("severity");
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("severity", "'" + value + "' is unknown; use critical, warning or info");
        }
    }

    Condition condition() {
        try {
            return Condition.fromId(text("condition"));
        } catch (IllegalArgumentException e) {
            throw error("condition", e.getMessage());
        }
    }

    /** The timing in {@code evaluate}, or {@code otherwise} when the entry does not say. */
    Timing timing(Timing otherwise) {
        return has("evaluate") ? Timing.fromId(text("evaluate")) : otherwise;
    }

    SeriesId series(String field) {
        return seriesId(text(field), field);
    }

    SeriesId seriesId(String value, String field) {
        try {
            return SeriesId.fromId(value);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    IllegalArgumentException error(String field, String problem) {
        return new IllegalArgumentException("rule " + id + ", field " + field + ": " + problem);
    }
}
