package dev.minerwatch.aws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.TestTables;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import dev.minerwatch.store.RuleLedger.Sent;
import dev.minerwatch.store.RuleLedgerContract;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The rule ledger's contract, held against DynamoDB on moto_server (or LocalStack where Docker runs), and what only
 * DynamoDB does: transactions told apart by their cancellation reasons, and their idempotency tokens. The client
 * passes every request to moto_server, recording each transaction and cancelling one when a test asks it to, as
 * DynamoDB would.
 */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbRuleLedgerIT extends RuleLedgerContract {

    private final LocalAws aws;
    private DynamoDbClient dynamoDb;
    private String tableName;
    /** Every transaction sent, in order. */
    private final List<TransactWriteItemsRequest> transactions = new ArrayList<>();
    /** The cancellation reason the next transactions are answered with, one per transaction, instead of being sent. */
    private final Deque<String> cancellations = new ArrayDeque<>();

    DynamoDbRuleLedgerIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        Settings settings = TestTables.freshTable(aws, Map.of());
        dynamoDb = AwsClients.dynamoDb(settings);
        tableName = settings.tableName();
        return new DynamoDbStorage(faulty(dynamoDb), tableName, "at " + aws.endpoint());
    }

    @Override
    protected Optional<OutboxEntry> outboxEntry(String eventKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(Map.of(
                                MinerwatchTable.PK,
                                AttributeValue.fromS(DynamoDbRuleLedger.RULES_PARTITION),
                                MinerwatchTable.SK,
                                AttributeValue.fromS(DynamoDbRuleLedger.OUTBOX_PREFIX + eventKey))))
                .item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        String leaseUntil =
                item.containsKey("leaseUntil") ? item.get("leaseUntil").n() : null;
        return Optional.of(new OutboxEntry(
                Attributes.string(item, "leaseOwner"),
                leaseUntil == null ? null : Instant.ofEpochMilli(Long.parseLong(leaseUntil)),
                Attributes.longNumber(item, "attempts", 0),
                Attributes.string(item, "lastError")));
    }

    @Test
    void aMarkSentThatDynamoDbCancelsForAnyReasonButAFailedConditionFailsRatherThanReportALostLease() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        cancellations.add("ThrottlingError");

        assertThatThrownBy(
                        () -> ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", RECORDED.plusSeconds(5)))
                .hasMessageContaining("ThrottlingError");

        assertThat(outboxEntry(event.key()))
                .as("still leased to run-a, which published it")
                .hasValueSatisfying(entry -> assertThat(entry.leaseOwner()).isEqualTo("run-a"));
        assertThat(ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", RECORDED.plusSeconds(6)))
                .as("and marked sent once DynamoDB answers")
                .isEmpty();
    }

    @Test
    void aDecisionThatDynamoDbCancelsWithAValidationErrorFailsRatherThanReportAnotherRunFirst() {
        RuleState v0 = RuleState.initial("price_below_production_cost");
        cancellations.add("ValidationError");

        assertThatThrownBy(() -> ledger.record(
                        List.of(change(v0, v0.after(EventKind.FIRED, LocalDate.parse("2026-02-05"), false))),
                        List.of(event(v0.key(), 1, RECORDED, 89_610)),
                        LEASE))
                .hasMessageContaining("ValidationError");
    }

    @Test
    void aConflictThatOutlastsTheAttemptsFailsRatherThanReportAnotherRunFirst() {
        for (int i = 0; i < DynamoDbRuleLedger.MAX_CONFLICT_ATTEMPTS; i++) {
            cancellations.add("TransactionConflict");
        }

        assertThatThrownBy(() -> ledger.record(
                        List.of(), List.of(event("price_below_production_cost", 1, RECORDED, 89_610)), LEASE))
                .hasMessageContaining("TransactionConflict");
    }

    @Test
    void aConflictOfTheMomentIsTriedAgainUnderAnotherToken() {
        cancellations.add("TransactionConflict");

        assertThat(ledger.record(List.of(), List.of(event("price_below_production_cost", 1, RECORDED, 89_610)), LEASE))
                .isTrue();

        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0).transactItems())
                .isEqualTo(transactions.get(1).transactItems());
        assertThat(transactions.get(0).clientRequestToken())
                .isNotEqualTo(transactions.get(1).clientRequestToken());
    }

    @Test
    void everyTransactionCarriesAnIdempotencyTokenDerivedFromItsItems() {
        AlertEvent event = event("price_below_production_cost", 1, RECORDED, 89_610);
        ledger.record(List.of(), List.of(event), LEASE);
        ledger.markSent(List.of(new Sent(event.key(), "m-1")), "run-a", RECORDED.plusSeconds(5));

        assertThat(transactions)
                .hasSize(2)
                .allSatisfy(request -> assertThat(request.clientRequestToken())
                        .isNotBlank()
                        .hasSizeLessThanOrEqualTo(36)
                        .isEqualTo(DynamoDbRuleLedger.idempotencyToken(request.transactItems(), 1)));
        assertThat(transactions.get(0).clientRequestToken())
                .isNotEqualTo(transactions.get(1).clientRequestToken());
    }

    @Test
    void itemsWrittenWithAnAttributePerFigureByTheVersionBeforeAreReadAndDeliveredAsTheyWere() {
        AlertEvent leased = eventWithEveryFigure();
        AlertEvent sent = event("etf_daily_outflow", 1, RECORDED, Double.NaN);
        Instant sentAt = RECORDED.plusSeconds(30);
        Map<String, AttributeValue> leasedHistory = flatItem(DynamoDbRuleLedger.ALERT_PARTITION, leased.key(), leased);
        leasedHistory.put("status", AttributeValue.fromS("PENDING"));
        Map<String, AttributeValue> leasedOutbox =
                flatItem(DynamoDbRuleLedger.RULES_PARTITION, DynamoDbRuleLedger.OUTBOX_PREFIX + leased.key(), leased);
        leasedOutbox.put("leaseOwner", AttributeValue.fromS("run-a"));
        leasedOutbox.put(
                "leaseUntil",
                AttributeValue.fromN(Long.toString(RECORDED.plus(LEASE).toEpochMilli())));
        leasedOutbox.put("attempts", AttributeValue.fromN("1"));
        Map<String, AttributeValue> sentHistory = flatItem(DynamoDbRuleLedger.ALERT_PARTITION, sent.key(), sent);
        sentHistory.put("status", AttributeValue.fromS("SENT"));
        sentHistory.put("messageId", AttributeValue.fromS("m-1"));
        sentHistory.put("sentAt", AttributeValue.fromS(sentAt.toString()));
        for (Map<String, AttributeValue> item : List.of(leasedHistory, leasedOutbox, sentHistory)) {
            dynamoDb.putItem(b -> b.tableName(tableName).item(item));
        }

        assertThat(ledger.load().pending()).containsExactly(leased);
        assertThat(ledger.load().attemptsOf(leased.key())).isEqualTo(1);
        assertThat(ledger.history(10))
                .containsExactlyInAnyOrder(
                        new HistoryEntry(leased, "PENDING", null, null, null, null),
                        new HistoryEntry(sent, "SENT", "m-1", sentAt, null, null));
        assertThat(ledger.markSent(List.of(new Sent(leased.key(), "m-2")), "run-a", sentAt))
                .isEmpty();
        assertThat(ledger.history(10)).contains(new HistoryEntry(leased, "SENT", "m-2", sentAt, null, null));
    }

    @Test
    void anEventIsWrittenAsOneDocumentAttribute() {
        AlertEvent event = eventWithEveryFigure();

        ledger.record(List.of(), List.of(event), LEASE);

        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName)
                        .consistentRead(true)
                        .key(Attributes.key(DynamoDbRuleLedger.ALERT_PARTITION, event.key())))
                .item();
        assertThat(item).containsKey(DynamoDbRuleLedger.EVENT).doesNotContainKeys("ruleId", "value", "day", "sources");
        assertThat(RuleLedger.EventDocument.read(event.key(), Attributes.string(item, DynamoDbRuleLedger.EVENT)))
                .isEqualTo(event);
    }

    /** An item with an attribute per figure, as the version before wrote an event's history and outbox items. */
    private static Map<String, AttributeValue> flatItem(String partition, String sortKey, AlertEvent event) {
        AlertEvent.Figures figures = event.figures();
        Map<String, AttributeValue> item = new HashMap<>(Attributes.key(partition, sortKey));
        item.put("ruleId", Attributes.s(event.ruleId()));
        item.put("title", Attributes.s(event.origin().title()));
        item.put("severity", Attributes.s(event.origin().severity().name()));
        item.put("kind", Attributes.s(event.kind().name()));
        item.put("series", Attributes.s(figures.series().id()));
        item.put("day", Attributes.s(figures.day().toString()));
        item.put("value", Attributes.n(figures.value()));
        item.put("threshold", Attributes.n(figures.threshold()));
        if (event.resolves()) {
            item.put("rearmLevel", Attributes.n(figures.rearmLevel()));
        }
        item.put("unit", Attributes.s(figures.unit()));
        item.put("asOf", Attributes.s(figures.asOf().toString()));
        item.put("sources", Attributes.strings(event.explanation().sources()));
        item.put("dayFinal", Attributes.bool(figures.dayFinal()));
        item.put("thresholdBasis", Attributes.s(event.explanation().thresholdBasis()));
        item.put("detail", Attributes.s(event.explanation().detail()));
        item.put("meaning", Attributes.s(event.explanation().meaning()));
        item.put("executionId", Attributes.s(event.recording().executionId()));
        item.put("recordedAt", Attributes.s(event.recordedAt().toString()));
        return item;
    }

    /** The client, its transactions recorded and cancelled as {@link #cancellations} says. */
    private DynamoDbClient faulty(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(), new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("transactWriteItems")) {
                        TransactWriteItemsRequest request = request(args[0]);
                        transactions.add(request);
                        String reason = cancellations.poll();
                        if (reason != null) {
                            throw TransactionCanceledException.builder()
                                    .message("Transaction cancelled [" + reason + "]")
                                    .cancellationReasons(request.transactItems().stream()
                                            .map(item -> CancellationReason.builder()
                                                    .code(reason)
                                                    .build())
                                            .toList())
                                    .build();
                        }
                        return real.transactWriteItems(request);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private static TransactWriteItemsRequest request(Object argument) {
        if (argument instanceof TransactWriteItemsRequest request) {
            return request;
        }
        TransactWriteItemsRequest.Builder builder = TransactWriteItemsRequest.builder();
        ((Consumer<TransactWriteItemsRequest.Builder>) argument).accept(builder);
        return builder.build();
    }
}
