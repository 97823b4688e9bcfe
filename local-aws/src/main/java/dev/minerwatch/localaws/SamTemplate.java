package dev.minerwatch.localaws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * read as the plain values they carry.
 */
public final class SamTemplate {

    private final JsonNode tree;

    private SamTemplate(JsonNode tree) {
        this.tree = tree;
    }

    public static SamTemplate read(Path file) {
        try {
            return new SamTemplate(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The repository's template. */
    public static SamTemplate repository() {
        return read(RepositoryLayout.root().resolve("template.yaml"));
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
