package dev.minerwatch.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class EmbeddedDynamoDbIT {

    @TempDir
    Path dataDir;

    private static DynamoDbClient client(EmbeddedDynamoDb dynamoDb) {
        return DynamoDbClient.builder().endpointOverride(dynamoDb.endpoint()).region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    @Test
    void aPersistentStoreKeepsItsDataAcrossRestarts() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.persistent(dataDir)) {
            DynamoDbClient client = client(dynamoDb);
            client.createTable(b -> b.tableName("kept-table").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
            client.putItem(b -> b.tableName("kept-table").item(Map.of("pk", AttributeValue.fromS("kept"))));
        }
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.persistent(dataDir)) {
            assertThat(client(dynamoDb).getItem(b -> b.tableName("kept-table").key(Map.of("pk", AttributeValue.fromS("kept"))))
                    .item()).containsEntry("pk", AttributeValue.fromS("kept"));
        }
    }

    @Test
    void anInMemoryStoreStartsEmpty() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory()) {
            assertThat(client(dynamoDb).listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void itListensOnLoopbackOnly() throws IOException {
        Optional<InetAddress> external = externalAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.inMemory()) {
            int port = dynamoDb.endpoint().getPort();
            assertThat(dynamoDb.endpoint().getHost()).isEqualTo("127.0.0.1");
            try (Socket loopback = new Socket()) {
                loopback.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                assertThat(loopback.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> {
                try (Socket outside = new Socket()) {
                    outside.connect(new InetSocketAddress(external.get(), port), 1_000);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    private static Optional<InetAddress> externalAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return Optional.of(address);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
