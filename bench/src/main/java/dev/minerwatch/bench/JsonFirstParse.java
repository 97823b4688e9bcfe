package dev.minerwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.jr.ob.JSON;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One fresh JVM's first JSON work, as a function's init and first invoke do it: every recorded provider answer read
 * into a tree (or streamed) and every number in it summed, with one of the candidate libraries. {@code none} reads
 * the bytes only: the floor. Prints {@code RESULT parseMs=… classes=…}; {@link JsonFirstParseBench} runs it.
 */
public final class JsonFirstParse {

    private JsonFirstParse() {}

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String mode = args[0];
        List<byte[]> answers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of(args[1]))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                answers.add(Files.readAllBytes(file));
            }
        }
        double sum = 0;
        switch (mode) {
            case "none" -> answers.forEach(bytes -> {});
            case "databind" -> {
                ObjectMapper mapper = new ObjectMapper();
                for (byte[] bytes : answers) {
                    sum += sum(mapper.readTree(bytes));
                }
            }
            case "jackson-jr" -> {
                for (byte[] bytes : answers) {
                    sum += sum(JSON.std.anyFrom(bytes));
                }
            }
            case "streaming" -> {
                JsonFactory factory = new JsonFactory();
                for (byte[] bytes : answers) {
                    try (JsonParser parser = factory.createParser(bytes)) {
                        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                            if (token.isNumeric()) {
                                sum += parser.getDoubleValue();
                            }
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("mode " + mode);
        }
        double parseMs = (System.nanoTime() - started) / 1e6;
        System.out.printf(
                java.util.Locale.ROOT,
                "RESULT parseMs=%.1f classes=%d answers=%d sum=%.0f%n",
                parseMs,
                ManagementFactory.getClassLoadingMXBean().getLoadedClassCount(),
                answers.size(),
                sum);
    }

    private static double sum(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        double sum = 0;
        for (JsonNode child : node) {
            sum += sum(child);
        }
        return sum;
    }

    /** jackson-jr's simple objects, as dev.minerwatch.json.Json reads them. */
    private static double sum(Object node) {
        if (node instanceof Number number) {
            return number.doubleValue();
        }
        double sum = 0;
        if (node instanceof List<?> list) {
            for (Object element : list) {
                sum += sum(element);
            }
        } else if (node instanceof Map<?, ?> map) {
            for (Object value : map.values()) {
                sum += sum(value);
            }
        }
        return sum;
    }
}
