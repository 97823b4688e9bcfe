package dev.minerwatch.testkit;

import dev.minerwatch.localaws.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * A running local AWS with DynamoDB, SNS, SQS, SSM and S3 on one endpoint. Tests use it through {@link #environment()},
 * the same variables that point the real code at any endpoint.
 *
 * <p>Which emulator runs: LocalStack in Docker (pinned image) when a Docker engine answers; otherwise
 * {@code moto_server} from the PATH on a free 127.0.0.1 port. {@code -Dminerwatch.aws=localstack|moto} forces
 * one. Where neither exists, {@link LocalAwsExtension} skips the test with the reason, or fails it under
 * {@code -Dminerwatch.require-emulator=true} (CI).
 */
public final class LocalAws implements AutoCloseable {

    /** Set to true (CI does) to make a missing emulator a failure instead of a skip. */
    public static final String REQUIRE_EMULATOR_PROPERTY = "minerwatch.require-emulator";

    static final String CHOICE_PROPERTY = "minerwatch.aws";
    static final String IMAGE_PROPERTY = "minerwatch.localstack.image";
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    public static final String REGION = "us-east-1";
    /** What a user without an emulator reads. */
    static final String HOW_TO_GET_ONE =
            "no AWS emulator: no Docker engine for LocalStack and no moto_server on the PATH"
                    + " (install one: pip install 'moto[server]', or start Docker)";

    private final String description;
    private final URI endpoint;
    private final AutoCloseable emulator;
    private final Duration deliveryQuiet;

    private LocalAws(String description, URI endpoint, AutoCloseable emulator, Duration deliveryQuiet) {
        this.description = description;
        this.endpoint = endpoint;
        this.emulator = emulator;
        this.deliveryQuiet = deliveryQuiet;
    }

    /** Starts the best emulator this machine can run; empty when it has none. */
    public static Optional<LocalAws> start() {
        String choice = System.getProperty(CHOICE_PROPERTY, "auto");
        boolean docker =
                !choice.equals("moto") && DockerClientFactory.instance().isDockerAvailable();
        if (choice.equals("localstack") && !docker) {
            throw new IllegalStateException("-D" + CHOICE_PROPERTY + "=localstack, but no Docker engine answers");
        }
        if (docker) {
            String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
            LocalStackAws localStack = LocalStackAws.start(image);
            return Optional.of(new LocalAws(
                    "LocalStack " + image + " (Docker)", localStack.endpoint(), localStack, Duration.ofSeconds(2)));
        }
        Optional<Path> moto = MotoServer.findExecutable();
        if (moto.isEmpty()) {
            return Optional.empty();
        }
        MotoServer motoServer = MotoServer.start(moto.get());
        return Optional.of(
                new LocalAws(motoServer.description(), motoServer.endpoint(), motoServer, Duration.ofMillis(250)));
    }

    public String description() {
        return description;
    }

    /**
     * How long a subscribed queue must stay empty before a test may take it that the topic delivered everything
     * ({@link TopicInbox.Subscriber#drain}): moto_server delivers to the queue within the publish call, so a moment;
     * LocalStack delivers asynchronously, so two seconds.
     */
    public Duration deliveryQuiet() {
        return deliveryQuiet;
    }

    /** The one endpoint every emulated service answers on. */
    public URI endpoint() {
        return endpoint;
    }

    /** The environment that points minerwatch (and any AWS SDK) at this emulator: endpoints, region, dummy keys. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", endpoint.toString());
        env.put("AWS_ENDPOINT_URL_SNS", endpoint.toString());
        env.put("AWS_ENDPOINT_URL_SQS", endpoint.toString());
        env.put("AWS_ENDPOINT_URL_SSM", endpoint.toString());
        env.put("AWS_ENDPOINT_URL_S3", endpoint.toString());
        // moto_server copies a whole table for every item of a transaction and applies one request at a time: on a
        // table of years, one call can take far longer than AWS's milliseconds.
        env.put("MINERWATCH_AWS_CALL_TIMEOUT", "PT3M");
        return Map.copyOf(env);
    }

    @Override
    public void close() throws Exception {
        emulator.close();
    }

    @Override
    public String toString() {
        return description;
    }
}
