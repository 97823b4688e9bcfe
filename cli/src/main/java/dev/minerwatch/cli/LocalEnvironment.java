package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.RecordingServer;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a CLI command runs in: the process environment, plus what the laptop stands in for. Without a
 * DynamoDB table or endpoint configured, the store is the SQLite database in the data folder (the composition root
 * finds the CLI's {@code LocalStorageProvider}); against a DynamoDB endpoint override (an emulator) a missing table
 * is created, against AWS nothing is. With {@code --recorded}, a local server answers for the providers and the clock
 * starts at the recording time.
 */
final class LocalEnvironment implements AutoCloseable {

    /** The file DynamoDB Local kept minerwatch's earlier local store in. */
    static final String EARLIER_FORMAT_FILE = "shared-local-instance.db";

    private final Map<String, String> env;
    private final Clock clock;
    private final Optional<Recorded> recorded;
    private final List<String> description;
    private final List<AutoCloseable> resources;
    private Minerwatch minerwatch;

    private LocalEnvironment(
            Map<String, String> env,
            Clock clock,
            Optional<Recorded> recorded,
            List<String> description,
            List<AutoCloseable> resources) {
        this.env = env;
        this.clock = clock;
        this.recorded = recorded;
        this.description = description;
        this.resources = resources;
    }

    /** The environment for a command; notices (such as a store of the earlier format) go to {@code err}. */
    static LocalEnvironment start(
            Map<String, String> processEnv,
            Path dataDir,
            Optional<Path> recordedProviders,
            Map<String, String> overrides,
            PrintWriter err) {
        Map<String, String> env = new HashMap<>(processEnv);
        env.putAll(overrides);
        List<String> description = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        Recorded recorded = null;
        try {
            Settings configured = Settings.of(env);
            if (!configured.dynamoDbConfigured()) {
                env.put(Settings.DATA_DIR, dataDir.toString());
                warnOfEarlierFormat(dataDir, err);
            } else if (configured.awsEndpoint("dynamodb").isPresent()) {
                // An emulator: the table is created when missing, as the stack would have. Against AWS, never.
                MinerwatchTable.create(AwsClients.dynamoDb(configured), configured.tableName());
            }
            if (recordedProviders.isPresent()) {
                RecordingServer providers = RecordingServer.serve(recordedProviders.get());
                resources.add(providers);
                env.putAll(providers.environment());
                RecordingClock recordingClock = new RecordingClock();
                recordingClock.moveTo(providers.recordedAt());
                clock = recordingClock;
                recorded = new Recorded(providers, recordingClock);
                description.add("providers: recorded answers in " + recordedProviders.get() + ", clock set to "
                        + providers.recordedAt());
            } else {
                description.add("providers: live");
            }
            Settings settings = Settings.of(env);
            if (settings.topicArn().isEmpty() && settings.awsEndpoint("sns").isPresent()) {
                // An SNS emulator without a topic: use (and create if needed) the default one.
                String arn = AwsClients.sns(settings)
                        .createTopic(b -> b.name("minerwatch-alerts"))
                        .topicArn();
                env.put(Settings.TOPIC_ARN, arn);
            }
            description.add(Settings.of(env)
                    .topicArn()
                    .map(arn -> "notifications: SNS topic " + arn)
                    .orElse("notifications: console (no topic configured)"));
            return new LocalEnvironment(Map.copyOf(env), clock, Optional.ofNullable(recorded), description, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** A data folder that still holds the earlier format's store: said, never deleted. */
    private static void warnOfEarlierFormat(Path dataDir, PrintWriter err) {
        Path earlier = dataDir.resolve(EARLIER_FORMAT_FILE);
        if (Files.exists(earlier)) {
            err.println("note: " + earlier + " is a store of minerwatch's earlier format (DynamoDB Local), which "
                    + "this version no longer reads; it is left as it is. The store is now "
                    + dataDir.resolve("minerwatch.db") + " (SQLite). Rebuild it with ./minerwatch backfill, or with "
                    + "./minerwatch import FILE.csv from an export made by the earlier version; delete the old file "
                    + "when you no longer need it.");
            err.flush();
        }
    }

    Settings settings() {
        return Settings.of(env);
    }

    Clock clock() {
        return clock;
    }

    /**
     * The command's components, built once and closed with this environment; notifications go to standard output
     * when no topic is configured.
     */
    synchronized Minerwatch minerwatch() {
        if (minerwatch == null) {
            minerwatch(new PrintWriter(System.out, true));
        }
        return minerwatch;
    }

    /**
     * The command's components, with notifications printed to {@code console} when no topic is configured. A
     * command that prints notifications asks for them this way before anything else does.
     */
    synchronized Minerwatch minerwatch(PrintWriter console) {
        if (minerwatch != null) {
            throw new IllegalStateException("the command's components were built already, printing elsewhere");
        }
        minerwatch = new Minerwatch(settings(), clock, console);
        resources.add(minerwatch);
        return minerwatch;
    }

    /**
     * Moves the recorded providers to the answers in {@code folder}, and the clock to the time they were
     * recorded at: the next day of a replay.
     */
    Instant replayFrom(Path folder) {
        Recorded replay = recorded.orElseThrow(() -> new IllegalStateException("not running on recordings"));
        replay.providers().switchTo(folder);
        Instant recordedAt = replay.providers().recordedAt();
        replay.clock().moveTo(recordedAt);
        return recordedAt;
    }

    /** What the command runs against: the store first, then the providers and the notifications. */
    List<String> description() {
        List<String> lines = new ArrayList<>();
        lines.add("store: " + storeDescription());
        lines.addAll(description);
        return lines;
    }

    /** Which store the command reads and writes, such as {@code SQLite database /home/me/.minerwatch/minerwatch.db}. */
    String storeDescription() {
        return minerwatch().storage().description();
    }

    /** What to say of a store with no points: which store it is, and how to fill it. */
    static String holdsNoPoints(String store) {
        return "the " + store + " holds no points. Fill it with ./minerwatch backfill (live providers) or "
                + "./minerwatch import FILE.csv; the demo's store is read with --data-dir .minerwatch/demo/store";
    }

    /** The recorded providers and the clock that runs at their time. */
    private record Recorded(RecordingServer providers, RecordingClock clock) {}

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("warning: " + e.getMessage());
            }
        }
    }
}
