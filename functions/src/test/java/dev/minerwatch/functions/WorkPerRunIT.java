package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.localaws.SamTemplate;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The work of one scheduled run of each function does not grow with the stored history: one cycle (the
 * collectors, an evaluation that fires alerts, a quiet evaluation, the daily backfill) over a table holding 30
 * days and over one holding 2 years makes the same AWS requests, reads the same items once the history covers the
 * longest window, and calls the providers as often. Two years, not ten: moto_server copies the whole table for
 * every item of a transaction, so a decade of history would measure the emulator, not minerwatch. The requests are
 * counted by {@link AwsRequestTally}, the provider calls by the recorded-provider server, against DynamoDB on
 * moto_server (or LocalStack where Docker runs).
 */
@ExtendWith(LocalAwsExtension.class)
class WorkPerRunIT {

    /** One run of a cycle: the function (its logical id) and the execution id the scheduler gives it. */
    record Step(String function, String executionId) {}

    /** One scheduled cycle, in the order the schedules run. */
    private static final List<Step> CYCLE = List.of(
            new Step("MarketCollectorFunction", "market"),
            new Step("NetworkCollectorFunction", "network"),
            new Step("EtfFlowCollectorFunction", "etf"),
            new Step("EvaluationFunction", "evaluation-1"),
            new Step("EvaluationFunction", "evaluation-2"),
            new Step("DigestFunction", "digest"),
            new Step("BackfillFunction", "backfill"));

    /** What one run asked of AWS and of the providers. */
    record Work(
            Map<String, Integer> requests,
            double readUnits,
            double writeUnits,
            int itemsRead,
            int providerCalls,
            int alertsDelivered) {

        int dynamoDbRequests() {
            return requests.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("DynamoDb."))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }
    }

    private LocalAws aws;
    private RecordedProviders providers;
    private Clock clock;

    @BeforeEach
    void environment(LocalAws aws) {
        this.aws = aws;
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
    }

    @AfterEach
    void stopProviders() {
        providers.close();
    }

    @Test
    void everyFunctionMakesTheSameRequestsWhateverTheHistoryLengthAndReadsNoMoreOnceItCoversTheLongestWindow()
            throws Exception {
        // Every function but the forwarder, which runs on the topic's messages and asks AWS only for its channels'
        // secrets, once per execution environment (ChannelForwarderIT); and the site function, which writes each
        // series' whole history into its document (api/v1/series/<id>.json), so its reads grow with the history by
        // design, and which puts only the files that changed (SitePublishingIT); and the acknowledgement's function,
        // which
        // runs on a person's request, not on the cycle (AckFunctionIT).
        assertThat(CYCLE)
                .extracting(Step::function)
                .containsAll(SamTemplate.repository().functions().keySet().stream()
                        .filter(function -> !function.equals("ChannelForwarderFunction"))
                        .filter(function -> !function.equals(SiteTemplateIT.SITE_FUNCTION))
                        .filter(function -> !function.equals(TemplateIT.ACK_FUNCTION))
                        .toList());

        Map<String, Work> month = cycle(30);
        Map<String, Work> year = cycle(366);
        Map<String, Work> twoYears = cycle(731);

        Map<String, Map<String, Work>> byLength = new LinkedHashMap<>();
        byLength.put("30 days", month);
        byLength.put("1 year", year);
        byLength.put("2 years", twoYears);
        print(byLength);
        // The same requests at every length, and the same items and capacity once the history covers the
        // longest window (the hash ribbon's 180 days and its catch-up): 2 years cost what one year does.
        for (String step : month.keySet()) {
            assertThat(twoYears.get(step).requests())
                    .as(step)
                    .isEqualTo(month.get(step).requests());
            assertThat(twoYears.get(step).providerCalls())
                    .as(step)
                    .isEqualTo(month.get(step).providerCalls());
            assertThat(month.get(step).itemsRead())
                    .as(step)
                    .isLessThanOrEqualTo(year.get(step).itemsRead());
        }
        assertThat(twoYears).isEqualTo(year);

        Work alerting = twoYears.get("evaluation-1");
        Work quiet = twoYears.get("evaluation-2");
        // Several alerts fire: one transaction records them, two publishes send them (their batch for the channel
        // forwarder, then the alerts for the subscriptions), one transaction marks them sent.
        assertThat(alerting.alertsDelivered()).isGreaterThan(2);
        assertThat(alerting.requests())
                .containsEntry("Sns.PublishBatch", 2)
                .containsEntry("DynamoDb.TransactWriteItems", 2);
        assertThat(alerting.dynamoDbRequests()).isLessThan(10);
        assertThat(quiet.requests()).isEqualTo(Map.of("DynamoDb.Query", 3, "DynamoDb.BatchGetItem", 1));
        // hashrate (180-day peak + 7-day mean + catch-up), ETF flows (sessions + catch-up), today and yesterday of
        // the rest, and the rule states.
        assertThat(quiet.itemsRead()).isLessThanOrEqualTo(201 + 30 + 14 + SeriesId.values().length + 1);
        assertThat(twoYears.get("market").providerCalls()).isPositive();
        // The digest reads its ten days of every series whatever the history and the alerts the channels' daily caps
        // held the day before (one Query of HELD#<day>), asks mempool for the next retarget, records itself in one
        // transaction, publishes once and marks itself sent in another.
        Work digest = twoYears.get("digest");
        assertThat(digest.alertsDelivered()).isEqualTo(1);
        assertThat(digest.providerCalls()).isEqualTo(1);
        assertThat(digest.requests())
                .containsEntry("DynamoDb.Query", SeriesId.values().length + 2)
                .containsEntry("DynamoDb.TransactWriteItems", 2);
        // Capacity, where the emulator reports it (LocalStack does; moto_server reports none for most operations):
        // then every run consumes some.
        if (twoYears.values().stream().anyMatch(work -> work.readUnits() + work.writeUnits() > 0)) {
            assertThat(twoYears.values())
                    .allSatisfy(work ->
                            assertThat(work.readUnits() + work.writeUnits()).isPositive());
        } else {
            System.out.println("capacity: " + aws.description() + " reports no consumed capacity");
        }
    }

    /** Runs one cycle over a fresh table holding {@code days} of history, and returns each step's work. */
    private Map<String, Work> cycle(int days) throws Exception {
        Map<String, String> environment = environmentWithFreshTable();
        Settings settings = Settings.of(environment);
        new DynamoDbStorage(AwsClients.dynamoDb(settings), settings.tableName(), "on the emulator")
                .points()
                .putAll(history(days), written -> {});
        SamTemplate template = SamTemplate.repository();
        Map<String, Work> work = new LinkedHashMap<>();
        for (Step step : CYCLE) {
            SamTemplate.Function function = template.function(step.function()).orElseThrow();
            Map<String, String> env = new HashMap<>(function.environment());
            env.putAll(environment);
            work.put(step.executionId(), run(function, Settings.of(env), step.executionId()));
        }
        // The emulator keeps every table in memory: a measured one is dropped, so it slows no later test.
        AwsClients.dynamoDb(settings).deleteTable(b -> b.tableName(settings.tableName()));
        return work;
    }

    private Work run(SamTemplate.Function function, Settings settings, String executionId) throws Exception {
        String event = Files.readString(
                        RepositoryLayout.root().resolve("events").resolve(function.eventFile()))
                .replaceAll("\"executionId\"\\s*:\\s*\"[^\"]*\"", "\"executionId\": \"" + executionId + "\"");
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(function.handlerClass())
                .getConstructor(Minerwatch.class, Clock.class)
                .newInstance(new Minerwatch(settings, clock), clock);
        providers.server().resetRequests();
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (AwsRequestTally.Tally tally = AwsRequestTally.open()) {
            handler.handleRequest(
                    new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    report,
                    LocalLambdaContext.quiet(function.logicalId()));
            return new Work(
                    tally.requests(),
                    tally.readUnits(),
                    tally.writeUnits(),
                    tally.itemsRead(),
                    providers.server().getAllServeEvents().size(),
                    // A collector's report has no deliveries.
                    ((List<?>) Json.parseObject(report.toString(StandardCharsets.UTF_8))
                                    .getOrDefault("delivered", List.of()))
                            .size());
        }
    }

    /** The local AWS stack, the recorded providers, a topic and a fresh table: what the template would give. */
    private Map<String, String> environmentWithFreshTable() {
        Map<String, String> env = new HashMap<>(aws.environment());
        env.putAll(providers.environment());
        env.put(Settings.TABLE_NAME, "minerwatch-" + UUID.randomUUID());
        env.put("SOSOVALUE_API_KEY", "test-key-not-a-secret");
        Settings base = Settings.of(env);
        env.put(
                Settings.TOPIC_ARN,
                AwsClients.sns(base)
                        .createTopic(b -> b.name("alerts-" + UUID.randomUUID()))
                        .topicArn());
        MinerwatchTable.create(AwsClients.dynamoDb(base), base.tableName());
        return env;
    }

    /**
     * Where each series comes from, as the collectors record it: a provider's later settlement of a final day is a
     * revision (stored), another provider's reading is not.
     */
    private static final Map<SeriesId, List<String>> SOURCES = Map.of(
            SeriesId.BTC_USD, List.of("coinbase", "coingecko", "kraken"),
            SeriesId.ETH_USD, List.of("coinbase", "coingecko", "kraken"),
            SeriesId.BTC_ATH_USD, List.of("coingecko"),
            SeriesId.HASHRATE_EHS, List.of("mempool"),
            SeriesId.DIFFICULTY, List.of("mempool"),
            SeriesId.FEES_BTC_PER_BLOCK, List.of("mempool"),
            SeriesId.PRODUCTION_COST_USD, List.of("derived", "mempool"),
            SeriesId.HASHPRICE_USD_PH_DAY, List.of("derived", "coinbase", "coingecko", "kraken", "mempool"),
            SeriesId.ETF_NET_FLOW_USD, List.of("sosovalue"),
            SeriesId.RETARGET_CHANGE_PCT, List.of("mempool"));

    /** Every series on every day before the recorded day, in a stressed market; ETF flows on weekdays. */
    private List<DailyPoint> history(int days) {
        List<DailyPoint> points = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(days); day.isBefore(today); day = day.plusDays(1)) {
            Instant asOf = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (SeriesId series : SeriesId.values()) {
                if (series == SeriesId.ETF_NET_FLOW_USD && day.getDayOfWeek().getValue() > 5) {
                    continue;
                }
                double value = switch (series) {
                    case BTC_USD -> 70_000;
                    case ETH_USD -> 2_000;
                    case BTC_ATH_USD -> 126_080;
                    case ETF_NET_FLOW_USD -> -300_000_000;
                    case PRODUCTION_COST_USD -> 90_000;
                    case HASHRATE_EHS -> 1_000;
                    case DIFFICULTY -> 141.67e12;
                    case FEES_BTC_PER_BLOCK -> 0.025;
                    case HASHPRICE_USD_PH_DAY -> 31;
                    case RETARGET_CHANGE_PCT -> 4.5;
                };
                points.add(new DailyPoint(series, day, value, null, SOURCES.get(series), asOf, true, Map.of()));
            }
        }
        return points;
    }

    private static void print(Map<String, Map<String, Work>> byLength) {
        System.out.printf(
                "%n%-9s %-14s %-94s %5s %5s %6s %9s %6s%n",
                "history", "run", "AWS requests", "RRU", "WRU", "items", "providers", "alerts");
        byLength.entrySet()
                .forEach(length -> length.getValue()
                        .forEach((step, work) -> System.out.printf(
                                Locale.ROOT,
                                "%-9s %-14s %-94s %5.1f %5.1f %6d %9d %6d%n",
                                length.getKey(),
                                step,
                                work.requests(),
                                work.readUnits(),
                                work.writeUnits(),
                                work.itemsRead(),
                                work.providerCalls(),
                                work.alertsDelivered())));
    }
}
