package dev.minerwatch.aws.dynamodb;

import static dev.minerwatch.aws.dynamodb.Attributes.bool;
import static dev.minerwatch.aws.dynamodb.Attributes.n;
import static dev.minerwatch.aws.dynamodb.Attributes.s;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.PK;
import static dev.minerwatch.aws.dynamodb.MinerwatchTable.SK;

import dev.minerwatch.aws.Batches;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The {@link PointStore} in DynamoDB: one item per series and UTC day under {@code POINT#<series>}, so one Query reads
 * a range; conditional writes on a revision number serialise concurrent writers. Items are mapped by hand (no bean
 * introspection), which keeps the Lambda cold path short.
 */
final class DynamoDbPointStore implements PointStore {

    /** DynamoDB's limits: items per BatchWriteItem, keys per BatchGetItem. */
    static final int MAX_BATCH_WRITE = 25;

    static final int MAX_BATCH_GET = 100;

    /** The partition of the circulating supply: not a series of its own, but an input of the production cost. */
    private static final String SUPPLY_PARTITION = "SUPPLY#supply_btc";

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    DynamoDbPointStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    public void replace(DailyPoint point, String writtenBy) {
        dynamoDb.putItem(b -> b.tableName(tableName).item(toItem(point, freshRevision(), writtenBy)));
    }

    /** With BatchWriteItem, 25 at a time, retrying what DynamoDB leaves unprocessed. */
    @Override
    public void putAll(List<DailyPoint> points, IntConsumer written) {
        PointStore.requireOnePointPerDay(points);
        writeAll(points.stream().map(p -> toItem(p, freshRevision(), null)).toList(), written);
    }

    /**
     * The revision of a whole point written without reading the day (a BatchWriteItem cannot be conditional, and a
     * bulk load of years costs one request per 25 points this way): a random one at or above 2^32, which no writer
     * holds, so a writer that read the day before loses its conditional write and reads again, and no revision comes
     * back for a writer to mistake (no ABA). Conditional writes count on from it.
     */
    private static long freshRevision() {
        return (1L << 32) + FreshRevisions.RANDOM.nextLong(1L << 61);
    }

    /**
     * Made on first use, so the collectors' cold start does not pay for it. A SecureRandom, not Random: Lambda's
     * Java runtime reseeds it after a SnapStart restore, so two environments restored from one snapshot never draw
     * the same revisions.
     */
    private static final class FreshRevisions {
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** Under {@code SUPPLY#supply_btc}, beside the points' partitions. */
    @Override
    public void putSupply(Map<LocalDate, Double> supplyBtc, IntConsumer written) {
        writeAll(
                supplyBtc.entrySet().stream()
                        .map(e -> Map.of(
                                PK, s(SUPPLY_PARTITION), SK, s(e.getKey().toString()), "supplyBtc", n(e.getValue())))
                        .toList(),
                written);
    }

    /** One paginated Query. */
    @Override
    public SortedMap<LocalDate, Double> supply(LocalDate from, LocalDate to) {
        SortedMap<LocalDate, Double> supply = new TreeMap<>();
        query(
                SUPPLY_PARTITION,
                from,
                to,
                item -> supply.put(LocalDate.parse(Attributes.string(item, SK)), Attributes.number(item, "supplyBtc")));
        return supply;
    }

    private void writeAll(List<Map<String, AttributeValue>> items, IntConsumer written) {
        int done = 0;
        for (List<Map<String, AttributeValue>> batch : Batches.of(items, MAX_BATCH_WRITE)) {
            List<WriteRequest> requests = batch.stream()
                    .map(item ->
                            WriteRequest.builder().putRequest(r -> r.item(item)).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(tableName, requests);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                var request = pending;
                var unprocessed =
                        dynamoDb.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                if (unprocessed == null || unprocessed.isEmpty()) {
                    break;
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(
                            "DynamoDB left " + unprocessed.get(tableName).size() + " items unprocessed after "
                                    + MAX_ATTEMPTS + " attempts");
                }
                PointStore.backOff(attempt);
                pending = unprocessed;
            }
            done += requests.size();
            written.accept(done);
        }
    }

    /** Bumps the revision too, so a writer that read the day before loses its conditional write. */
    @Override
    public boolean markFinal(SeriesId series, LocalDate day) {
        try {
            dynamoDb.updateItem(b -> b.tableName(tableName)
                    .key(key(series, day))
                    .updateExpression("SET isFinal = :true ADD revision :one")
                    .conditionExpression("attribute_exists(pk) AND isFinal = :false")
                    .expressionAttributeValues(Map.of(":true", bool(true), ":false", bool(false), ":one", n(1L))));
            return true;
        } catch (ConditionalCheckFailedException alreadyFinalOrMissing) {
            return false;
        }
    }

    /** One paginated Query. */
    @Override
    public List<DailyPoint> range(SeriesId series, LocalDate from, LocalDate to) {
        List<DailyPoint> points = new ArrayList<>();
        query(partition(series), from, to, item -> points.add(fromItem(series, item)));
        return points;
    }

    /** Every item of a partition whose day is from {@code from} to {@code to}, in day order, page by page. */
    private void query(String partition, LocalDate from, LocalDate to, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamoDb.query(QueryRequest.builder()
                    .tableName(tableName)
                    .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                    .expressionAttributeValues(
                            Map.of(":pk", s(partition), ":from", s(from.toString()), ":to", s(to.toString())))
                    .exclusiveStartKey(startKey)
                    .build());
            page.items().forEach(each);
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
    }

    /**
     * The points of several series over a few days, read by key with BatchGetItem (100 keys a request):
     * cheaper than a Query per series when each needs only a day or two.
     */
    @Override
    public List<DailyPoint> days(Collection<SeriesId> series, LocalDate from, LocalDate to) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (SeriesId id : series) {
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                keys.add(key(id, day));
            }
        }
        List<DailyPoint> points = new ArrayList<>();
        for (List<Map<String, AttributeValue>> batch : Batches.of(keys, MAX_BATCH_GET)) {
            Map<String, KeysAndAttributes> pending =
                    Map.of(tableName, KeysAndAttributes.builder().keys(batch).build());
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                var request = pending;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(request));
                response.responses()
                        .getOrDefault(tableName, List.of())
                        .forEach(
                                item -> points.add(fromItem(SeriesId.fromId(Attributes.string(item, "series")), item)));
                pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
                if (!pending.isEmpty() && attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(
                            "DynamoDB left keys unprocessed after " + MAX_ATTEMPTS + " attempts");
                }
                if (!pending.isEmpty()) {
                    PointStore.backOff(attempt);
                }
            }
        }
        return points;
    }

    /** One Query, newest first, limit 1. */
    @Override
    public Optional<DailyPoint> latest(SeriesId series, LocalDate day) {
        QueryResponse response = dynamoDb.query(b -> b.tableName(tableName)
                .keyConditionExpression("pk = :pk AND sk <= :day")
                .expressionAttributeValues(Map.of(":pk", s(partition(series)), ":day", s(day.toString())))
                .scanIndexForward(false)
                .limit(1));
        return response.items().stream().findFirst().map(item -> fromItem(series, item));
    }

    @Override
    public Optional<Stored> read(SeriesId series, LocalDate day) {
        Map<String, AttributeValue> item = dynamoDb.getItem(
                        b -> b.tableName(tableName).key(key(series, day)).consistentRead(true))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Stored(
                fromItem(series, item),
                Attributes.longNumber(item, "revision", 0),
                Attributes.string(item, "writtenBy")));
    }

    @Override
    public boolean writeIfRevision(DailyPoint point, Optional<Long> expectedRevision, String executionId) {
        long revision = expectedRevision.orElse(0L) + 1;
        try {
            dynamoDb.putItem(b -> {
                b.tableName(tableName).item(toItem(point, revision, executionId));
                if (expectedRevision.isPresent()) {
                    b.conditionExpression("revision = :expected")
                            .expressionAttributeValues(Map.of(":expected", n(expectedRevision.get())));
                } else {
                    b.conditionExpression("attribute_not_exists(pk)");
                }
            });
            return true;
        } catch (ConditionalCheckFailedException anotherWriterFirst) {
            return false;
        }
    }

    static String partition(SeriesId series) {
        return "POINT#" + series.id();
    }

    private static Map<String, AttributeValue> key(SeriesId series, LocalDate day) {
        return Map.of(PK, s(partition(series)), SK, s(day.toString()));
    }

    static Map<String, AttributeValue> toItem(DailyPoint point, long revision, String writtenBy) {
        Map<String, AttributeValue> item = new HashMap<>(key(point.series(), point.day()));
        item.put("series", s(point.series().id()));
        item.put("value", n(point.value()));
        item.put("unit", s(point.series().unit()));
        if (point.ohlc() != null) {
            item.put("open", n(point.ohlc().open()));
            item.put("high", n(point.ohlc().high()));
            item.put("low", n(point.ohlc().low()));
            item.put("close", n(point.ohlc().close()));
        }
        item.put("sources", Attributes.strings(point.sources()));
        item.put("asOf", s(point.asOf().toString()));
        item.put("isFinal", bool(point.isFinal()));
        if (!point.details().isEmpty()) {
            item.put("details", Attributes.stringMap(point.details()));
        }
        item.put("revision", n(revision));
        if (writtenBy != null) {
            item.put("writtenBy", s(writtenBy));
        }
        return item;
    }

    private static DailyPoint fromItem(SeriesId series, Map<String, AttributeValue> item) {
        DailyPoint.Ohlc ohlc = item.containsKey("open")
                ? new DailyPoint.Ohlc(
                        Attributes.number(item, "open"),
                        Attributes.number(item, "high"),
                        Attributes.number(item, "low"),
                        Attributes.number(item, "close"))
                : null;
        return new DailyPoint(
                series,
                LocalDate.parse(Attributes.string(item, SK)),
                Attributes.number(item, "value"),
                ohlc,
                Attributes.strings(item, "sources"),
                Instant.parse(Attributes.string(item, "asOf")),
                Attributes.bool(item, "isFinal"),
                Attributes.stringMap(item, "details"));
    }
}
