package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.localaws.SamTemplate;
import dev.minerwatch.testkit.EmulatedBucket;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lambda artifact on its own. The shade filters of {@code functions/pom.xml} leave out parts of the SDK the
 * functions never reach (docs/decisions.md, "What the artifact leaves out"); here each function of the template
 * runs in a fresh JVM whose class path is the artifact (plus the test's own driver and Lambda context), so a class
 * a function needs and the artifact lacks fails the build, not a deployment.
 */
@ExtendWith(LocalAwsExtension.class)
class ArtifactIT {

    private static final Path ARTIFACT = RepositoryLayout.root().resolve("functions/target/minerwatch-functions.jar");

    /** Every function of the template (TemplateIT pins which they are), with the Globals' environment merged in. */
    private static final Collection<SamTemplate.Function> FUNCTIONS =
            SamTemplate.repository().functions().values();

    /** Issue 20's budget for the deployment package. */
    private static final long BUDGET_BYTES = 9_000_000;

    @Test
    void staysUnderItsBudgetWithoutTheSdkPartsNoFunctionReaches() throws IOException {
        assertThat(Files.size(ARTIFACT)).isLessThan(BUDGET_BYTES);
        try (ZipFile jar = new ZipFile(ARTIFACT.toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();
            assertThat(names)
                    .contains(
                            "software/amazon/awssdk/services/dynamodb/DefaultDynamoDbClient.class",
                            "software/amazon/awssdk/services/sns/DefaultSnsClient.class",
                            "software/amazon/awssdk/regions/Region.class")
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/regions/servicemetadata/"))
                    .noneMatch(name -> name.startsWith("software/amazon/awssdk/services/dynamodb/streams/"))
                    .noneMatch(name -> name.startsWith("META-INF/maven/"));
        }
    }

    /**
     * As in AWS: no endpoint overrides, so every client resolves its endpoint by the SDK's rules; SnapStart's
     * initialisation, so each handler primes every DynamoDB and SNS operation (answered in memory, no I/O).
     */
    @Test
    void everyFunctionIsBuiltAndPrimedOnTheArtifactWithAwsEndpoints() throws Exception {
        assertThat(FUNCTIONS).isNotEmpty();
        for (SamTemplate.Function function : FUNCTIONS) {
            Map<String, String> env = new HashMap<>(function.environment());
            env.put("AWS_REGION", "eu-central-1");
            env.put("AWS_ACCESS_KEY_ID", "artifact");
            env.put("AWS_SECRET_ACCESS_KEY", "artifact");
            env.put(Settings.TABLE_NAME, "minerwatch");
            env.put(Settings.TOPIC_ARN, "arn:aws:sns:eu-central-1:123456789012:minerwatch-alerts");
            env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");

            String output = run(function, env, Instant.parse("2026-02-05T14:05:00Z"), "prime");

            assertThat(output).as(function.logicalId()).contains("PRIMED " + function.handlerClass());
        }
    }

    @Test
    void everyFunctionRunsItsEventFromTheArtifactAgainstTheEmulator(LocalAws aws) throws Exception {
        try (RecordedProviders providers = RecordedProviders.serve(RepositoryLayout.recordedProviders())) {
            Map<String, String> shared = new HashMap<>(aws.environment());
            shared.putAll(providers.environment());
            shared.put(Settings.TABLE_NAME, "artifact-" + UUID.randomUUID());
            shared.put(Settings.SITE_BUCKET, EmulatedBucket.create(aws).name());
            Settings settings = Settings.of(shared);
            MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
            shared.put(
                    Settings.TOPIC_ARN,
                    AwsClients.sns(settings)
                            .createTopic(b -> b.name("artifact-" + UUID.randomUUID()))
                            .topicArn());
            assertThat(FUNCTIONS).isNotEmpty();
            for (SamTemplate.Function function : FUNCTIONS) {
                Map<String, String> env = new HashMap<>(function.environment());
                env.putAll(shared);

                String output = run(function, env, providers.recordedAt(), "invoke");

                String report = output.substring(output.indexOf("REPORT ") + "REPORT ".length())
                        .trim();
                assertThat(Json.parseObject(report)).as(function.logicalId()).isNotEmpty();
            }
        }
    }

    /** Runs {@link ArtifactInvocation} for {@code function} in a fresh JVM; returns its output, failing on any error. */
    private static String run(SamTemplate.Function function, Map<String, String> env, Instant clock, String mode)
            throws IOException, InterruptedException, URISyntaxException {
        String classPath = String.join(
                File.pathSeparator,
                ARTIFACT.toString(),
                codeSource(ArtifactInvocation.class),
                codeSource(LocalLambdaContext.class));
        Path event = RepositoryLayout.root().resolve("events").resolve(function.eventFile());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classPath,
                        ArtifactInvocation.class.getName(),
                        function.handlerClass(),
                        event.toString(),
                        clock.toString(),
                        mode)
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue())
                .as("%s from the artifact alone:%n%s", function.logicalId(), output)
                .isZero();
        assertThat(output).as(function.logicalId()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException");
        return output;
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }
}
