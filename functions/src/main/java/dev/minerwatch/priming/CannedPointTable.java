package dev.minerwatch.priming;

import static dev.minerwatch.aws.dynamodb.MinerwatchTable.PK;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's answers from memory, for the SnapStart priming: every point partition of the table holds a point of
 * its series' given value on every day asked for (final once the day is over), so that reading, decoding and
 * deriving from stored points runs too; every other partition (rule states, the outbox, alerts, supply) is empty,
 * and every write succeeds. The items are the {@link DynamoDbStorage}'s own.
 */
public final class CannedPointTable implements CannedHttpClient.Answers {

    /** A Query answers at most this many days: more than the longest window a rule reads. */
    private static final int MAX_DAYS = 400;

    private final String tableName;
    private final Map<SeriesId, Double> values;
    private final Instant asOf;

    public CannedPointTable(String tableName, Map<SeriesId, Double> values, Instant asOf) {
        this.tableName = tableName;
        this.values = Map.copyOf(values);
        this.asOf = asOf;
    }

    @Override
    public String to(String operation, byte[] requestBody) {
        Map<?, ?> request = parse(requestBody);
        return switch (operation) {
            case "GetItem" ->
                key(request.get("Key"))
                        .map(item -> Json.write(Map.of("Item", item)))
                        .orElse("{}");
            case "Query" -> query(request);
            case "BatchGetItem" -> batchGet(request);
            default -> "{}";
        };
    }

    private String query(Map<?, ?> request) {
        Map<?, ?> bound = (Map<?, ?>) request.get("ExpressionAttributeValues");
        Optional<SeriesId> series = series(string(bound.get(":pk")));
        if (series.isEmpty()) {
            return "{}";
        }
        List<Object> items = new ArrayList<>();
        if (bound.containsKey(":from")) {
            LocalDate from = LocalDate.parse(string(bound.get(":from")));
            LocalDate to = LocalDate.parse(string(bound.get(":to")));
            for (LocalDate day = from; !day.isAfter(to) && items.size() < MAX_DAYS; day = day.plusDays(1)) {
                items.add(item(series.get(), day));
            }
        } else if (bound.containsKey(":day")) {
            items.add(item(series.get(), LocalDate.parse(string(bound.get(":day")))));
        }
        return Json.write(Map.of("Items", items, "Count", items.size(), "ScannedCount", items.size()));
    }

    private String batchGet(Map<?, ?> request) {
        Map<?, ?> table = (Map<?, ?>) ((Map<?, ?>) request.get("RequestItems")).get(tableName);
        List<Object> items = new ArrayList<>();
        if (table != null) {
            for (Object key : (List<?>) table.get("Keys")) {
                key(key).ifPresent(items::add);
            }
        }
        return Json.write(Map.of("Responses", Map.of(tableName, items), "UnprocessedKeys", Map.of()));
    }

    /** The item of a point's key, or empty for a key of any other partition. */
    private Optional<Object> key(Object key) {
        Map<?, ?> fields = (Map<?, ?>) key;
        return series(string(fields.get(PK))).map(series -> item(series, LocalDate.parse(string(fields.get(SK)))));
    }

    private Optional<SeriesId> series(String partition) {
        for (SeriesId series : values.keySet()) {
            if (DynamoDbStorage.pointPartition(series).equals(partition)) {
                return Optional.of(series);
            }
        }
        return Optional.empty();
    }

    /** The point of a day, final when the day is over by {@code asOf}. */
    private Object item(SeriesId series, LocalDate day) {
        boolean isFinal = day.isBefore(LocalDate.ofInstant(asOf, ZoneOffset.UTC));
        DailyPoint point =
                new DailyPoint(series, day, values.get(series), null, List.of("priming"), asOf, isFinal, Map.of());
        // Written by an earlier run, so that a run revising the point writes it.
        return wire(DynamoDbStorage.pointItem(point, 1, "an-earlier-run"));
    }

    /** An item in DynamoDB's JSON wire form. */
    private static Map<String, Object> wire(Map<String, AttributeValue> item) {
        Map<String, Object> wire = new LinkedHashMap<>();
        item.forEach((name, value) -> wire.put(name, wire(value)));
        return wire;
    }

    private static Map<String, Object> wire(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case L -> Map.of("L", value.l().stream().map(CannedPointTable::wire).toList());
            case M -> Map.of("M", wire(value.m()));
            default -> throw new IllegalArgumentException("no wire form here for a " + value.type() + " attribute");
        };
    }

    private static String string(Object attribute) {
        return attribute instanceof Map<?, ?> typed && typed.get("S") instanceof String text ? text : "";
    }

    private static Map<?, ?> parse(byte[] body) {
        try {
            return body.length == 0 ? Map.of() : (Map<?, ?>) Json.parse(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the priming's DynamoDB request is not JSON", e);
        }
    }
}
