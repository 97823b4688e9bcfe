package dev.minerwatch.cli;

import dev.minerwatch.config.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.EmbeddedDynamoDb;
import dev.minerwatch.localaws.RecordedProviders;
import dev.minerwatch.store.MinerwatchTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a CLI command runs in: the process environment, plus what the laptop stands in for. Without
 * a DynamoDB endpoint or table configured, an embedded DynamoDB Local keeps the data in a local folder; with
 * {@code --recorded}, a local server answers for the providers and the clock starts at the recording time.
 */
final class LocalEnvironment implements AutoCloseable {

    private final Map<String, String> env;
    private final Clock clock;
    private final Optional<Recorded> recorded;
    private final List<String> description;
    private final List<AutoCloseable> resources;

    private LocalEnvironment(Map<String, String> env, Clock clock, Optional<Recorded> recorded,
                             List<String> description, List<AutoCloseable> resources) {
        this.env = env;
        this.clock = clock;
        this.recorded = recorded;
        this.description = description;
        this.resources = resources;
    }

    static LocalEnvironment start(Map<String, String> processEnv, Path dataDir, Optional<Path> recordedProviders,
                                  Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(processEnv);
        env.putAll(overrides);
        List<String> description = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        Recorded recorded = null;
        try {
            Settings configured = Settings.of(env);
            if (configured.awsEndpoint("dynamodb").isEmpty() && configured.get(Settings.TABLE_NAME).isEmpty()) {
                EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.persistent(dataDir);
                resources.add(dynamoDb);
                env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
                env.putIfAbsent("AWS_REGION", "us-east-1");
                boolean realSns = configured.topicArn().isPresent() && configured.awsEndpoint("sns").isEmpty();
                if (!realSns && configured.get("AWS_ACCESS_KEY_ID").isEmpty()) {
                    // DynamoDB Local accepts any key but wants one; these never leave the machine. Real
                    // credentials, when present or needed for a real topic, are left alone.
                    env.put("AWS_ACCESS_KEY_ID", "local");
                    env.put("AWS_SECRET_ACCESS_KEY", "local");
                }
                MinerwatchTable.create(AwsClients.dynamoDb(Settings.of(env)), Settings.of(env).tableName());
                description.add("store: embedded DynamoDB Local in " + dataDir.toAbsolutePath().normalize());
            } else {
                description.add("store: DynamoDB table " + configured.tableName()
                        + configured.awsEndpoint("dynamodb").map(e -> " at " + e).orElse(" in " + configured.region()));
            }
            if (recordedProviders.isPresent()) {
                RecordedProviders providers = RecordedProviders.serve(recordedProviders.get());
                resources.add(providers);
                env.putAll(providers.environment());
                env.putIfAbsent(Settings.SOSOVALUE_API_KEY, "recorded"); // the recordings ignore keys
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
                String arn = AwsClients.sns(settings).createTopic(b -> b.name("minerwatch-alerts")).topicArn();
                env.put(Settings.TOPIC_ARN, arn);
            }
            description.add(Settings.of(env).topicArn().map(arn -> "notifications: SNS topic " + arn)
                    .orElse("notifications: console (no topic configured)"));
            return new LocalEnvironment(Map.copyOf(env), clock, Optional.ofNullable(recorded), description, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    Settings settings() {
        return Settings.of(env);
    }

    Clock clock() {
        return clock;
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

    List<String> description() {
        return description;
    }

    /** The recorded providers and the clock that runs at their time. */
    private record Recorded(RecordedProviders providers, RecordingClock clock) {
    }

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
