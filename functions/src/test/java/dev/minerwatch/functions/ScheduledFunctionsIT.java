package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import dev.minerwatch.testkit.TopicInbox;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The foundation's promise: with the AWS endpoint variables pointed at an emulator (moto_server or LocalStack), the
 * market handler stores one point per day however often it runs, and the evaluation handler publishes exactly
 * one notification for the price/cost breach. Events are the files in {@code events/}.
 */
@ExtendWith(LocalAwsExtension.class)
class ScheduledFunctionsIT {

    private RecordedProviders providers;
    private Settings settings;
    private Clock clock;
    private TopicInbox.Subscriber inbox;
    private TopicInbox topic;

    /** How long a queue stays empty before the topic is taken to have delivered everything. */
    private Duration quiet;

    @BeforeEach
    void environment(LocalAws aws) {
        quiet = aws.deliveryQuiet();
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
        Map<String, String> env = new HashMap<>(aws.environment());
        env.putAll(providers.environment());
        env.put("MINERWATCH_TABLE", "minerwatch-" + UUID.randomUUID());
        env.put("PRODUCTION_COST_USD", "87000");
        Settings base = Settings.of(env);
        topic = TopicInbox.create(
                AwsClients.sns(base),
                AwsClients.configure(SqsClient.builder(), base, "sqs").build(),
                "alerts-" + UUID.randomUUID());
        // The whole default rule set runs; this subscriber hears only the price rule.
        inbox = topic.subscribe("inbox-" + UUID.randomUUID(), "{\"rule\": [\"price_below_production_cost\"]}");
        env.put("ALERT_TOPIC_ARN", topic.topicArn());
        settings = Settings.of(env);
        MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
    }

    @AfterEach
    void stopProviders() {
        providers.close();
    }

    private static Map<String, Object> invoke(RequestStreamHandler handler, String eventFile) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream event =
                Files.newInputStream(RepositoryLayout.root().resolve("events").resolve(eventFile))) {
            handler.handleRequest(
                    event, output, LocalLambdaContext.quiet(handler.getClass().getSimpleName()));
        }
        return Json.parseObject(output.toString(StandardCharsets.UTF_8));
    }

    private int storedPoints(String series) {
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        return dynamoDb.query(b -> b.tableName(settings.tableName())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("POINT#" + series))))
                .count();
    }

    /**
     * Invokes {@code handler} with {@code event} while the provider under {@code providerPath} hangs for 40 s and the
     * function has 23 s left, so its provider calls must end after 3 s; returns its report.
     */
    private Map<String, Object> invokeWhileAProviderHangs(
            ScheduledFunction handler, String functionName, String event, String providerPath) throws Exception {
        providers
                .server()
                .stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(
                                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(providerPath + ".*"))
                        .atPriority(1)
                        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"error\":[]}")
                                .withFixedDelay(40_000)));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        long started = System.nanoTime();

        try (InputStream in = Files.newInputStream(RepositoryLayout.root().resolve("events/" + event))) {
            handler.handleRequest(
                    in,
                    output,
                    new LocalLambdaContext(
                            functionName, 1024, (int) ScheduledFunction.STORE_RESERVE.toSeconds() + 3, null));
        }

        // A wide margin for a loaded machine, far from the provider's 40 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        return Json.parseObject(output.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCollectorsProviderCallsEndTheStoreReserveBeforeTheFunctionsTimeout() throws Exception {
        Map<String, Object> report = invokeWhileAProviderHangs(
                new MarketCollectorHandler(new Minerwatch(settings, clock), clock),
                "MarketCollectorFunction",
                "market-collector.json",
                "/kraken/");

        assertThat(values(report, "updated", "series")).contains("btc_usd");
        assertThat(report.toString()).contains("kraken").contains("timed out");
    }

    @Test
    void theBackfillsProviderCallsEndTheStoreReserveBeforeTheFunctionsTimeout() throws Exception {
        Map<String, Object> report = invokeWhileAProviderHangs(
                new BackfillHandler(new Minerwatch(settings, clock), clock),
                "BackfillFunction",
                "backfill.json",
                "/mempool/");

        assertThat(values(report, "failed", "series")).contains("hashrate_ehs", "difficulty");
        assertThat(report.toString()).contains("mempool").contains("timed out");
    }

    @Test
    void theMarketHandlerInvokedTwiceForOneDayLeavesOnePointPerSeries() throws Exception {
        MarketCollectorHandler handler = new MarketCollectorHandler(new Minerwatch(settings, clock), clock);

        Map<String, Object> first = invoke(handler, "market-collector.json");
        Map<String, Object> second = invoke(handler, "market-collector.json");

        assertThat(values(first, "updated", "series")).containsExactly("btc_usd", "eth_usd", "btc_ath_usd");
        assertThat(list(first, "failed")).isEmpty();
        assertThat(list(second, "updated")).isEmpty();
        assertThat(values(second, "unchanged", "series")).containsExactly("btc_usd", "eth_usd", "btc_ath_usd");
        assertThat(first.get("executionId")).isEqualTo("a1b2c3d4-0000-4000-8000-000000000001");
        assertThat(storedPoints("btc_usd")).isEqualTo(1);
        assertThat(storedPoints("eth_usd")).isEqualTo(1);
    }

    @Test
    void theEvaluationHandlerPublishesExactlyOneNotificationForThePriceCostBreach() throws Exception {
        invoke(new MarketCollectorHandler(new Minerwatch(settings, clock), clock), "market-collector.json");
        EvaluationHandler evaluation = new EvaluationHandler(new Minerwatch(settings, clock), clock);

        Map<String, Object> first = invoke(evaluation, "evaluation.json");
        Map<String, Object> retried = invoke(evaluation, "evaluation.json");
        Map<String, Object> coldStart =
                invoke(new EvaluationHandler(new Minerwatch(settings, clock), clock), "evaluation.json");

        assertThat(values(first, "delivered", "event")).containsOnlyOnce("2026-02-05#price_below_production_cost#1");
        assertThat(list(retried, "delivered")).isEmpty();
        assertThat(list(coldStart, "delivered")).isEmpty();
        var received = inbox.drainWithoutBatches(quiet);
        assertThat(received).hasSize(1);
        Message message = received.get(0);
        assertThat(message.body())
                .startsWith("FIRED price_below_production_cost on 2026-02-05")
                .contains("$69,280")
                .contains("$87,000");
        assertThat(message.messageAttributes().get("severity").stringValue()).isEqualTo("critical");
        assertThat(message.messageAttributes().get("rule").stringValue()).isEqualTo("price_below_production_cost");
    }

    @Test
    void theDigestHandlerPublishesTheDaysDigestOnceWhateverTheRetries() throws Exception {
        TopicInbox.Subscriber digests = topic.subscribe("digests-" + UUID.randomUUID(), "{\"kind\": [\"digest\"]}");
        invoke(new MarketCollectorHandler(new Minerwatch(settings, clock), clock), "market-collector.json");
        invoke(new NetworkCollectorHandler(new Minerwatch(settings, clock), clock), "network-collector.json");
        invoke(new EtfFlowCollectorHandler(new Minerwatch(settings, clock), clock), "etf-flow-collector.json");
        invoke(new EvaluationHandler(new Minerwatch(settings, clock), clock), "evaluation.json");
        DigestHandler digest = new DigestHandler(new Minerwatch(settings, clock), clock);

        Map<String, Object> first = invoke(digest, "digest.json");
        Map<String, Object> retried = invoke(digest, "digest.json");
        Map<String, Object> coldStart =
                invoke(new DigestHandler(new Minerwatch(settings, clock), clock), "digest.json");

        assertThat(first.get("recorded")).isEqualTo("2026-02-05#digest:daily#1");
        assertThat(list(first, "delivered")).asString().isEqualTo("[2026-02-05#digest:daily#1]");
        assertThat(retried.get("recorded")).isNull();
        assertThat(list(retried, "delivered")).isEmpty();
        assertThat(list(coldStart, "delivered")).isEmpty();
        var received = digests.drainWithoutBatches(quiet);
        assertThat(received).hasSize(1);
        Message message = received.get(0);
        assertThat(message.messageAttributes().get("kind").stringValue()).isEqualTo("digest");
        // The recorded providers' figures of 5 February 2026, mempool's retarget estimate included.
        assertThat(message.body())
                .contains("minerwatch digest for 2026-02-05")
                .contains("BTC $69,280")
                // PRODUCTION_COST_USD is the cost the rules compare against, so the one the digest shows (the
                // stored series, the model's, is $86,979.91).
                .contains("against a production cost of $87,000 fixed by PRODUCTION_COST_USD (-20.4%: under the cost)")
                .contains("Hashrate 915.85 EH/s, difficulty 141.67T; next retarget -11.16% expected around 2026-02-09")
                .contains("ETF net flow -$544.9M on 2026-02-04; 5-session sum")
                .contains("price_below_production_cost: ACTIVE since 2026-02-05");
        assertThat(inbox.drainWithoutBatches(quiet))
                .as("the price rule's subscriber")
                .hasSize(1);
    }

    @Test
    void aFailedPublishFailsTheInvocationAndTheNextRunDeliversTheAlert() throws Exception {
        invoke(new MarketCollectorHandler(new Minerwatch(settings, clock), clock), "market-collector.json");
        Map<String, String> brokenTopic = new HashMap<>();
        brokenTopic.put("ALERT_TOPIC_ARN", settings.topicArn().orElseThrow() + "-deleted");
        Settings broken = settings.with(brokenTopic);

        assertThatThrownBy(() -> invoke(new EvaluationHandler(new Minerwatch(broken, clock), clock), "evaluation.json"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("undelivered alerts stay queued")
                .hasMessageContaining("2026-02-05#price_below_production_cost#1");
        assertThat(inbox.drainWithoutBatches(quiet)).isEmpty();

        Map<String, Object> next =
                invoke(new EvaluationHandler(new Minerwatch(settings, clock), clock), "evaluation.json");

        assertThat(values(next, "delivered", "event")).containsOnlyOnce("2026-02-05#price_below_production_cost#1");
        assertThat(inbox.drainWithoutBatches(quiet)).hasSize(1);
    }

    @Test
    void theNetworkHandlerStoresNetworkSeriesAndDerivesTheCostOnceTheDaysPriceIsIn() throws Exception {
        invoke(new MarketCollectorHandler(new Minerwatch(settings, clock), clock), "market-collector.json");
        NetworkCollectorHandler network = new NetworkCollectorHandler(new Minerwatch(settings, clock), clock);

        Map<String, Object> first = invoke(network, "network-collector.json");

        assertThat(list(first, "failed")).isEmpty();
        assertThat(values(first, "updated", "series"))
                .contains(
                        "hashrate_ehs",
                        "difficulty",
                        "fees_btc_per_block",
                        "production_cost_usd",
                        "hashprice_usd_ph_day");
        assertThat(storedPoints("production_cost_usd")).isEqualTo(1);
        assertThat(storedPoints("hashrate_ehs")).isEqualTo(3);
    }

    @Test
    void theEtfHandlerStoresThePublishedTradingDaysOnceHoweverOftenItRuns() throws Exception {
        Map<String, String> withKey = new HashMap<>();
        withKey.put("SOSOVALUE_API_KEY", "test-key-not-a-secret");
        EtfFlowCollectorHandler etf = new EtfFlowCollectorHandler(new Minerwatch(settings.with(withKey), clock), clock);

        Map<String, Object> first = invoke(etf, "etf-flow-collector.json");
        Map<String, Object> second = invoke(etf, "etf-flow-collector.json");

        assertThat(list(first, "failed")).isEmpty();
        assertThat(list(first, "updated")).hasSize(23);
        assertThat(list(second, "updated")).isEmpty();
        assertThat(list(second, "unchanged")).hasSize(23);
        assertThat(storedPoints("etf_net_flow_usd")).isEqualTo(23);
    }

    @Test
    void theBackfillHandlerNeedsADaysFieldAndSaysSo() throws Exception {
        BackfillHandler backfill = new BackfillHandler(new Minerwatch(settings, clock), clock);

        assertThatThrownBy(() -> invoke(backfill, "evaluation.json"))
                .hasMessageContaining("a backfill event needs \"days\"");
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("backfill", ".json");
        java.nio.file.Files.writeString(bad, "{\"days\": 5000}");
        try (var in = java.nio.file.Files.newInputStream(bad)) {
            assertThatThrownBy(() -> backfill.handleRequest(
                            in, new ByteArrayOutputStream(), LocalLambdaContext.quiet("BackfillFunction")))
                    .hasMessageContaining("event field days: value 5000");
        }
    }

    @Test
    void theBackfillHandlerLoadsTheWeekItsScheduledEventAsksFor() throws Exception {
        Map<String, String> withKey = new HashMap<>();
        withKey.put("SOSOVALUE_API_KEY", "test-key-not-a-secret");
        BackfillHandler backfill = new BackfillHandler(new Minerwatch(settings.with(withKey), clock), clock);

        Map<String, Object> report = invoke(backfill, "backfill.json");

        // {"days": 7} on 5 February: 29 January to 4 February, of which five are US trading sessions.
        assertThat(values(report, "updated", "series"))
                .contains("etf_net_flow_usd", "hashrate_ehs", "difficulty", "btc_usd", "eth_usd");
        assertThat(list(report, "failed")).isEmpty();
        assertThat(storedPoints("btc_usd")).isEqualTo(7);
        assertThat(storedPoints("etf_net_flow_usd")).isEqualTo(5);
    }

    /** The named list of a function's report. */
    private static List<?> list(Map<String, Object> report, String name) {
        return (List<?>) report.get(name);
    }

    /** One field of every entry of the named list of a function's report. */
    private static List<Object> values(Map<String, Object> report, String name, String field) {
        return list(report, name).stream()
                .<Object>map(entry -> ((Map<?, ?>) entry).get(field))
                .toList();
    }
}
