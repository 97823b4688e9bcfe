package dev.minerwatch.aws;

import dev.minerwatch.config.Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the AWS clients the way every minerwatch process needs them: one URL-connection HTTP client (small
 * and quick to load) shared by all of them, the region and endpoint overrides of {@link Settings}, and
 * credentials taken straight from the environment when present, which skips the default provider chain's
 * lookups on a Lambda cold start.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /** Created on first use; one TLS context and one connection cache for every AWS call of the process. */
    private static final class SharedHttpClient {
        static final SdkHttpClient INSTANCE = UrlConnectionHttpClient.create();
    }

    /** The process's HTTP client for AWS calls. Shared: closing an AWS client leaves it open. */
    public static SdkHttpClient httpClient() {
        return SharedHttpClient.INSTANCE;
    }

    public static DynamoDbClient dynamoDb(Settings settings) {
        return configure(DynamoDbClient.builder(), settings, "dynamodb").build();
    }

    public static SnsClient sns(Settings settings) {
        return configure(SnsClient.builder(), settings, "sns").build();
    }

    /** Applies minerwatch's client settings to any SDK v2 synchronous client builder. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Settings settings, String serviceId) {
        builder.httpClient(httpClient())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings));
        settings.awsEndpoint(serviceId).ifPresent(builder::endpointOverride);
        return builder;
    }

    static AwsCredentialsProvider credentials(Settings settings) {
        if (settings.snapStartInit()) {
            return DefaultCredentialsProvider.builder().build(); // resolved after the restore, never snapshotted
        }
        var keyId = settings.get("AWS_ACCESS_KEY_ID");
        var secret = settings.get("AWS_SECRET_ACCESS_KEY");
        if (keyId.isPresent() && secret.isPresent()) {
            var token = settings.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(token.isPresent()
                    ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                    : AwsBasicCredentials.create(keyId.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
