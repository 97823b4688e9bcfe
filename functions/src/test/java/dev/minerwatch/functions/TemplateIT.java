package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.minerwatch.localaws.RepositoryLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the code and the built artifact: every function's handler exists, is a Lambda handler
 * and is inside the jar its CodeUri names; and cfn-lint finds nothing. Runs after {@code package}.
 */
class TemplateIT {

    private static JsonNode template;
    private static Path root;

    @BeforeAll
    static void readTemplate() throws IOException {
        root = RepositoryLayout.root();
        // CloudFormation's short tags (!Ref, !GetAtt...) are read as the plain values they carry.
        template = new ObjectMapper(new YAMLFactory()).readTree(root.resolve("template.yaml").toFile());
    }

    private static Map<String, JsonNode> functions() {
        Map<String, JsonNode> functions = new java.util.TreeMap<>();
        template.get("Resources").properties().forEach(resource -> {
            if ("AWS::Serverless::Function".equals(resource.getValue().path("Type").asText())) {
                functions.put(resource.getKey(), resource.getValue().get("Properties"));
            }
        });
        return functions;
    }

    private static String codeUri(JsonNode properties) {
        JsonNode own = properties.get("CodeUri");
        return own != null ? own.asText() : template.at("/Globals/Function/CodeUri").asText();
    }

    @Test
    void thereAreTheMarketAndEvaluationFunctions() {
        assertThat(functions()).containsKeys("MarketCollectorFunction", "EvaluationFunction");
    }

    @Test
    void everyHandlerExistsAndImplementsALambdaHandlerInterface() throws Exception {
        for (var function : functions().entrySet()) {
            String handler = function.getValue().get("Handler").asText();
            String[] classAndMethod = handler.split("::");
            Class<?> type = Class.forName(classAndMethod[0]);

            assertThat(RequestStreamHandler.class.isAssignableFrom(type) || RequestHandler.class.isAssignableFrom(type))
                    .as("%s: %s implements RequestStreamHandler or RequestHandler", function.getKey(), handler).isTrue();
            assertThat(classAndMethod).as(function.getKey()).hasSize(2);
            assertThat(classAndMethod[1]).isEqualTo("handleRequest");
            assertThat(type.getConstructor()).as("%s needs a public no-argument constructor", handler).isNotNull();
        }
    }

    @Test
    void everyHandlerIsInTheArtifactItsCodeUriNames() throws IOException {
        for (var function : functions().entrySet()) {
            Path artifact = root.resolve(codeUri(function.getValue()));
            String handlerClass = function.getValue().get("Handler").asText().split("::")[0];

            assertThat(artifact).as("%s CodeUri", function.getKey()).isRegularFile();
            try (JarFile jar = new JarFile(artifact.toFile())) {
                assertThat(jar.getEntry(handlerClass.replace('.', '/') + ".class")).as(handlerClass).isNotNull();
                assertThat(jar.getEntry("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class")).isNotNull();
                assertThat(jar.getEntry("software/amazon/awssdk/http/apache/ApacheHttpClient.class")).isNull();
                assertThat(jar.getEntry("software/amazon/awssdk/http/nio/netty/NettyNioAsyncHttpClient.class")).isNull();
            }
        }
    }

    @Test
    void emailHearsEverySeveritySmsOnlyCriticalByDefaultAndBothFollowTheirParameters() {
        assertThat(template.at("/Parameters/EmailSeverities/Default").asText()).isEqualTo("critical,warning,info");
        assertThat(template.at("/Parameters/SmsSeverities/Default").asText()).isEqualTo("critical");
        assertThat(template.at("/Resources/AlertEmailSubscription/Properties/FilterPolicy/severity").asText())
                .isEqualTo("EmailSeverities");
        assertThat(template.at("/Resources/AlertSmsSubscription/Properties/FilterPolicy/severity").asText())
                .isEqualTo("SmsSeverities");
        assertThat(template.at("/Resources/EvaluationFunction/Properties/Environment/Variables/MINERWATCH_RULES")
                .isMissingNode()).isFalse();
        assertThat(template.at("/Resources/Table/Properties/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo("expiresAt");
    }

    @Test
    void everyFunctionRunsOnJava21() {
        assertThat(template.at("/Globals/Function/Runtime").asText()).isEqualTo("java21");
    }

    @Test
    void cfnLintFindsNothing() throws Exception {
        Assumptions.assumeTrue(onPath("cfn-lint"),
                "cfn-lint is not on the PATH (pip install cfn-lint); .ci/run installs and runs it");
        Process lint = new ProcessBuilder("cfn-lint", "template.yaml").directory(root.toFile())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(lint.exitValue()).as(output).isZero();
    }

    private static boolean onPath(String command) {
        List<Path> dirs = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            dirs.add(Path.of(dir));
        }
        return dirs.stream().anyMatch(dir -> Files.isExecutable(dir.resolve(command)));
    }
}
