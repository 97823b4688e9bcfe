package dev.minerwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.minerwatch.alerts.FreshnessMetric;
import dev.minerwatch.history.History;
import dev.minerwatch.json.Json;
import dev.minerwatch.notify.AlertMessageFormatter;
import dev.minerwatch.rules.EvaluationTime;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.schedule.ScheduledInvocation;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Warms what every run does, before a SnapStart snapshot is taken, with no I/O at all: it parses a scheduler
 * event, runs the rule engine over an in-memory history, formats the alerts it decides as SNS messages and writes
 * the staleness metric as JSON, which loads and links those classes and Jackson's. Nothing it computes is kept:
 * the snapshot holds warmed code, not state.
 */
public final class Priming {

    private Priming() {
    }

    /** What priming did, for the log. */
    public record Result(int eventsDecided, int seriesWatched) {
    }

    public static Result prime(RuleEngine engine) {
        LocalDate day = LocalDate.of(2026, 2, 5);
        Instant now = day.atTime(14, 5).toInstant(ZoneOffset.UTC);
        JsonNode event = Json.mapper().createObjectNode().put("scheduledTime", now.toString()).put("executionId", "priming");
        try {
            event = Json.mapper().readTree(Json.write(event));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ScheduledInvocation invocation = ScheduledInvocation.fromJson(event, Clock.fixed(now, ZoneOffset.UTC));

        History history = History.complete(syntheticHistory(invocation.day()));
        EvaluationTime time = EvaluationTime.live(now);
        RuleEngine.Outcome outcome = engine.evaluate(history, Map.of(), time, invocation.executionId(), now);
        ObjectNode metric = FreshnessMetric.document(outcome.freshness(), "priming", now);
        int formatted = 0;
        for (var alert : outcome.events()) {
            AlertMessageFormatter.format(alert).snsMessageJson();
            formatted++;
        }
        Json.write(metric);
        return new Result(formatted, outcome.freshness().size());
    }

    /** 200 days of every series, the price under the production cost: most rules read, one fires. */
    private static List<DailyPoint> syntheticHistory(LocalDate last) {
        Map<SeriesId, Double> values = Map.of(SeriesId.BTC_USD, 69_280.0, SeriesId.ETH_USD, 2_052.0,
                SeriesId.BTC_ATH_USD, 126_080.0, SeriesId.HASHRATE_EHS, 915.85, SeriesId.DIFFICULTY, 141.67e12,
                SeriesId.FEES_BTC_PER_BLOCK, 0.025, SeriesId.PRODUCTION_COST_USD, 86_980.0,
                SeriesId.HASHPRICE_USD_PH_DAY, 30.99, SeriesId.ETF_NET_FLOW_USD, -544.94e6);
        List<DailyPoint> points = new ArrayList<>();
        for (LocalDate day = last.minusDays(199); !day.isAfter(last); day = day.plusDays(1)) {
            Instant asOf = day.atTime(23, 59).toInstant(ZoneOffset.UTC);
            for (var value : values.entrySet()) {
                points.add(new DailyPoint(value.getKey(), day, value.getValue(), null, List.of("priming"), asOf,
                        true, Map.of()));
            }
        }
        return points;
    }
}
