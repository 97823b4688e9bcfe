package dev.minerwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.localaws.SamTemplate;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.TopicInbox;
import dev.minerwatch.testkit.WebhookConsumer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code minerwatch invoke} for every function of template.yaml, with its event from {@code events/}, against
 * DynamoDB and SNS on the emulator (the endpoint variables), providers answered from the recordings: each
 * succeeds, and a second invocation with the same execution id changes nothing in the table.
 */
@ExtendWith(LocalAwsExtension.class)
class InvokeCommandIT {

    private Map<String, String> env;
    private DynamoDbClient dynamoDb;
    private String table;
    private TopicInbox.Subscriber inbox;

    /** How long a queue stays empty before the topic is taken to have delivered everything. */
    private java.time.Duration quiet;

    @BeforeEach
    void emulators(LocalAws aws) {
        quiet = aws.deliveryQuiet();
        env = new HashMap<>(aws.environment());
        table = "minerwatch-" + UUID.randomUUID();
        env.put(Settings.TABLE_NAME, table);
        Settings settings = Settings.of(env);
        dynamoDb = AwsClients.dynamoDb(settings);
        MinerwatchTable.create(dynamoDb, table);
        TopicInbox topic = TopicInbox.create(
                AwsClients.sns(settings),
                AwsClients.configure(SqsClient.builder(), settings, "sqs").build(),
                "alerts-" + UUID.randomUUID());
        inbox = topic.subscribe("inbox-" + UUID.randomUUID());
        env.put(Settings.TOPIC_ARN, topic.topicArn());
    }

    private static Path eventOf(String function) {
        return RepositoryLayout.root()
                .resolve("events")
                .resolve(SamTemplate.repository()
                        .function(function)
                        .orElseThrow()
                        .eventFile());
    }

    private Cli.Result invoke(String function) {
        return Cli.minerwatch(
                env,
                "invoke",
                function,
                "--event",
                eventOf(function).toString(),
                "--recorded",
                RepositoryLayout.recordedProviders().toString());
    }

    private List<Map<String, AttributeValue>> tableContents() {
        return dynamoDb.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .sorted((a, b) -> (a.get("pk").s() + a.get("sk").s())
                        .compareTo(b.get("pk").s() + b.get("sk").s()))
                .toList();
    }

    @Test
    void everyFunctionOfTheTemplateHasAnEventFile() {
        assertThat(SamTemplate.repository().functions()).hasSize(9);
        SamTemplate.repository()
                .functions()
                .keySet()
                .forEach(function -> assertThat(eventOf(function)).isRegularFile());
        assertThat(eventOf("EtfFlowCollectorFunction").getFileName().toString()).isEqualTo("etf-flow-collector.json");
    }

    @Test
    void theForwarderPostsTheTopicsMessageFromItsEventFileToTheChannelsOfTheEnvironment() throws Exception {
        WireMockServer consumer =
                new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        consumer.start();
        try {
            consumer.stubFor(
                    post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
            env.put("WEBHOOK_URL", "http://127.0.0.1:" + consumer.port() + "/hook");
            env.put("WEBHOOK_SECRET", "consumer-shared-secret");

            Cli.Result forwarded = invoke("ChannelForwarderFunction");

            assertThat(forwarded.exitCode()).as(forwarded.err()).isZero();
            assertThat(forwarded.out()).contains("\"result\" : \"ok (webhook-204)\"");
            assertThat(consumer.findAll(postRequestedFor(urlPathEqualTo("/hook"))))
                    .singleElement()
                    .satisfies(hook -> {
                        assertThat(hook.getBodyAsString())
                                .contains("\"event_id\":\"2026-02-05#price_below_production_cost#1\"");
                        assertThat(WebhookConsumer.accepts("consumer-shared-secret", hook))
                                .isTrue();
                    });
        } finally {
            consumer.stop();
        }
    }

    @Test
    void everyFunctionSucceedsAndASecondInvocationWithTheSameExecutionIdChangesNothing() throws Exception {
        for (String function : List.of(
                "MarketCollectorFunction",
                "NetworkCollectorFunction",
                "EtfFlowCollectorFunction",
                "BackfillFunction",
                "EvaluationFunction",
                "DigestFunction")) {
            Cli.Result first = invoke(function);
            assertThat(first.exitCode()).as(function + ": " + first.err()).isZero();
            Map<String, Object> response = Json.parseObject(first.out());
            assertThat(response.get("executionId").toString()).as(function).startsWith("a1b2c3d4-");
            assertThat((List<?>) response.getOrDefault("failed", List.of()))
                    .as(function + " failed: " + response.get("failed"))
                    .isEmpty();
            assertThat(first.err()).contains("invoking " + function);
            List<Map<String, AttributeValue>> after = tableContents();

            Cli.Result again = invoke(function);

            assertThat(again.exitCode()).as(function + ": " + again.err()).isZero();
            assertThat(tableContents())
                    .as(function + " invoked again with the same execution id")
                    .isEqualTo(after);
        }
        // The evaluation published the February 2026 alerts once, and not again; the digest went out once.
        List<Message> received = inbox.drainWithoutBatches(quiet);
        List<String> rules = received.stream()
                .filter(m -> m.messageAttributes().containsKey("rule"))
                .map(m -> m.messageAttributes().get("rule").stringValue())
                .toList();
        assertThat(received)
                .filteredOn(m -> m.messageAttributes().containsKey("kind"))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("minerwatch digest for 2026-02-05"));
        assertThat(rules)
                .contains("price_below_production_cost", "etf_daily_outflow")
                .doesNotHaveDuplicates();
        assertThat(tableContents()).anyMatch(item -> item.get("pk").s().startsWith("POINT#btc_usd"));
    }

    @Test
    void anUnknownFunctionIsAUsageErrorThatListsTheFunctions() {
        Cli.Result result = Cli.minerwatch(env, "invoke", "NoSuchFunction");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err())
                .contains("no function NoSuchFunction in the template")
                .contains("EvaluationFunction", "MarketCollectorFunction");
    }

    @Test
    void anEventThatIsNotJsonIsAUsageError(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path event = dir.resolve("event.json");
        java.nio.file.Files.writeString(event, "scheduledTime=now");

        Cli.Result result = Cli.minerwatch(env, "invoke", "MarketCollectorFunction", "--event", event.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--event " + event);
    }
}
