package dev.minerwatch.priming;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.collect.CollectionReport;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import dev.minerwatch.functions.OperatorMetrics;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleEngine.EvaluationTime;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Warms what every run does, before a SnapStart snapshot is taken, with no I/O at all: it parses a scheduler
 * event, runs the rule engine over an in-memory history, formats the alerts it decides as SNS messages and writes
 * the staleness metric as JSON; then it drives the stores and the notifier through throwaway AWS clients whose
 * HTTP client answers in memory ({@link CannedHttpClient}; DynamoDB's from a table of points, {@link
 * CannedPointTable}), so the SDK's request path for every operation the functions use is loaded and linked too;
 * and it runs every collector on the providers' recorded answers, also in memory ({@link RecordedAnswers}). It does
 * all that {@code rounds} times ({@link #ROUNDS} for the functions), so that the snapshot holds code the JIT has compiled rather than code the interpreter would run on
 * the first invocation after a restore. Nothing it computes is kept: the snapshot holds warmed code, not state,
 * and no client, credential or connection of its own.
 */
public final class Priming {

    private Priming() {}

    /**
     * How often the functions run every path. The Lambda runtime's C1 compiles a method once it has been called
     * about 200 times ({@code Tier3InvocationThreshold}), and most methods here run more than once per round: in
     * {@code bench/cold-start --primed}, 100 rounds did as well as 200 or 300 (docs/measurements.md). The rounds
     * take seconds, paid once per published version, before the snapshot.
     */
    public static final int ROUNDS = 100;

    /**
     * What priming did, for the log: the rounds run, and what each round decided, sent in memory, and collected
     * from the recorded answers (the points it would have stored, and what any source failed on).
     */
    public record Result(
            int rounds,
            int eventsDecided,
            int seriesWatched,
            int awsCalls,
            int pointsCollected,
            List<String> collectionFailures) {}

    private static final String SNS_ANSWER = "<PublishBatchResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishBatchResult><Successful><member><Id>0</Id><MessageId>priming</MessageId></member></Successful>"
            + "<Failed/></PublishBatchResult><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata>"
            + "</PublishBatchResponse>";

    /** Runs every path {@code rounds} times. */
    public static Result prime(RuleEngine engine, Settings settings, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("priming needs at least one round, not " + rounds);
        }
        Result result = null;
        for (int round = 0; round < rounds; round++) {
            result = primeOnce(engine, settings, rounds);
        }
        return result;
    }

    private static Result primeOnce(RuleEngine engine, Settings settings, int rounds) {
        LocalDate day = LocalDate.of(2026, 2, 5);
        Instant now = day.atTime(14, 5).toInstant(ZoneOffset.UTC);
        Object event;
        try {
            event = Json.parse(Json.write(Map.of("scheduledTime", now.toString(), "executionId", "priming")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ScheduledInvocation invocation = ScheduledInvocation.fromJson(event, Clock.fixed(now, ZoneOffset.UTC));

        History history = History.complete(syntheticHistory(invocation.day()));
        EvaluationTime time = EvaluationTime.live(now);
        RuleEngine.Outcome outcome = engine.evaluate(history, Map.of(), time, invocation.executionId(), now);
        Map<String, Object> metric = OperatorMetrics.staleSeries(outcome.freshness(), "priming", now);
        int formatted = 0;
        for (var alert : outcome.events()) {
            AlertMessage.of(alert).snsMessageJson();
            formatted++;
        }
        Json.write(metric);
        return primeAwsAndCollectors(settings, invocation, outcome, rounds, formatted);
    }

    /**
     * Every DynamoDB and SNS operation of the functions, then every collector on the recorded provider answers,
     * through clients that answer in memory.
     */
    private static Result primeAwsAndCollectors(
            Settings settings, ScheduledInvocation invocation, RuleEngine.Outcome outcome, int rounds, int formatted) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
        CannedHttpClient dynamoDbAnswers = new CannedHttpClient(
                "application/x-amz-json-1.0", new CannedPointTable("priming", VALUES, invocation.scheduledTime()));
        CannedHttpClient snsAnswers = new CannedHttpClient("text/xml", SNS_ANSWER);
        try (DynamoDbClient dynamoDb = AwsClients.configure(DynamoDbClient.builder(), settings, "dynamodb")
                        .httpClient(dynamoDbAnswers)
                        .credentialsProvider(credentials)
                        .build();
                SnsClient sns = AwsClients.configure(SnsClient.builder(), settings, "sns")
                        .httpClient(snsAnswers)
                        .credentialsProvider(credentials)
                        .build()) {
            LocalDate day = invocation.day();
            DynamoDbStorage storage = new DynamoDbStorage(dynamoDb, "priming", "for priming");
            PointStore points = storage.points();
            RuleLedger alerts = storage.ledger();
            // A dollar over the stored price, so that the upsert reads and then writes.
            DailyPoint point = new DailyPoint(
                    SeriesId.BTC_USD,
                    day,
                    VALUES.get(SeriesId.BTC_USD) + 1,
                    null,
                    List.of("priming"),
                    invocation.scheduledTime(),
                    false,
                    Map.of());
            points.range(SeriesId.BTC_USD, day.minusDays(7), day);
            points.days(List.of(SeriesId.BTC_USD, SeriesId.ETH_USD), day.minusDays(1), day);
            points.upsert(point, invocation.executionId());
            points.putAll(List.of(point), written -> {});
            alerts.load();
            alerts.record(outcome.changes().values(), outcome.events(), Duration.ofMinutes(2));
            alerts.markSent(
                    List.of(new RuleLedger.Sent("priming", "priming")),
                    invocation.executionId(),
                    invocation.scheduledTime());
            AwsClients.snsNotifier(() -> sns, "arn:aws:sns:" + settings.region() + ":000000000000:priming")
                    .publish(outcome.events().stream().map(AlertMessage::of).toList());
            int awsCalls = dynamoDbAnswers.answered() + snsAnswers.answered();
            List<CollectionReport> collections = primeCollectors(settings, dynamoDb, invocation);
            return new Result(
                    rounds,
                    formatted,
                    outcome.freshness().size(),
                    awsCalls,
                    collections.stream().mapToInt(r -> r.stored().size()).sum(),
                    collections.stream()
                            .flatMap(r -> r.failed().stream())
                            .map(failed -> failed.series() + ": " + String.join("; ", failed.errors()))
                            .toList());
        }
    }

    /**
     * The market, network and ETF collections and a week's backfill, as the functions wire them (a
     * {@link Minerwatch} of their own), on the recorded provider answers ({@link RecordedAnswers}) at the priming's
     * instant, which is when they were recorded (a later recording would read as stale, and {@code PrimingTest}
     * fail), reading and storing through the in-memory DynamoDB client ({@link CannedPointTable}). No API key is
     * configured but SoSoValue's, given as a value: no SSM parameter is read.
     */
    private static List<CollectionReport> primeCollectors(
            Settings settings, DynamoDbClient dynamoDb, ScheduledInvocation invocation) {
        Map<String, String> env = new HashMap<>(RecordedAnswers.baseUrls());
        env.put("AWS_REGION", settings.region());
        env.put(Settings.TABLE_NAME, "priming");
        env.put(Settings.SOSOVALUE_API_KEY, "priming");
        Deadline deadline = Deadline.in(Duration.ofSeconds(30));
        try (Minerwatch recorded = new Minerwatch(
                Settings.of(env),
                Clock.fixed(invocation.scheduledTime(), ZoneOffset.UTC),
                new PrintWriter(Writer.nullWriter()),
                () -> dynamoDb,
                RecordedAnswers.connector())) {
            return List.of(
                    recorded.marketCollector().collect(invocation, deadline),
                    recorded.networkCollector().collect(invocation, deadline),
                    recorded.etfFlowCollector().collect(invocation, deadline),
                    recorded.backfill().run(7, invocation.executionId(), (series, written, toWrite) -> {}, deadline));
        }
    }

    /**
     * A value of every series as of 5 February 2026 (the reference figures of docs/domain.md), the price under the production cost:
     * what the synthetic history and the in-memory table hold.
     */
    private static final Map<SeriesId, Double> VALUES = Map.of(
            SeriesId.BTC_USD,
            69_280.0,
            SeriesId.ETH_USD,
            2_052.0,
            SeriesId.BTC_ATH_USD,
            126_080.0,
            SeriesId.HASHRATE_EHS,
            915.85,
            SeriesId.DIFFICULTY,
            141.67e12,
            SeriesId.FEES_BTC_PER_BLOCK,
            0.025,
            SeriesId.PRODUCTION_COST_USD,
            86_980.0,
            SeriesId.HASHPRICE_USD_PH_DAY,
            30.99,
            SeriesId.ETF_NET_FLOW_USD,
            -544.94e6);

    /** 200 days of every series: most rules read, one fires. */
    private static List<DailyPoint> syntheticHistory(LocalDate last) {
        List<DailyPoint> points = new ArrayList<>();
        for (LocalDate day = last.minusDays(199); !day.isAfter(last); day = day.plusDays(1)) {
            Instant asOf = day.atTime(23, 59).toInstant(ZoneOffset.UTC);
            for (var value : VALUES.entrySet()) {
                points.add(new DailyPoint(
                        value.getKey(), day, value.getValue(), null, List.of("priming"), asOf, true, Map.of()));
            }
        }
        return points;
    }
}
