package dev.minerwatch.app;

import dev.minerwatch.alerts.FreshnessMetric;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.CannedHttpClient;
import dev.minerwatch.aws.SnsNotifier;
import dev.minerwatch.aws.dynamodb.DynamoDbAlertStore;
import dev.minerwatch.aws.dynamodb.DynamoDbPointStore;
import dev.minerwatch.config.Settings;
import dev.minerwatch.history.History;
import dev.minerwatch.json.Json;
import dev.minerwatch.notify.AlertMessageFormatter;
import dev.minerwatch.rules.EvaluationTime;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.AlertStore;
import dev.minerwatch.store.PointStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * HTTP client answers in memory ({@link CannedHttpClient}), so the SDK's request path for every operation the
 * functions use is loaded and linked too. Nothing it computes is kept: the snapshot holds warmed code, not
 * state, and no client, credential or connection of its own.
 */
public final class Priming {

    private Priming() {}

    /** What priming did, for the log. */
    public record Result(int eventsDecided, int seriesWatched, int awsCalls) {}

    private static final String DYNAMODB_ANSWER = "{}";
    private static final String SNS_ANSWER = "<PublishBatchResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishBatchResult><Successful><member><Id>0</Id><MessageId>priming</MessageId></member></Successful>"
            + "<Failed/></PublishBatchResult><ResponseMetadata><RequestId>priming</RequestId></ResponseMetadata>"
            + "</PublishBatchResponse>";

    public static Result prime(RuleEngine engine, Settings settings) {
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
        Map<String, Object> metric = FreshnessMetric.document(outcome.freshness(), "priming", now);
        int formatted = 0;
        for (var alert : outcome.events()) {
            AlertMessageFormatter.format(alert).snsMessageJson();
            formatted++;
        }
        Json.write(metric);
        int awsCalls = primeAwsCalls(settings, invocation, outcome);
        return new Result(formatted, outcome.freshness().size(), awsCalls);
    }

    /** Every DynamoDB and SNS operation of the functions, through clients that answer in memory. */
    private static int primeAwsCalls(Settings settings, ScheduledInvocation invocation, RuleEngine.Outcome outcome) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));
        CannedHttpClient dynamoDbAnswers = new CannedHttpClient("application/x-amz-json-1.0", DYNAMODB_ANSWER);
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
            PointStore points = new DynamoDbPointStore(dynamoDb, "priming");
            AlertStore alerts = new DynamoDbAlertStore(dynamoDb, "priming");
            DailyPoint point = new DailyPoint(
                    SeriesId.BTC_USD,
                    day,
                    69_280,
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
                    List.of(new AlertStore.Sent("priming", "priming")),
                    invocation.executionId(),
                    invocation.scheduledTime());
            new SnsNotifier(() -> sns, "arn:aws:sns:" + settings.region() + ":000000000000:priming")
                    .publish(outcome.events().stream()
                            .map(AlertMessageFormatter::format)
                            .toList());
        }
        return dynamoDbAnswers.answered() + snsAnswers.answered();
    }

    /** 200 days of every series, the price under the production cost: most rules read, one fires. */
    private static List<DailyPoint> syntheticHistory(LocalDate last) {
        Map<SeriesId, Double> values = Map.of(
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
        List<DailyPoint> points = new ArrayList<>();
        for (LocalDate day = last.minusDays(199); !day.isAfter(last); day = day.plusDays(1)) {
            Instant asOf = day.atTime(23, 59).toInstant(ZoneOffset.UTC);
            for (var value : values.entrySet()) {
                points.add(new DailyPoint(
                        value.getKey(), day, value.getValue(), null, List.of("priming"), asOf, true, Map.of()));
            }
        }
        return points;
    }
}
