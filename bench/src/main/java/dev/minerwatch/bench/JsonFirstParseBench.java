package dev.minerwatch.bench;

import dev.minerwatch.localaws.RepositoryLayout;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first JSON work of a fresh JVM with the Lambda runtime's flags, per library, side by side with the floor
 * (reading the same bytes without parsing) in one run, the modes interleaved so that the VM's drift falls on all of
 * them: {@code bench/json-first-parse [runs]}.
 */
public final class JsonFirstParseBench {

    private static final List<String> MODES = List.of("none", "streaming", "jackson-jr", "databind");
    private static final Pattern RESULT = Pattern.compile("RESULT parseMs=([0-9.]+) classes=(\\d+) answers=(\\d+)");

    private JsonFirstParseBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("java.class.path");
        String answers = RepositoryLayout.recordedProviders().toString();
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        MODES.forEach(mode -> results.put(mode, new ArrayList<>()));
        int answerCount = 0;
        for (int run = -1; run < runs; run++) { // run -1 warms the disk cache and is discarded
            for (String mode : MODES) {
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(ColdStart.LAMBDA_JVM_FLAGS);
                command.addAll(List.of(
                        "-XX:+TieredCompilation",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classPath,
                        JsonFirstParse.class.getName(),
                        mode,
                        answers));
                long started = System.nanoTime();
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String output;
                try (BufferedReader in =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    output = String.join("\n", in.lines().toList());
                }
                process.waitFor();
                double processMs = (System.nanoTime() - started) / 1e6;
                Matcher result = RESULT.matcher(output);
                if (!result.find()) {
                    throw new IllegalStateException(mode + ": " + output);
                }
                answerCount = Integer.parseInt(result.group(3));
                if (run >= 0) {
                    results.get(mode).add(new double[] {
                        Double.parseDouble(result.group(1)), processMs, Double.parseDouble(result.group(2))
                    });
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "%d recorded answers (events/providers), %d fresh JVMs per mode, interleaved; JDK %s%n%n",
                answerCount,
                runs,
                Runtime.version());
        System.out.printf(
                Locale.ROOT,
                "%-12s %14s %12s %10s %14s%n",
                "mode (median)",
                "main to done",
                "process",
                "classes",
                "over floor");
        double floor = median(results.get("none"), 0);
        for (var entry : results.entrySet()) {
            double parse = median(entry.getValue(), 0);
            System.out.printf(
                    Locale.ROOT,
                    "%-12s %11.1f ms %9.0f ms %10.0f %11.1f ms%n",
                    entry.getKey(),
                    parse,
                    median(entry.getValue(), 1),
                    median(entry.getValue(), 2),
                    parse - floor);
        }
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }
}
