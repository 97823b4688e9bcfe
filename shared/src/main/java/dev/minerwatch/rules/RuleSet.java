package dev.minerwatch.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.PlainNumber;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
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
 * @param document the effective rule file, as JSON
 */
public record RuleSet(String version, List<Rule> rules, ObjectNode document) {

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

    /** The default rule set of PRODUCT.md. */
    public static RuleSet defaults() {
        return parse(defaultDocument());
    }

    public static ObjectNode defaultDocument() {
        try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return (ObjectNode) Json.mapper().readTree(Objects.requireNonNull(in, DEFAULT_RESOURCE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default rules " + DEFAULT_RESOURCE, e);
        }
    }

    /**
     * The rules configured by the environment: the defaults, merged with {@code MINERWATCH_RULES_FILE} or the
     * inline {@code MINERWATCH_RULES}, with {@code PRODUCTION_COST_USD} as a fixed cost for the rules that read
     * {@code production_cost_usd}.
     */
    public static RuleSet configured(Settings settings) {
        ObjectNode document = defaultDocument();
        var file = settings.get(Settings.RULES_FILE);
        var inline = settings.get(Settings.RULES);
        if (file.isPresent() && inline.isPresent()) {
            throw new IllegalArgumentException("set " + Settings.RULES_FILE + " or " + Settings.RULES + ", not both");
        }
        if (file.isPresent()) {
            Path path = Path.of(file.get());
            try {
                document = merge(document, readJson(Files.readString(path), path.toString()), path.toString());
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        Settings.RULES_FILE + ": cannot read " + path + " (" + e.getMessage() + ")");
            }
        }
        if (inline.isPresent()) {
            document = merge(document, readJson(inline.get(), Settings.RULES), Settings.RULES);
        }
        var cost = settings.productionCostOverride();
        if (cost.isPresent()) {
            document = withFixedThreshold(
                    document,
                    SeriesId.PRODUCTION_COST_USD,
                    cost.get(),
                    Settings.PRODUCTION_COST_USD + "=" + PlainNumber.of(cost.get()));
        }
        return parse(document);
    }

    private static JsonNode readJson(String json, String origin) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rules override " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
    }

    /** The default rules with an override file (JSON text) merged in. */
    public static RuleSet withOverrides(String overrideJson, String origin) {
        return parse(merge(defaultDocument(), readJson(overrideJson, origin), origin));
    }

    /** The default rules with a number in place of each threshold that reads {@code series}. */
    public static ObjectNode withFixedThreshold(ObjectNode document, SeriesId series, double value, String origin) {
        ObjectNode copy = document.deepCopy();
        for (JsonNode rule : copy.withArray("rules")) {
            JsonNode threshold = rule.get("threshold");
            if (threshold != null
                    && threshold.isObject()
                    && series.id().equals(threshold.path("series").asText())) {
                ((ObjectNode) rule).put("threshold", value);
            }
        }
        copy.put("version", copy.path("version").asText() + "+" + origin);
        return copy;
    }

    static ObjectNode merge(ObjectNode defaults, JsonNode override, String origin) {
        if (!override.isObject() || !override.path("rules").isArray()) {
            throw new IllegalArgumentException(
                    "rules override " + origin + " must be an object with a \"rules\" array");
        }
        Map<String, ObjectNode> byId = new LinkedHashMap<>();
        for (JsonNode rule : defaults.withArray("rules")) {
            byId.put(rule.path("id").asText(), (ObjectNode) rule);
        }
        for (JsonNode entry : override.get("rules")) {
            String id = entry.path("id").asText("");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("rules override " + origin + ": every entry needs an \"id\"");
            }
            if (!entry.path("enabled").asBoolean(true)) {
                byId.remove(id);
                continue;
            }
            ObjectNode base = byId.get(id);
            if (base == null) {
                byId.put(id, (ObjectNode) entry.deepCopy());
                continue;
            }
            ObjectNode merged = base.deepCopy();
            for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode current = merged.get(field.getKey());
                if (current != null
                        && current.isObject()
                        && field.getValue().isObject()
                        && !field.getKey().equals("threshold")) {
                    ((ObjectNode) current).setAll((ObjectNode) field.getValue());
                } else {
                    merged.set(field.getKey(), field.getValue());
                }
            }
            byId.put(id, merged);
        }
        ObjectNode result = Json.mapper().createObjectNode();
        String overrideVersion = override.path("version").asText(origin);
        result.put("version", defaults.path("version").asText() + "+" + overrideVersion);
        ArrayNode rules = result.putArray("rules");
        byId.values().forEach(rules::add);
        return result;
    }

    /** Reads a complete rule file, reporting the first defect with the rule id and field. */
    public static RuleSet parse(ObjectNode document) {
        String version = document.path("version").asText("");
        if (version.isEmpty()) {
            throw new IllegalArgumentException("rule file: \"version\" is missing");
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> stateKeys = new HashSet<>();
        for (JsonNode node : document.withArray("rules")) {
            for (Rule rule : new RuleReader(node).read()) {
                if (!stateKeys.add(rule.stateKey())) {
                    throw new IllegalArgumentException("rule file: rule id '" + rule.stateKey() + "' appears twice");
                }
                rules.add(rule);
            }
        }
        return new RuleSet(version, rules, document);
    }

    /** One rule entry of a rule file, read strictly: unknown fields and wrong types are errors. */
    private static final class RuleReader {
        private static final Set<String> COMMON = Set.of("id", "kind", "title", "severity", "meaning", "enabled");
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
                "staleness", Set.of("max_age", "max_sessions_behind"));

        private final JsonNode node;
        private final String id;

        RuleReader(JsonNode node) {
            this.node = node;
            this.id = node.path("id").asText("?");
        }

        List<Rule> read() {
            String kind = text("kind");
            Set<String> allowed = FIELDS.get(kind);
            if (allowed == null) {
                throw error("kind", "'" + kind + "' is unknown; use one of " + FIELDS.keySet());
            }
            node.fieldNames().forEachRemaining(field -> {
                if (!COMMON.contains(field) && !allowed.contains(field)) {
                    throw error(field, "is not a field of kind " + kind + "; known: " + allowed);
                }
            });
            RuleInfo info;
            try {
                info = new RuleInfo(text("id"), text("title"), severity(), text("meaning"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + id + ": " + e.getMessage());
            }
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
                                node.has("rearm") ? number("rearm") : number("threshold")));
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
                                node.has("evaluate") ? Timing.fromId(text("evaluate")) : Timing.CLOSED_DAYS,
                                node.has("average_days") ? integer("average_days") : 1,
                                node.has("peak_days") ? integer("peak_days") : 0,
                                node.has("peak_series") ? series("peak_series") : null,
                                number("fire_at"),
                                number("resolve_under")));
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
            JsonNode level = node.get("threshold");
            ThresholdRule.Level threshold;
            if (level != null && level.isObject() && level.has("series")) {
                threshold = ThresholdRule.Level.of(seriesId(level.get("series").asText(), "threshold.series"));
            } else {
                threshold = ThresholdRule.Level.fixed(number("threshold"));
            }
            boolean eachDay = node.path("each_day").asBoolean(false);
            if (eachDay && (node.has("rearm") || node.has("rearm_factor"))) {
                throw error("rearm", "an each_day rule fires once per day and never re-arms");
            }
            return new ThresholdRule(
                    info,
                    series("series"),
                    node.has("evaluate") ? Timing.fromId(text("evaluate")) : Timing.LATEST,
                    condition(),
                    threshold,
                    node.has("rearm") ? number("rearm") : null,
                    node.has("rearm_factor") ? number("rearm_factor") : 1.0,
                    eachDay);
        }

        private List<Rule> staleness(RuleInfo info) {
            List<Rule> rules = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.path("max_age").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                Duration age;
                try {
                    age = Duration.parse(entry.getValue().asText());
                } catch (DateTimeParseException e) {
                    throw error(
                            "max_age." + entry.getKey(),
                            "'" + entry.getValue().asText() + "' is not an ISO-8601 duration such as PT1H");
                }
                rules.add(new StalenessRule(info, seriesId(entry.getKey(), "max_age"), age, 0));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            node.path("max_sessions_behind").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (!entry.getValue().canConvertToInt() || entry.getValue().asInt() < 1) {
                    throw error(
                            "max_sessions_behind." + entry.getKey(),
                            "'" + entry.getValue() + "' is not a positive whole number");
                }
                rules.add(new StalenessRule(
                        info,
                        seriesId(entry.getKey(), "max_sessions_behind"),
                        null,
                        entry.getValue().asInt()));
            }
            if (rules.isEmpty()) {
                throw error("max_age", "a staleness rule needs max_age or max_sessions_behind for at least one series");
            }
            return rules;
        }

        private String text(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw error(field, value == null ? "is missing" : "'" + value + "' is not a non-empty string");
            }
            return value.asText();
        }

        private double number(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw error(field, value == null ? "is missing" : "'" + value + "' is not a number");
            }
            return value.asDouble();
        }

        private int integer(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isIntegralNumber()) {
                throw error(field, value == null ? "is missing" : "'" + value + "' is not a whole number");
            }
            return value.asInt();
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
