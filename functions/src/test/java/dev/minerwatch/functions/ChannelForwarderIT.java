package dev.minerwatch.functions;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.WebhookConsumer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The {@code ChannelForwarderFunction} invoked with the SNS event Lambda receives ({@code events/channel-forwarder.json}),
 * its channels' secrets in SSM SecureString parameters on the emulator, and WireMock standing in for a webhook
 * consumer, Slack, Discord, Telegram, ntfy and Pushover.
 */
@ExtendWith(LocalAwsExtension.class)
class ChannelForwarderIT {

    private static final String EVENT_ID = "2026-02-05#price_below_production_cost#1";
    private static final String PUSHOVER_APP = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    /** Where each channel posts on the stand-in server. */
    private static final List<String> PATHS = List.of(
            "/hook", "/slack", "/discord", "/bot123456:telegram-token/sendMessage", "/ntfy/", "/1/messages.json");

    private WireMockServer receivers;
    private Map<String, String> env;
    private String prefix;

    @BeforeEach
    void start(LocalAws aws) {
        receivers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receivers.start();
        for (String path : PATHS) {
            receivers.stubFor(post(urlPathEqualTo(path))
                    .willReturn(aResponse().withStatus(200).withBody("ok")));
        }
        String base = "http://127.0.0.1:" + receivers.port();
        prefix = "/minerwatch/" + UUID.randomUUID();
        Map<String, String> secrets = Map.of(
                "WEBHOOK_URL",
                base + "/hook",
                "WEBHOOK_SECRET",
                "consumer-shared-secret",
                "SLACK_WEBHOOK_URL",
                base + "/slack",
                "DISCORD_WEBHOOK_URL",
                base + "/discord",
                "TELEGRAM_BOT_TOKEN",
                "123456:telegram-token",
                "NTFY_URL",
                base + "/ntfy/mw-topic",
                "NTFY_TOKEN",
                "tk_ntfytoken",
                "PUSHOVER_USER_KEY",
                "uQiRzpo4DXghDmr9QzzfQu27cmVRsG",
                "PUSHOVER_APP_TOKEN",
                PUSHOVER_APP);
        env = new HashMap<>(aws.environment());
        try (SsmClient ssm = AwsClients.configure(SsmClient.builder(), Settings.of(env), "ssm")
                .build()) {
            secrets.forEach((variable, value) -> {
                String name = prefix + "/" + variable.toLowerCase().replace('_', '-');
                ssm.putParameter(
                        b -> b.name(name).type(ParameterType.SECURE_STRING).value(value));
                env.put(variable + "_PARAMETER", name);
            });
        }
        env.put("TELEGRAM_CHAT_ID", "-100123");
        env.put("TELEGRAM_BASE_URL", base);
        env.put("PUSHOVER_BASE_URL", base);
        // The table the stack gives the forwarder: where it keeps which channels took each event.
        env.put(Settings.TABLE_NAME, "minerwatch-" + UUID.randomUUID());
        Settings settings = Settings.of(env);
        MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
    }

    @AfterEach
    void stop() {
        receivers.stop();
    }

    private String invoke(byte[] event) throws Exception {
        ChannelForwarderHandler handler =
                new ChannelForwarderHandler(new Minerwatch(Settings.of(env), Clock.systemUTC()), Clock.systemUTC());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(event), out, LocalLambdaContext.quiet("ChannelForwarderFunction"));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] recordedEvent() throws Exception {
        return Files.readAllBytes(RepositoryLayout.root().resolve("events/channel-forwarder.json"));
    }

    private List<LoggedRequest> received(String path) {
        return receivers.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void anAlertFromTheTopicReachesEveryChannelInItsOwnFormWithSecretsFromSsm() throws Exception {
        String report = invoke(recordedEvent());

        assertThat(Json.parseObject(report)).containsEntry("messages", 1);
        LoggedRequest hook = received("/hook").get(0);
        assertThat(WebhookConsumer.accepts("consumer-shared-secret", hook)).isTrue();
        assertThat(Json.parseObject(hook.getBodyAsString()))
                .containsEntry("event_id", EVENT_ID)
                .containsEntry("status", "firing")
                .containsEntry("rule", "price_below_production_cost")
                .containsEntry("severity", "critical")
                .containsEntry("date", "2026-02-05")
                .containsEntry("sources", List.of("coinbase", "coingecko", "kraken"))
                .containsKey("text");
        assertThat(Json.parseObject(received("/slack").get(0).getBodyAsString()).get("text"))
                .asString()
                .startsWith("*minerwatch ALERT [critical]: BTC price below production cost (2026-02-05)*\n");
        assertThat(Json.parseObject(received("/discord").get(0).getBodyAsString())
                        .get("content"))
                .asString()
                .startsWith("**minerwatch ALERT [critical]");
        assertThat(Json.parseObject(
                        received("/bot123456:telegram-token/sendMessage").get(0).getBodyAsString()))
                .containsEntry("chat_id", "-100123");
        LoggedRequest ntfy = received("/ntfy/").get(0);
        assertThat(ntfy.getHeader("Authorization")).isEqualTo("Bearer tk_ntfytoken");
        assertThat(Json.parseObject(ntfy.getBodyAsString())).containsEntry("topic", "mw-topic");
        assertThat(received("/1/messages.json").get(0).getBodyAsString())
                .startsWith("token=" + PUSHOVER_APP + "&user=uQiRzpo4DXghDmr9QzzfQu27cmVRsG&title=")
                .contains("&priority=2&retry=300&expire=3600&tags=price_below_production_cost");
        assertThat(report)
                .doesNotContain("telegram-token")
                .doesNotContain("mw-topic")
                .doesNotContain("tk_ntfytoken")
                .doesNotContain(PUSHOVER_APP)
                .doesNotContain("/slack")
                .doesNotContain("consumer-shared");
    }

    @Test
    void aChannelsFilterKeepsWhatItDoesNotWant() throws Exception {
        env.put("SLACK_RULES", "etf_daily_outflow,digest");
        env.put("DISCORD_MIN_SEVERITY", "critical");
        env.put("TELEGRAM_MIN_SEVERITY", "warning");

        String report = invoke(recordedEvent());

        assertThat(received("/slack")).isEmpty();
        assertThat(received("/discord")).hasSize(1);
        assertThat(received("/bot123456:telegram-token/sendMessage")).hasSize(1);
        assertThat(report).contains("\"channel\":\"slack\",\"result\":\"not wanted (its filter)\"");
    }

    @Test
    void aChannelThatFailsFailsTheInvocationSoLambdaRetriesAndTheOthersStillGetIt() throws Exception {
        receivers.stubFor(
                post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> invoke(recordedEvent()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Lambda retries the delivery")
                .hasMessageContaining("\"channel\":\"discord\",\"result\":\"FAILED discord: HTTP 503")
                .hasMessageNotContaining("/discord");
        assertThat(received("/hook")).hasSize(1);
        assertThat(received("/slack")).hasSize(1);
        assertThat(received("/bot123456:telegram-token/sendMessage")).hasSize(1);
    }

    @Test
    void lambdasRetryPostsOnlyToTheChannelsThatDidNotTakeTheEvent() throws Exception {
        receivers.stubFor(
                post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> invoke(recordedEvent())).hasMessageContaining("FAILED discord");
        int refused = received("/discord").size(); // each answered 503 (the post tries more than once)
        receivers.stubFor(
                post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(204)));

        String retry = invoke(recordedEvent());
        String again = invoke(recordedEvent());

        assertThat(received("/discord")).as("refused, then taken once").hasSize(refused + 1);
        assertThat(received("/hook")).hasSize(1);
        assertThat(received("/slack")).hasSize(1);
        assertThat(received("/bot123456:telegram-token/sendMessage")).hasSize(1);
        assertThat(retry)
                .contains("\"channel\":\"slack\",\"result\":\"took it already (a retried delivery)\"")
                .contains("\"channel\":\"discord\",\"result\":\"ok (discord-204)\"");
        assertThat(again).doesNotContain("\"result\":\"ok");
        assertThat(received("/discord")).hasSize(refused + 1);
    }

    @Test
    void twoConcurrentDeliveriesOfOneMessagePostToEachChannelOnceAndTheLoserIsRetriedIntoReceipts() throws Exception {
        for (String path : PATHS) {
            receivers.stubFor(post(urlPathEqualTo(path))
                    .willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(1_500)));
        }
        List<String> reports = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread[] deliveries = new Thread[2];
        for (int i = 0; i < deliveries.length; i++) {
            deliveries[i] = Thread.ofPlatform().start(() -> {
                try {
                    reports.add(invoke(recordedEvent()));
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
        }
        for (Thread delivery : deliveries) {
            delivery.join();
        }
        String retry = invoke(recordedEvent());

        for (String path : PATHS) {
            assertThat(received(path)).as(path).hasSize(1);
        }
        assertThat(reports.size() + failures.size()).isEqualTo(2);
        assertThat(failures)
                .allSatisfy(
                        e -> assertThat(e).hasMessageContaining("another delivery of this event holds the channel"));
        assertThat(retry).doesNotContain("\"result\":\"ok").doesNotContain("FAILED");
    }

    @Test
    void aStoreThatCannotKeepReceiptsFailsTheDeliveryAndPostsNothingSoRetriesPostNoCopies() throws Exception {
        env.put(Settings.TABLE_NAME, "no-such-table-" + UUID.randomUUID());

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> invoke(recordedEvent()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not posted, so that a retry posts it once");
        }

        for (String path : PATHS) {
            assertThat(received(path)).as(path).isEmpty();
        }
    }

    @Test
    void aSecretThatCannotBeReadFailsTheInvocationNamingTheParameterNotItsValue() {
        env.put("SLACK_WEBHOOK_URL_PARAMETER", prefix + "/missing");

        assertThatThrownBy(() -> invoke(recordedEvent()))
                .hasMessageContaining(prefix + "/missing")
                .hasMessageContaining("SLACK_WEBHOOK_URL_PARAMETER");
        assertThat(received("/hook")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAlertPublishedOnItsOwnForTheSubscriptionsIsLeftToItsBatchAndPostsNothing() throws Exception {
        Map<String, Object> event = Json.parseObject(new String(recordedEvent(), StandardCharsets.UTF_8));
        Map<String, Object> sns =
                (Map<String, Object>) ((Map<String, Object>) ((List<Object>) event.get("Records")).get(0)).get("Sns");
        Map<String, Object> batch = Json.parseObject((String) sns.get("Message"));
        Object alert = ((List<Object>) ((Map<String, Object>) batch.get("facts")).get("alerts")).get(0);
        sns.put("Message", Json.write(alert));
        sns.put("MessageAttributes", Map.of());

        String report = invoke(Json.write(event).getBytes(StandardCharsets.UTF_8));

        assertThat(Json.parseObject(report)).containsEntry("messages", 0);
        assertThat(receivers.findAll(postRequestedFor(urlPathMatching("/.*")))).isEmpty();
    }

    @Test
    void aPlainTextMessagePublishedByHandIsForwardedAsText() throws Exception {
        String event = """
                {"Records":[{"EventSource":"aws:sns","Sns":{"Type":"Notification","MessageId":"m-1",
                "Subject":"hello from the console","Message":"the pool is back","MessageAttributes":{}}}]}""";

        invoke(event.getBytes(StandardCharsets.UTF_8));

        assertThat(Json.parseObject(received("/hook").get(0).getBodyAsString()))
                .containsEntry("event_id", "sns-m-1")
                .containsEntry("subject", "hello from the console")
                .containsEntry("text", "the pool is back");
    }

    @Test
    void anEventThatIsNotFromSnsIsRefusedSayingWhatIsMissing() {
        assertThatThrownBy(
                        () -> invoke("{\"scheduledTime\":\"2026-02-05T14:10:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an SNS event: no Records");
        assertThat(received("/hook")).isEmpty();
    }
}
