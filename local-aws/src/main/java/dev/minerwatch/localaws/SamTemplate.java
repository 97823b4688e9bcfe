package dev.minerwatch.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code template.yaml} as {@code sam local invoke} reads it: each function's handler, artifact, memory, timeout
 * and environment, with {@code Globals} applied. CloudFormation's short tags ({@code !Ref}, {@code !If}...) are
 * read as the plain values they carry. The {@code Fn::ForEach} loops of the {@code AWS::LanguageExtensions} transform
 * are expanded, as CloudFormation expands them before the SAM transform.
 */
public final class SamTemplate {

    private final JsonNode tree;

    private SamTemplate(JsonNode tree) {
        this.tree = tree;
    }

    public static SamTemplate read(Path file) {
        try {
            return new SamTemplate(expandForEach(new ObjectMapper(new YAMLFactory()).readTree(file.toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The repository's template. */
    public static SamTemplate repository() {
        return read(RepositoryLayout.root().resolve("template.yaml"));
    }

    private static final String FOR_EACH = "Fn::ForEach::";

    /**
     * Every {@code Fn::ForEach::<Loop>: [Identifier, [values], {OutputKey: OutputValue}]} replaced by its output, one
     * copy per value with {@code ${Identifier}} and {@code &{Identifier}} substituted in keys and strings, loops
     * inside the output expanded in turn. Only a literal collection is supported (not a {@code Ref} to a
     * {@code CommaDelimitedList}, whose value is known at deployment only) of letters and digits.
     */
    static JsonNode expandForEach(JsonNode node) {
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(expandForEach(item)));
            return array;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        node.properties().forEach(entry -> {
            if (!entry.getKey().startsWith(FOR_EACH)) {
                object.set(entry.getKey(), expandForEach(entry.getValue()));
                return;
            }
            JsonNode loop = entry.getValue();
            if (!loop.isArray()
                    || loop.size() != 3
                    || !loop.get(0).isTextual()
                    || !loop.get(1).isArray()
                    || !loop.get(2).isObject()) {
                throw new IllegalArgumentException(entry.getKey()
                        + " must be [Identifier, [values], {OutputKey: OutputValue}] with a literal collection");
            }
            String identifier = loop.get(0).asText();
            loop.get(1).forEach(value -> {
                if (!value.asText().matches("[A-Za-z0-9]+")) {
                    // &{Identifier} would drop other characters from keys: not needed here, so not supported.
                    throw new IllegalArgumentException(entry.getKey() + ": only values of letters and digits are"
                            + " supported, not '" + value.asText() + "'");
                }
                JsonNode copy = substitute(loop.get(2), identifier, value.asText());
                expandForEach(copy).properties().forEach(output -> object.set(output.getKey(), output.getValue()));
            });
        });
        return object;
    }

    private static JsonNode substitute(JsonNode node, String identifier, String value) {
        if (node.isTextual()) {
            return JsonNodeFactory.instance.textNode(substitute(node.asText(), identifier, value));
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> array.add(substitute(item, identifier, value)));
            return array;
        }
        if (node.isObject()) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            node.properties()
                    .forEach(entry -> object.set(
                            substitute(entry.getKey(), identifier, value),
                            substitute(entry.getValue(), identifier, value)));
            return object;
        }
        return node;
    }

    private static String substitute(String text, String identifier, String value) {
        return text.replace("${" + identifier + "}", value).replace("&{" + identifier + "}", value);
    }

    /** The whole document, for checks that go beyond the functions. */
    public JsonNode tree() {
        return tree;
    }

    /**
     * One function as Lambda would run it.
     *
     * @param environment the variables whose value is known before deployment: literals and the defaults of
     *                    referenced parameters; references to resources (a table, a topic) are left out
     */
    public record Function(
            String logicalId,
            String handlerClass,
            String handlerMethod,
            String codeUri,
            int memoryMb,
            int timeoutSeconds,
            Map<String, String> environment,
            JsonNode properties) {

        /** The file in {@code events/} holding this function's event: MarketCollectorFunction → market-collector.json. */
        public String eventFile() {
            String name = logicalId.endsWith("Function")
                    ? logicalId.substring(0, logicalId.length() - "Function".length())
                    : logicalId;
            return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT) + ".json";
        }
    }

    /** Every {@code AWS::Serverless::Function}, by logical id. */
    public Map<String, Function> functions() {
        Map<String, Function> functions = new TreeMap<>();
        tree.path("Resources").properties().forEach(resource -> {
            if ("AWS::Serverless::Function"
                    .equals(resource.getValue().path("Type").asText())) {
                functions.put(
                        resource.getKey(),
                        function(resource.getKey(), resource.getValue().path("Properties")));
            }
        });
        return functions;
    }

    public Optional<Function> function(String logicalId) {
        return Optional.ofNullable(functions().get(logicalId));
    }

    private Function function(String logicalId, JsonNode properties) {
        JsonNode globals = tree.at("/Globals/Function");
        String[] handler = property(properties, globals, "Handler").asText().split("::", 2);
        Map<String, String> environment = new LinkedHashMap<>();
        resolve(globals.at("/Environment/Variables"), environment);
        resolve(properties.at("/Environment/Variables"), environment);
        return new Function(
                logicalId,
                handler[0],
                handler.length > 1 ? handler[1] : "handleRequest",
                property(properties, globals, "CodeUri").asText(),
                property(properties, globals, "MemorySize").asInt(128),
                property(properties, globals, "Timeout").asInt(3),
                Map.copyOf(environment),
                properties);
    }

    private static JsonNode property(JsonNode properties, JsonNode globals, String name) {
        return properties.has(name) ? properties.get(name) : globals.path(name);
    }

    /**
     * Literal values, and references to parameters with a non-empty default. The YAML reader sees {@code !Ref X}
     * as the text X, so a value naming a parameter is a reference to it; one naming a resource ({@code !Ref},
     * {@code !GetAtt}), a {@code !Sub} or a condition ({@code !If [...]}) is unknown before deployment.
     */
    private void resolve(JsonNode variables, Map<String, String> into) {
        JsonNode parameters = tree.path("Parameters");
        JsonNode resources = tree.path("Resources");
        variables.properties().forEach(variable -> {
            JsonNode value = variable.getValue();
            String text = value.asText("");
            into.remove(variable.getKey());
            if (!value.isValueNode() || text.contains("${") || resources.has(text.split("\\.")[0])) {
                return;
            }
            String resolved =
                    parameters.has(text) ? parameters.path(text).path("Default").asText("") : text;
            if (!resolved.isEmpty()) {
                into.put(variable.getKey(), resolved);
            }
        });
    }
}
