package dev.minerwatch.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The SDK's floor of the cold-start harness: what any function that reads DynamoDB pays before any minerwatch
 * code runs. It builds the DynamoDB client exactly as the functions do ({@link AwsClients}) and reads one item.
 */
public final class SdkFloorHandler implements RequestStreamHandler {

    private final Settings settings = Settings.fromEnvironment();
    private final DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        boolean found = dynamoDb.getItem(b -> b.tableName(settings.tableName())
                        .key(Map.of(
                                MinerwatchTable.PK,
                                AttributeValue.fromS("POINT#btc_usd"),
                                MinerwatchTable.SK,
                                AttributeValue.fromS("2026-02-05"))))
                .hasItem();
        output.write(("{\"found\":" + found + "}").getBytes(StandardCharsets.US_ASCII));
    }
}
