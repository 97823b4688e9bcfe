package dev.minerwatch.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A rule file as a document: the default one shipped with the code, an operator's override merged into it, a fixed
 * number in place of a series threshold. What its entries mean is {@link RuleKinds}' business.
 */
final class RuleFile {

    static final String DEFAULT_RESOURCE = "/dev/minerwatch/rules/default-rules.json";

    private RuleFile() {}

    /** The default rule file, as a fresh copy the caller may change. */
    static Map<String, Object> defaultDocument() {
        try (InputStream in = RuleFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return Json.parseObject(
                    new String(Objects.requireNonNull(in, DEFAULT_RESOURCE).readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default rules " + DEFAULT_RESOURCE, e);
        }
    }

    static Object readJson(String json, String origin) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("rules override " + origin + " is not valid JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr());
        }
    }

    /** The default rules with a number in place of each threshold that reads {@code series}. */
    static Map<String, Object> withFixedThreshold(
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
        Set<String> overridden = new HashSet<>();
        for (Map<String, Object> entry : entries(Json.asObject(file), "rules override " + origin)) {
            String id = text(entry.get("id"), "");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("rules override " + origin + ": every entry needs an \"id\"");
            }
            // Two entries of one id would be merged silently, the second over the first: which was meant?
            if (!overridden.add(id)) {
                throw new IllegalArgumentException(
                        "rules override " + origin + ": rule id '" + id + "' appears twice; merge the two entries");
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
        // Without a version of its own, an override is named by its file's name: never its path, which the site, the
        // events and the feed would publish.
        String name = origin.substring(Math.max(origin.lastIndexOf('/'), origin.lastIndexOf('\\')) + 1);
        result.put("version", text(defaults.get("version"), "") + "+" + text(file.get("version"), name));
        result.put("rules", new ArrayList<Object>(byId.values()));
        return result;
    }

    /** The entries of a rule file's {@code rules} array (none when it has none); each must be an object. */
    static List<Map<String, Object>> entries(Map<String, Object> document, String origin) {
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
    static String text(Object value, String otherwise) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? value.toString()
                : otherwise;
    }
}
