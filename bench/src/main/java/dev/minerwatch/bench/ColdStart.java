package dev.minerwatch.bench;

import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.MotoServer;
import dev.minerwatch.localaws.RecordingServer;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.localaws.SamTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of every function in template.yaml: for each, several fresh JVMs with the Lambda runtime's flags
 * load the deployed artifact, construct the handler and invoke it once with its {@code events/} file against
 * moto_server (DynamoDB, SNS, the SSM key and the site's S3 bucket) and the recorded providers. Reported as medians, next to two
 * floors measured the same way: an empty handler in the same JVM setup, and the SDK's floor (a handler that builds
 * the DynamoDB client as the functions do and reads one item: what no function reading DynamoDB can go below). One
 * run before those measured warms the emulators and is discarded. "AWS wait" is the part of the first invoke spent
 * waiting on the emulator's answers ({@link AwsWaitInterceptor}; the SSM key read is not counted), which AWS gives
 * in milliseconds; "providers" the recorded-provider server's time answering it ({@link
 * RecordingServer#timeAnswering()}: at least that long was spent waiting on them); "own" the first invoke less both
 * (of the medians), what the function itself spends.
 *
 * <p>Arguments: the number of runs per function (default 5), {@code --primed} to run each handler's SnapStart
 * priming between construction and the first invocation (as SnapStart does before its snapshot; the invocation
 * then approximates the first one after a restore), and optionally the logical ids of the functions to measure
 * (default all). Extra JVM flags for the children, e.g. {@code -Xlog:class+load} when profiling, come from the
 * {@code COLD_START_JVM_FLAGS} environment variable.
 */
public final class ColdStart {

    /** Flags close to the Lambda java21 runtime's for 1,024 MB, plus the template's JAVA_TOOL_OPTIONS. */
    static final List<String> LAMBDA_JVM_FLAGS = List.of(
            "-XX:MaxHeapSize=870m",
            "-XX:+UseSerialGC",
            "-Xshare:auto",
            "-XX:-UsePerfData",
            "-Djava.net.preferIPv4Stack=true");

    private static final Pattern RESULT = Pattern.compile(
            "RESULT mainAt=(\\d+) initMs=([0-9.]+) primeMs=([0-9.]+) invokeMs=([0-9.]+) awsWaitMs=([0-9.]+) rssKb=(\\d+)");

    private ColdStart() {}

    /**
     * One launch; {@code awsWaitMs} is the first invoke's time waiting on AWS answers (the emulator's), {@code
     * providerWaitMs} the recorded providers' time answering it.
     */
    record Run(
            double startupMs,
            double initMs,
            double primeMs,
            double invokeMs,
            double awsWaitMs,
            double providerWaitMs,
            double totalMs,
            double rssMb) {

        /** The first invoke less both waits: the function's own time. */
        double ownMs() {
            return invokeMs - awsWaitMs - providerWaitMs;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> rest = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        boolean primed = rest.contains("--primed");
        List<String> only = rest.stream().filter(arg -> !arg.equals("--primed")).toList();
        Path root = RepositoryLayout.root();
        Path artifact = root.resolve("functions/target/minerwatch-functions.jar");
        String classPath = String.join(
                java.io.File.pathSeparator,
                artifact.toString(),
                root.resolve("bench/target/minerwatch-bench.jar").toString(),
                localAwsJar(root.resolve("bench/target/lib")).toString());
        Path moto = MotoServer.findExecutable()
                .orElseThrow(
                        () -> new IllegalStateException("moto_server is not on the PATH: pip install 'moto[server]'"));
        try (MotoServer aws = MotoServer.start(moto);
                RecordingServer providers = RecordingServer.serve(RepositoryLayout.recordedProviders())) {
            Map<String, String> env = new HashMap<>(providers.environment());
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "local");
            env.put("AWS_SECRET_ACCESS_KEY", "local");
            env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
            Settings settings = Settings.of(env);
            String topicArn = AwsClients.sns(settings)
                    .createTopic(b -> b.name("minerwatch-alerts"))
                    .topicArn();
            putSecureString(aws.endpoint(), "/minerwatch/sosovalue-api-key", "recorded-key");
            System.out.printf(
                    "artifact %s: %,d bytes; %d runs per function after a discarded one; JDK %s; %d cores%n",
                    artifact,
                    Files.size(artifact),
                    runs,
                    Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(
                    "JVM flags: %s, JAVA_TOOL_OPTIONS from template.yaml%n", String.join(" ", LAMBDA_JVM_FLAGS));

            SamTemplate template = SamTemplate.repository();
            Map<String, Run> medians = new LinkedHashMap<>();
            Path emptyEvent = Files.createTempFile("event", ".json");
            Files.writeString(emptyEvent, "{}");
            String toolOptions = template.tree()
                    .at("/Globals/Function/Environment/Variables/JAVA_TOOL_OPTIONS")
                    .asText();
            medians.put(
                    "floor (empty handler)",
                    median(
                            runs,
                            () -> launch(
                                    classPath,
                                    Map.of("JAVA_TOOL_OPTIONS", toolOptions),
                                    EmptyHandler.class.getName(),
                                    emptyEvent,
                                    "floor",
                                    false,
                                    providers)));
            String sdkFloorTable = "cold-sdk-floor";
            MinerwatchTable.create(AwsClients.dynamoDb(settings), sdkFloorTable);
            Map<String, String> sdkFloorEnv = new HashMap<>(env);
            sdkFloorEnv.put("JAVA_TOOL_OPTIONS", toolOptions);
            sdkFloorEnv.put(Settings.TABLE_NAME, sdkFloorTable);
            medians.put(
                    "SDK floor (GetItem)",
                    median(
                            runs,
                            () -> launch(
                                    classPath,
                                    sdkFloorEnv,
                                    SdkFloorHandler.class.getName(),
                                    emptyEvent,
                                    "floor",
                                    false,
                                    providers)));
            for (SamTemplate.Function function : template.functions().values()) {
                if (!only.isEmpty() && !only.contains(function.logicalId())) {
                    continue;
                }
                int table = medians.size();
                Map<String, String> functionEnv = new HashMap<>(function.environment());
                functionEnv.putAll(env);
                functionEnv.put(Settings.TOPIC_ARN, topicArn);
                if (primed) {
                    functionEnv.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
                }
                Path event = root.resolve("events").resolve(function.eventFile());
                medians.put(function.logicalId(), median(runs, () -> {
                    // A fresh table per run: every run does the first run's work (all points created).
                    String tableName = "cold-" + table + "-" + System.nanoTime();
                    MinerwatchTable.create(AwsClients.dynamoDb(settings), tableName);
                    Map<String, String> runEnv = new HashMap<>(functionEnv);
                    runEnv.put(Settings.TABLE_NAME, tableName);
                    // A fresh bucket too: the site function's run is a first publication (every file put).
                    runEnv.put(Settings.SITE_BUCKET, createBucket(aws.endpoint(), tableName));
                    return launch(
                            classPath,
                            runEnv,
                            function.handlerClass(),
                            event,
                            providers.recordedAt().toString(),
                            primed,
                            providers);
                }));
            }
            print(medians);
        }
    }

    interface Launch {
        Run run() throws Exception;
    }

    /**
     * The median of {@code runs} launches after one that is discarded: the first request of a kind (a
     * transaction, a batch publish) finds moto_server's code cold, which is the emulator's start-up, not the
     * function's; AWS's endpoints are always warm.
     */
    private static Run median(int runs, Launch launch) throws Exception {
        launch.run();
        List<Run> all = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            all.add(launch.run());
        }
        return new Run(
                median(all, Run::startupMs),
                median(all, Run::initMs),
                median(all, Run::primeMs),
                median(all, Run::invokeMs),
                median(all, Run::awsWaitMs),
                median(all, Run::providerWaitMs),
                median(all, Run::totalMs),
                median(all, Run::rssMb));
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        return values[values.length / 2];
    }

    private static Run launch(
            String classPath,
            Map<String, String> env,
            String handler,
            Path event,
            String clock,
            boolean primed,
            RecordingServer providers)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(LAMBDA_JVM_FLAGS);
        String extraFlags = System.getenv("COLD_START_JVM_FLAGS");
        if (extraFlags != null && !extraFlags.isBlank()) {
            command.addAll(List.of(extraFlags.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                classPath,
                FirstInvocation.class.getName(),
                handler,
                event.toString(),
                clock,
                primed ? "primed" : "cold"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        long providersAnswered = providers.timeAnswering().toNanos();
        long launchedAt = System.currentTimeMillis();
        long started = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double totalMs = (System.nanoTime() - started) / 1e6;
        // Only the first invoke calls providers: init and priming make no call (SnapStartPrimingTest).
        double providerWaitMs = (providers.timeAnswering().toNanos() - providersAnswered) / 1e6;
        Matcher result = RESULT.matcher(output);
        if (exit != 0 || !result.find()) {
            throw new IllegalStateException(handler + " failed (exit " + exit + "):\n" + output);
        }
        return new Run(
                Long.parseLong(result.group(1)) - launchedAt,
                Double.parseDouble(result.group(2)),
                Double.parseDouble(result.group(3)),
                Double.parseDouble(result.group(4)),
                Double.parseDouble(result.group(5)),
                providerWaitMs,
                totalMs,
                Long.parseLong(result.group(6)) / 1024.0);
    }

    private static void print(Map<String, Run> medians) {
        Run floor = medians.values().iterator().next();
        System.out.printf(
                "%n%-26s %9s %9s %9s %12s %10s %10s %9s %13s %9s %8s %9s%n",
                "function (median)",
                "JVM start",
                "init",
                "priming",
                "first invoke",
                "AWS wait",
                "providers",
                "own",
                "init+invoke",
                "process",
                "x floor",
                "peak RSS");
        medians.forEach((name, run) -> System.out.printf(
                Locale.ROOT,
                "%-26s %6.0f ms %6.0f ms %6.0f ms %9.0f ms %7.0f ms %7.0f ms %6.0f ms %10.0f ms %6.0f ms %7.1fx %6.0f MB%n",
                name,
                run.startupMs(),
                run.initMs(),
                run.primeMs(),
                run.invokeMs(),
                run.awsWaitMs(),
                run.providerWaitMs(),
                run.ownMs(),
                run.initMs() + run.invokeMs(),
                run.totalMs(),
                run.totalMs() / floor.totalMs(),
                run.rssMb()));
    }

    private static Path localAwsJar(Path lib) throws IOException {
        try (var jars = Files.list(lib)) {
            return jars.filter(p -> p.getFileName().toString().startsWith("minerwatch-local-aws"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no minerwatch-local-aws jar in " + lib));
        }
    }

    /** Puts the SoSoValue key in moto's SSM, so the ETF function reads it at init as it does in AWS. */
    /** An empty S3 bucket on moto_server (a signature it reads the account from, without checking it). */
    private static String createBucket(URI endpoint, String name) throws IOException {
        HttpURLConnection http =
                (HttpURLConnection) URI.create(endpoint.toString().replaceAll("/$", "") + "/" + name)
                        .toURL()
                        .openConnection();
        http.setRequestMethod("PUT");
        http.setRequestProperty(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=local/20260205/us-east-1/s3/aws4_request, "
                        + "SignedHeaders=host, Signature=0");
        if (http.getResponseCode() != 200) {
            throw new IllegalStateException("moto s3 CreateBucket: HTTP " + http.getResponseCode());
        }
        return name;
    }

    private static void putSecureString(URI endpoint, String name, String value) throws IOException {
        HttpURLConnection http = (HttpURLConnection) endpoint.toURL().openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/x-amz-json-1.1");
        http.setRequestProperty("X-Amz-Target", "AmazonSSM.PutParameter");
        http.setRequestProperty(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=local/20260205/us-east-1/ssm/aws4_request, "
                        + "SignedHeaders=host, Signature=0");
        try (OutputStream body = http.getOutputStream()) {
            body.write(("{\"Name\":\"" + name + "\",\"Value\":\"" + value
                            + "\",\"Type\":\"SecureString\",\"Overwrite\":true}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (http.getResponseCode() != 200) {
            throw new IllegalStateException("moto ssm PutParameter: HTTP " + http.getResponseCode());
        }
    }
}
