package dev.minerwatch.localaws;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;

/**
 * A running local AWS: DynamoDB, and SNS with SQS when the machine has an emulator for them. Tests use it
 * through {@link #environment()}, the same variables that point the real code at any endpoint.
 *
 * <p>Which stack runs: LocalStack in Docker when a Docker engine answers; otherwise DynamoDB Local in-process
 * and {@code moto_server} when it is on the PATH. {@code -Dminerwatch.aws=localstack|emulators} forces one.
 */
public final class LocalAws implements AutoCloseable {

    /** Set to true (CI does) to make a missing SNS emulator a failure instead of a skip. */
    public static final String REQUIRE_SNS_PROPERTY = "minerwatch.require-sns";
    static final String CHOICE_PROPERTY = "minerwatch.aws";
    static final String IMAGE_PROPERTY = "minerwatch.localstack.image";
    static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    public static final String REGION = "us-east-1";

    private final String description;
    private final URI dynamoDb;
    private final URI messaging;
    private final String messagingUnavailable;
    private final List<AutoCloseable> resources;

    private LocalAws(String description, URI dynamoDb, URI messaging, String messagingUnavailable,
                     List<AutoCloseable> resources) {
        this.description = description;
        this.dynamoDb = dynamoDb;
        this.messaging = messaging;
        this.messagingUnavailable = messagingUnavailable;
        this.resources = resources;
    }

    /** Starts the best local AWS this machine can run. */
    public static LocalAws start() {
        String choice = System.getProperty(CHOICE_PROPERTY, "auto");
        boolean docker = !choice.equals("emulators") && DockerClientFactory.instance().isDockerAvailable();
        if (choice.equals("localstack") && !docker) {
            throw new IllegalStateException("-D" + CHOICE_PROPERTY + "=localstack, but no Docker engine answers");
        }
        return docker ? startLocalStack() : startEmulators();
    }

    private static LocalAws startLocalStack() {
        String image = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE);
        LocalStackAws localStack = LocalStackAws.start(image);
        return new LocalAws("LocalStack " + image + " (Docker)", localStack.endpoint(), localStack.endpoint(), null,
                List.of(localStack));
    }

    private static LocalAws startEmulators() {
        List<AutoCloseable> resources = new ArrayList<>();
        EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory();
        resources.add(dynamoDb);
        Optional<java.nio.file.Path> moto = MotoServer.findExecutable();
        if (moto.isEmpty()) {
            return new LocalAws("DynamoDB Local (in-process); no SNS emulator", dynamoDb.endpoint(), null,
                    "no SNS emulator: no Docker engine for LocalStack and no moto_server on the PATH "
                            + "(install one: pip install 'moto[server]', or start Docker)", resources);
        }
        MotoServer motoServer = MotoServer.start(moto.get());
        resources.add(motoServer);
        return new LocalAws("DynamoDB Local (in-process) and moto_server " + motoServer.endpoint(), dynamoDb.endpoint(),
                motoServer.endpoint(), null, resources);
    }

    public String description() {
        return description;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDb;
    }

    public boolean hasSns() {
        return messaging != null;
    }

    /**
     * Aborts the calling test, saying why, when there is no SNS emulator; fails it instead when
     * {@code -Dminerwatch.require-sns=true}, so that CI cannot pass by skipping.
     */
    public void assumeSns() {
        if (hasSns()) {
            return;
        }
        if (Boolean.getBoolean(REQUIRE_SNS_PROPERTY)) {
            Assertions.fail(messagingUnavailable + ", and -D" + REQUIRE_SNS_PROPERTY + "=true");
        }
        Assumptions.abort(messagingUnavailable);
    }

    /**
     * The environment that points minerwatch (and any AWS SDK) at this stack: endpoints, region and dummy
     * credentials. SNS, SQS and SSM variables are present only when they are emulated.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString());
        if (messaging != null) {
            env.put("AWS_ENDPOINT_URL_SNS", messaging.toString());
            env.put("AWS_ENDPOINT_URL_SQS", messaging.toString());
            env.put("AWS_ENDPOINT_URL_SSM", messaging.toString());
        }
        return Map.copyOf(env);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
