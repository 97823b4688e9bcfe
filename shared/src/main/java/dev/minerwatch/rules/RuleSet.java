package dev.minerwatch.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules in force: the versioned default rule file shipped with the code, with the operator's overrides
 * merged in. Adding a rule of an existing kind, or changing a threshold, is a change to a file, not to code.
 *
 * <p>An override file has the shape of the default file. An entry whose id is a default rule replaces the fields
 * it names (object fields such as {@code max_age} one key at a time); {@code "enabled": false} removes the rule;
 * any other entry is a new rule and must be complete.
 *
 * @param document the effective rule file, as JSON (simple objects: {@link Json})
 */
public record RuleSet(String version, List<Rule> rules, Map<String, Object> document) {

    static final String DEFAULT_RESOURCE = "/dev/minerwatch/rules/default-rules.json";

    public RuleSet {
        Objects.requireNonNull(version, "version");
        rules = List.copyOf(rules);
    }

    /** These rules restricted to the given ids (all of a per-series rule's instances); an unknown id is an error. */
    public RuleSet only(Collection<String> ids) {
        Set<String> known = new HashSet<>();
        rules.forEach(r -> known.add(r.id()));
        for (String id : ids) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("no rule '" + id + "'; rules: " + new TreeSet<>(known));
            }
        }
        return new RuleSet(
                version, rules.stream().filter(r -> ids.contains(r.id())).toList(), document);
    }

    /** The default rule set (docs/rules.md). */
    public static RuleSet defaults() {
        return parse(defaultDocument());
    }

    /** The default rule file, as a fresh copy the caller may change. */
    public static Map<String, Object> defaultDocument() {
        try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return Json.parseObject(
                    new String(Objects.requireNonNull(in, DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default rules " + DEFAULT_RESOURCE, e);
        }
    }

    private static Object readJson(String json, String origin) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rules override " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
    }

    /** {@code document} with an override file (JSON text) from {@code origin} merged in. */
    public static Map<String, Object> withOverride(Map<String, Object> document, String overrideJson, String origin) {
        return merge(document, readJson(overrideJson, origin), origin);
    }

    /** The default rules with an override file (JSON text) merged in. */
    public static RuleSet withOverrides(String overrideJson, String origin) {
        return parse(merge(defaultDocument(), readJson(overrideJson, origin), origin));
    }

    /** The default rules with a number in place of each threshold that reads {@code series}. */
    public static Map<String, Object> withFixedThreshold(
            Map<String, Object> document, SeriesId series, double value, String origin) {
        Map<String, Object> copy = Json.copy(document);
        for (Map<String, Object> rule : entries(copy, "rule file")) {
            if (rule.get("threshold") instanceof Map<?, ?> threshold
                    && series.id().equals(threshold.get("series"))) {
                rule.put("threshold", value);
            }
        }
        copy.put("version", text(copy.get("version"), "") + "+" + origin);
        return copy;
    }

    static Map<String, Object> merge(Map<String, Object> defaults, Object override, String origin) {
        if (!(override instanceof Map<?, ?> file) || !(file.get("rules") instanceof List<?>)) {
            throw new IllegalArgumentException(
                    "rules override " + origin + " must be an object with a \"rules\" array");
        }
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> rule : entries(defaults, "rule file")) {
            byId.put(text(rule.get("id"), ""), rule);
        }
        for (Map<String, Object> entry : entries(Json.asObject(file), "rules override " + origin)) {
            String id = text(entry.get("id"), "");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("rules override " + origin + ": every entry needs an \"id\"");
            }
            if (Boolean.FALSE.equals(entry.get("enabled"))) {
                byId.remove(id);
                continue;
            }
            Map<String, Object> base = byId.get(id);
            if (base == null) {
                byId.put(id, Json.copy(entry));
                continue;
            }
            Map<String, Object> merged = Json.copy(base);
            for (Map.Entry<String, Object> field : entry.entrySet()) {
                if (merged.get(field.getKey()) instanceof Map<?, ?> current
                        && field.getValue() instanceof Map<?, ?> changes
                        && !field.getKey().equals("threshold")) {
                    Json.asObject(current).putAll(Json.asObject(Json.copy(changes)));
                } else {
                    merged.put(field.getKey(), Json.copy(field.getValue()));
                }
            }
            byId.put(id, merged);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", text(defaults.get("version"), "") + "+" + text(file.get("version"), origin));
        result.put("rules", new ArrayList<Object>(byId.values()));
        return result;
    }

    /** The entries of a rule file's {@code rules} array (none when it has none); each must be an object. */
    private static List<Map<String, Object>> entries(Map<String, Object> document, String origin) {
        Object rules = document.get("rules");
        if (rules == null) {
            return List.of();
        }
        if (!(rules instanceof List<?> list)) {
            throw new IllegalArgumentException(origin + ": \"rules\" must be an array, not " + Json.write(rules));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> object)) {
                throw new IllegalArgumentException(
                        origin + ": every entry of \"rules\" must be an object, not " + Json.write(entry));
            }
            entries.add(Json.asObject(object));
        }
        return entries;
    }

    /** A scalar as text, as a rule file's ids and versions are read; {@code otherwise} for none. */
    private static String text(Object value, String otherwise) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? value.toString()
                : otherwise;
    }

    /**
     * Reads a complete rule file.
     *
     * @throws IllegalArgumentException naming every defect (see {@link #problems}), each with its rule id and field
     */
    public static RuleSet parse(Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        RuleSet rules = read(document, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return rules;
    }

    /**
     * Every defect of a rule file, each naming its rule id and field: every entry is read, so a file with three
     * broken rules lists three. Empty when the file is valid.
     */
    public static List<String> problems(Map<String, Object> document) {
        List<String> problems = new ArrayList<>();
        try {
            read(document, problems);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    private static RuleSet read(Map<String, Object> document, List<String> problems) {
        String version = text(document.get("version"), "");
        if (version.isEmpty()) {
            problems.add("rule file: \"version\" is missing");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> stateKeys = new HashSet<>();
        for (Map<String, Object> node : entries(document, "rule file")) {
            List<Rule> read;
            try {
                read = new RuleReader(node).read();
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                continue;
            }
            for (Rule rule : read) {
                if (stateKeys.add(rule.stateKey())) {
                    rules.add(rule);
                } else {
                    problems.add("rule file: rule id '" + rule.stateKey() + "' appears twice");
                }
            }
        }
        return new RuleSet(version, rules, document);
    }

    /** One rule entry of a rule file, read strictly: unknown fields and wrong types are errors. */
    private static final class RuleReader {
        private static final Set<String> COMMON =
                Set.of("id", "kind", "title", "severity", "meaning", "enabled", "remind_every");
        private static final Map<String, Set<String>> FIELDS = Map.of(
                "threshold",
                        Set.of("series", "evaluate", "condition", "threshold", "rearm", "rearm_factor", "each_day"),
                "streak", Set.of("series", "condition", "level", "sessions"),
                "rolling_sum", Set.of("series", "sessions", "condition", "threshold", "rearm"),
                "moving_average_cross", Set.of("series", "fast_days", "slow_days", "confirm_days", "condition"),
                "drawdown",
                        Set.of(
                                "series",
                                "evaluate",
                                "average_days",
                                "peak_days",
                                "peak_series",
                                "fire_at",
                                "resolve_under"),
                "staleness", Set.of("max_age", "max_sessions_behind"),
                "breakeven",
                        Set.of(
                                "evaluate",
                                "joules_per_th",
                                "usd_per_kwh",
                                "pue",
                                "pool_fee_pct",
                                "other_usd_per_ph_day",
                                "rearm_margin_usd_ph_day"));

        private final Map<String, Object> node;
        private final String id;

        RuleReader(Map<String, Object> node) {
            this.node = node;
            this.id = RuleSet.text(node.get("id"), "?");
        }

        List<Rule> read() {
            String kind = text("kind");
            Set<String> allowed = FIELDS.get(kind);
            if (allowed == null) {
                throw error("kind", "'" + kind + "' is unknown; use one of " + FIELDS.keySet());
            }
            node.keySet().forEach(field -> {
                if (!COMMON.contains(field) && !allowed.contains(field)) {
                    throw error(field, "is not a field of kind " + kind + "; known: " + allowed);
                }
            });
            Duration remindEvery = remindEvery();
            RuleInfo info;
            try {
                info = new RuleInfo(text("id"), text("title"), severity(), text("meaning"), remindEvery);
            } catch (IllegalArgumentException e) {
                String message = e.getMessage();
                throw message.startsWith("rule " + id + ", field ")
                        ? e
                        : new IllegalArgumentException(
                                "rule " + id + (message.startsWith("field ") ? ", " : ": ") + message);
            }
            List<Rule> rules = rules(kind, info);
            if (info.remindEvery() != null && rules.stream().anyMatch(Rule::eachDay)) {
                throw error(
                        "remind_every",
                        "a rule that fires each day never stays active, so there is nothing to remind of");
            }
            return rules;
        }

        private List<Rule> rules(String kind, RuleInfo info) {
            try {
                return switch (kind) {
                    case "threshold" -> List.of(threshold(info));
                    case "streak" ->
                        List.of(new StreakRule(
                                info, series("series"), condition(), number("level"), integer("sessions")));
                    case "rolling_sum" ->
                        List.of(new RollingSumRule(
                                info,
                                series("series"),
                                integer("sessions"),
                                condition(),
                                number("threshold"),
                                node.containsKey("rearm") ? number("rearm") : number("threshold")));
                    case "moving_average_cross" ->
                        List.of(new MovingAverageCrossRule(
                                info,
                                series("series"),
                                integer("fast_days"),
                                integer("slow_days"),
                                integer("confirm_days"),
                                condition()));
                    case "drawdown" ->
                        List.of(new DrawdownRule(
                                info,
                                series("series"),
                                node.containsKey("evaluate") ? Timing.fromId(text("evaluate")) : Timing.CLOSED_DAYS,
                                node.containsKey("average_days") ? integer("average_days") : 1,
                                node.containsKey("peak_days") ? integer("peak_days") : 0,
                                node.containsKey("peak_series") ? series("peak_series") : null,
                                number("fire_at"),
                                number("resolve_under")));
                    case "breakeven" ->
                        List.of(new BreakevenRule(
                                info,
                                node.containsKey("evaluate") ? Timing.fromId(text("evaluate")) : Timing.LATEST,
                                new FleetEconomics(
                                        number("joules_per_th"),
                                        number("usd_per_kwh"),
                                        node.containsKey("pue") ? number("pue") : 1.0,
                                        node.containsKey("pool_fee_pct") ? number("pool_fee_pct") : 0.0,
                                        node.containsKey("other_usd_per_ph_day")
                                                ? number("other_usd_per_ph_day")
                                                : 0.0),
                                node.containsKey("rearm_margin_usd_ph_day")
                                        ? number("rearm_margin_usd_ph_day")
                                        : null));
                    default -> staleness(info);
                };
            } catch (IllegalArgumentException e) {
                // The readers' errors name the rule and the field; a rule's own checks start with its id.
                String message = e.getMessage();
                throw message.startsWith("rule ")
                        ? e
                        : new IllegalArgumentException("rule "
                                + (message.startsWith(id + ":") || message.startsWith(id + " ")
                                        ? message
                                        : id + ": " + message));
            }
        }

        private ThresholdRule threshold(RuleInfo info) {
            ThresholdRule.Level threshold;
            if (node.get("threshold") instanceof Map<?, ?> level && level.containsKey("series")) {
                threshold = ThresholdRule.Level.of(seriesId(shownText(level.get("series")), "threshold.series"));
            } else {
                threshold = ThresholdRule.Level.fixed(number("threshold"));
            }
            boolean eachDay = bool("each_day", false);
            if (eachDay && (node.containsKey("rearm") || node.containsKey("rearm_factor"))) {
                throw error("rearm", "an each_day rule fires once per day and never re-arms");
            }
            return new ThresholdRule(
                    info,
                    series("series"),
                    node.containsKey("evaluate") ? Timing.fromId(text("evaluate")) : Timing.LATEST,
                    condition(),
                    threshold,
                    node.containsKey("rearm") ? number("rearm") : null,
                    node.containsKey("rearm_factor") ? number("rearm_factor") : 1.0,
                    eachDay);
        }

        private List<Rule> staleness(RuleInfo info) {
            List<Rule> rules = new ArrayList<>();
            for (Map.Entry<String, Object> entry : object("max_age").entrySet()) {
                Duration age;
                try {
                    age = Duration.parse(shownText(entry.getValue()));
                } catch (DateTimeParseException e) {
                    throw error(
                            "max_age." + entry.getKey(),
                            "'" + shownText(entry.getValue()) + "' is not an ISO-8601 duration such as PT1H");
                }
                rules.add(new StalenessRule(info, seriesId(entry.getKey(), "max_age"), age, 0));
            }
            for (Map.Entry<String, Object> entry : object("max_sessions_behind").entrySet()) {
                if (!isWholeNumber(entry.getValue())
                        || ((Number) entry.getValue()).longValue() < 1
                        || ((Number) entry.getValue()).longValue() > Integer.MAX_VALUE) {
                    throw error(
                            "max_sessions_behind." + entry.getKey(),
                            "'" + Json.write(entry.getValue()) + "' is not a positive whole number");
                }
                rules.add(new StalenessRule(
                        info,
                        seriesId(entry.getKey(), "max_sessions_behind"),
                        null,
                        ((Number) entry.getValue()).intValue()));
            }
            if (rules.isEmpty()) {
                throw error("max_age", "a staleness rule needs max_age or max_sessions_behind for at least one series");
            }
            return rules;
        }

        private String text(String field) {
            Object value = node.get(field);
            if (!(value instanceof String text) || text.isBlank()) {
                throw error(
                        field, value == null ? "is missing" : "'" + Json.write(value) + "' is not a non-empty string");
            }
            return text;
        }

        private double number(String field) {
            Object value = node.get(field);
            if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                throw error(field, value == null ? "is missing" : "'" + Json.write(value) + "' is not a number");
            }
            return number.doubleValue();
        }

        private int integer(String field) {
            Object value = node.get(field);
            if (!isWholeNumber(value)) {
                throw error(field, value == null ? "is missing" : "'" + Json.write(value) + "' is not a whole number");
            }
            return ((Number) value).intValue();
        }

        private boolean bool(String field, boolean otherwise) {
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
        private Map<String, Object> object(String field) {
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
        private static boolean isWholeNumber(Object value) {
            return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
        }

        /** A scalar as its text (a string without quotes), anything else as JSON. */
        private static String shownText(Object value) {
            return value instanceof String text ? text : Json.write(value);
        }

        /** {@code remind_every}: an ISO-8601 duration such as {@code PT12H} or {@code P1D}; null when absent. */
        private Duration remindEvery() {
            Object value = node.get("remind_every");
            if (value == null) {
                return null;
            }
            Duration every;
            try {
                every = Duration.parse(shownText(value));
            } catch (DateTimeParseException e) {
                throw error(
                        "remind_every", "'" + shownText(value) + "' is not an ISO-8601 duration such as PT12H or P1D");
            }
            return every; // RuleInfo refuses one shorter than RuleInfo.MIN_REMIND_EVERY
        }

        private Severity severity() {
            String value = text("severity");
            try {
                return Severity.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw error("severity", "'" + value + "' is unknown; use critical, warning or info");
            }
        }

        private Condition condition() {
            try {
                return Condition.fromId(text("condition"));
            } catch (IllegalArgumentException e) {
                throw error("condition", e.getMessage());
            }
        }

        private SeriesId series(String field) {
            return seriesId(text(field), field);
        }

        private SeriesId seriesId(String value, String field) {
            try {
                return SeriesId.fromId(value);
            } catch (IllegalArgumentException e) {
                throw error(field, e.getMessage());
            }
        }

        private IllegalArgumentException error(String field, String problem) {
            return new IllegalArgumentException("rule " + id + ", field " + field + ": " + problem);
        }
    }
}
