package dev.minerwatch.aws.dynamodb;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversions between Java values and DynamoDB attribute values, in one place. */
final class Attributes {

    private Attributes() {}

    /** The key of an item: its partition and sort key. */
    static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(MinerwatchTable.PK, s(partition), MinerwatchTable.SK, s(sort));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A double as a DynamoDB number, written without binary noise (0.1 stays "0.1"). */
    static AttributeValue n(double value) {
        return AttributeValue.fromN(BigDecimal.valueOf(value).toPlainString());
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue bool(boolean value) {
        return AttributeValue.fromBool(value);
    }

    static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    static AttributeValue stringMap(Map<String, String> values) {
        return AttributeValue.fromM(values.entrySet().stream()
                .collect(
                        java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue()))));
    }

    static double number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("stored item " + item.get(MinerwatchTable.PK) + "/"
                    + item.get(MinerwatchTable.SK) + " has no number '" + name + "'");
        }
        return Double.parseDouble(value.n());
    }

    static double number(Map<String, AttributeValue> item, String name, double defaultValue) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? defaultValue : Double.parseDouble(value.n());
    }

    static long longNumber(Map<String, AttributeValue> item, String name, long defaultValue) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? defaultValue : Long.parseLong(value.n());
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasL()
                ? List.of()
                : value.l().stream().map(AttributeValue::s).toList();
    }

    static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            return Map.of();
        }
        return value.m().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey, e -> e.getValue().s()));
    }

    static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }
}
