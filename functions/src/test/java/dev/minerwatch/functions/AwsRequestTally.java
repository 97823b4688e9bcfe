package dev.minerwatch.functions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts the AWS requests of this test JVM, per service and operation, with the capacity DynamoDB reports for
 * them, while a tally is open. The SDK adds it to every client it builds (it is listed in this module's test
 * resources under {@code software/amazon/awssdk/global/handlers/execution.interceptors}), so the functions'
 * own clients are counted without a hook in production code. With no tally open it changes nothing.
 */
public final class AwsRequestTally implements ExecutionInterceptor {

    private static volatile Tally open;

    /** Requests per {@code Service.Operation}, DynamoDB read and write capacity units, and the items DynamoDB returned. */
    public static final class Tally implements AutoCloseable {
        private final Map<String, Integer> requests = new TreeMap<>();
        private double readUnits;
        private double writeUnits;
        private int itemsRead;

        public synchronized Map<String, Integer> requests() {
            return Map.copyOf(requests);
        }

        public synchronized int count(String service) {
            return requests.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(service + "."))
                    .mapToInt(Map.Entry::getValue)
                    .sum();
        }

        public synchronized double readUnits() {
            return readUnits;
        }

        public synchronized double writeUnits() {
            return writeUnits;
        }

        public synchronized int itemsRead() {
            return itemsRead;
        }

        synchronized void add(String operation, List<ConsumedCapacity> consumed, int items, boolean write) {
            requests.merge(operation, 1, Integer::sum);
            double units = consumed.stream()
                    .mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits())
                    .sum();
            if (write) {
                writeUnits += units;
            } else {
                readUnits += units;
            }
            itemsRead += items;
        }

        @Override
        public void close() {
            open = null;
        }
    }

    /** Opens a tally: the requests from now until it is closed are counted in it. */
    public static Tally open() {
        Tally tally = new Tally();
        open = tally;
        return tally;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (open == null) {
            return context.request();
        }
        // Ask DynamoDB for the capacity each request consumed.
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (context.request()) {
            case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest r ->
                r.toBuilder().returnConsumedCapacity(total).build();
            default -> context.request();
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Tally tally = open;
        if (tally == null) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        switch (context.response()) {
            case QueryResponse r -> tally.add(operation, single(r.consumedCapacity()), r.count(), false);
            case GetItemResponse r -> tally.add(operation, single(r.consumedCapacity()), r.hasItem() ? 1 : 0, false);
            case BatchGetItemResponse r ->
                tally.add(
                        operation,
                        r.consumedCapacity(),
                        r.responses().values().stream().mapToInt(List::size).sum(),
                        false);
            case PutItemResponse r -> tally.add(operation, single(r.consumedCapacity()), 0, true);
            case UpdateItemResponse r -> tally.add(operation, single(r.consumedCapacity()), 0, true);
            case DeleteItemResponse r -> tally.add(operation, single(r.consumedCapacity()), 0, true);
            case BatchWriteItemResponse r -> tally.add(operation, r.consumedCapacity(), 0, true);
            case TransactWriteItemsResponse r -> tally.add(operation, r.consumedCapacity(), 0, true);
            default -> tally.add(operation, List.of(), 0, false);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Tally tally = open;
        if (tally != null) {
            tally.add(
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                            + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + "(failed)",
                    List.of(),
                    0,
                    false);
        }
    }

    private static List<ConsumedCapacity> single(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }
}
