package dev.minerwatch.aws.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single DynamoDB table. Items are keyed by a partition key {@code pk} naming a collection and a sort key
 * {@code sk} ordering it:
 *
 * <pre>
 *   pk                           sk                                       item
 *   POINT#btc_usd                2026-02-05                               the day's point of a series
 *   SUPPLY#supply_btc            2026-02-05                               the day's circulating supply
 *   RULES                        STATE#price_below_prod...                a rule's state (active, version)
 *   RULES                        OUTBOX#2026-02-05#price_below_prod...#1  an event not yet published
 *   RULES                        SILENCE#s-1a2b3c4d                       a silence of a rule's notifications
 *   ALERT                        2026-02-05#price_below_prod...#1         an alert event and its delivery
 *   RECEIPT#2026-02-05#price_...#1  slack                                 a channel took the event (TTL)
 *   SUBSCRIBER                   alice@example.com                        an email or SMS subscriber of a local run
 * </pre>
 *
 * One Query on {@code POINT#<series>} with a {@code sk} range reads a series over a date range; ISO dates sort
 * lexicographically in date order. In AWS the table comes from {@code template.yaml}; {@link #create} serves
 * local stores and tests.
 */
public final class MinerwatchTable {

    public static final String PK = "pk";
    public static final String SK = "sk";

    private MinerwatchTable() {}

    /** Creates the table (on-demand capacity) unless it exists, and waits until it is active. */
    public static void create(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.createTable(b -> b.tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName(PK)
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName(SK)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(
                            KeySchemaElement.builder()
                                    .attributeName(PK)
                                    .keyType(KeyType.HASH)
                                    .build(),
                            KeySchemaElement.builder()
                                    .attributeName(SK)
                                    .keyType(KeyType.RANGE)
                                    .build()));
        } catch (ResourceInUseException alreadyThere) {
            // Creating is idempotent: a table that exists is what we want.
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    }
}
