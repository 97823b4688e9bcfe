package dev.minerwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.TestTables;
import dev.minerwatch.config.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.LocalAws;
import dev.minerwatch.localaws.LocalAwsExtension;
import dev.minerwatch.notify.ConsoleNotifier;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.AlertStore;
import dev.minerwatch.store.PointStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * An evaluation's DynamoDB work is bounded by the rules' windows, not by the stored history, and does not grow
 * with the alerts it fires: the same requests and the same items read with 30 days or 10 years stored.
 */
@ExtendWith(LocalAwsExtension.class)
class EvaluationWorkIT {

    private static final Instant NOW = Instant.parse("2026-02-05T14:05:00Z");

    /** Counts requests per operation and the items they read. */
    static final class RequestCounter implements ExecutionInterceptor {
        final Map<String, Integer> requests = new TreeMap<>();
        final AtomicInteger itemsRead = new AtomicInteger();

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            requests.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), 1, Integer::sum);
            if (context.response() instanceof QueryResponse query) {
                itemsRead.addAndGet(query.count());
            } else if (context.response() instanceof BatchGetItemResponse batch) {
                batch.responses().values().forEach(items -> itemsRead.addAndGet(items.size()));
            }
        }

        void reset() {
            requests.clear();
            itemsRead.set(0);
        }
    }

    @ParameterizedTest(name = "{0} days of history")
    @ValueSource(ints = {30, 3653})
    void aRunReadsFourTimesAndWritesTwiceAtMostWhateverTheHistoryLengthAndHoweverManyAlertsFire(int days, LocalAws aws) {
        Settings settings = TestTables.freshTable(aws, Map.of());
        RequestCounter counter = new RequestCounter();
        DynamoDbClient dynamoDb = AwsClients.configure(DynamoDbClient.builder(), settings, "dynamodb")
                .overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        PointStore points = new PointStore(dynamoDb, settings.tableName());
        points.putAll(history(days), written -> { });
        AlertEvaluator evaluator = new AlertEvaluator(points, new AlertStore(dynamoDb, settings.tableName()),
                new ConsoleNotifier(new PrintWriter(new StringWriter())), new RuleEngine(RuleSet.defaults()),
                Clock.fixed(NOW, ZoneOffset.UTC));
        counter.reset();

        EvaluationReport first = evaluator.evaluate(new ScheduledInvocation(NOW, "first"));

        // The first run fires several alerts (the initial states): one transaction records them all, one marks
        // them all sent.
        assertThat(first.delivered()).hasSizeGreaterThan(2);
        assertThat(counter.requests).isEqualTo(Map.of("Query", 3, "BatchGetItem", 1, "TransactWriteItems", 2));
        counter.reset();

        EvaluationReport quiet = evaluator.evaluate(new ScheduledInvocation(NOW.plusSeconds(900), "second"));

        assertThat(quiet.recorded()).isEmpty();
        assertThat(counter.requests).isEqualTo(Map.of("Query", 3, "BatchGetItem", 1));
        // hashrate (180-day peak + 7-day mean + catch-up), ETF flows (sessions + catch-up), today and yesterday of
        // the rest, and the rule states: the same whether 30 days or 10 years are stored.
        assertThat(counter.itemsRead.get()).isLessThanOrEqualTo(201 + 30 + 14 + SeriesId.values().length + 1);
    }

    /** Every series, every day up to today, in a stressed market (price under cost, ETF outflows); ETF flows on weekdays. */
    private static List<DailyPoint> history(int days) {
        List<DailyPoint> points = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(days - 1); !day.isAfter(today); day = day.plusDays(1)) {
            Instant asOf = day.equals(today) ? NOW : day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (SeriesId series : SeriesId.values()) {
                if (series == SeriesId.ETF_NET_FLOW_USD && day.getDayOfWeek().getValue() > 5) {
                    continue;
                }
                double value = switch (series) {
                    case ETF_NET_FLOW_USD -> -300_000_000;
                    case BTC_ATH_USD -> 126_080;
                    case PRODUCTION_COST_USD -> 90_000;
                    default -> 1_000;
                };
                points.add(new DailyPoint(series, day, series == SeriesId.BTC_USD ? 70_000 : value, null, List.of("test"),
                        asOf, !day.equals(today), Map.of()));
            }
        }
        return points;
    }
}
