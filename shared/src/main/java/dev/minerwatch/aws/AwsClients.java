package dev.minerwatch.aws;

import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the AWS clients the way every minerwatch process needs them: one URL-connection HTTP client (small
 * and quick to load) shared by all of them, the region and endpoint overrides of {@link Settings}, and
 * credentials taken straight from the environment when present, which skips the default provider chain's
 * lookups on a Lambda cold start. Every call is bounded ({@link Settings#awsCallTimeout()}), so that a run ends inside its
 * function's timeout even when AWS does not answer.
 */
public final class AwsClients {

    /**
     * The HTTP client's own bounds, which also bound the SSM read (it goes through the client without an SDK one).
     * Each SDK call is bounded tighter by {@link Settings#awsCallTimeout()}: the whole call, and a third of it per
     * attempt.
     */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);

    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private AwsClients() {}

    /** Created on first use; one TLS context and one connection cache for every AWS call of the process. */
    private static final class SharedHttpClient {
        static final SdkHttpClient INSTANCE = UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECTION_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
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
    /**
     * The API key in {@code variable}, else the SSM SecureString parameter {@code variable + "_PARAMETER"} names
     * ({@link Secrets#apiKey}): read at init, or under SnapStart on first use after the restore.
     */
    public static Supplier<Optional<String>> apiKey(Settings settings, String variable) {
        return Secrets.of(settings).apiKey(variable);
    }

    /** Publishes alert messages to the SNS topic {@code topicArn}, in batches ({@link SnsNotifier}). */
    public static Notifier snsNotifier(Supplier<SnsClient> client, String topicArn) {
        return new SnsNotifier(client, topicArn);
    }

    /**
     * Makes the S3 bucket {@code bucket} hold {@code files} (paths under the site's root) and nothing else: puts only
     * the files whose bytes changed, deletes the objects of files gone ({@link S3SiteBucket}); returns the report.
     *
     * @throws IllegalStateException naming the bucket, the key and the status of the call that failed
     */
    public static Map<String, Object> publishSite(Settings settings, String bucket, SortedMap<String, byte[]> files) {
        return new S3SiteBucket(settings, bucket).publish(files);
    }

    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Settings settings, String serviceId) {
        builder.httpClient(httpClient())
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials(settings))
                .overrideConfiguration(c -> c.apiCallTimeout(settings.awsCallTimeout())
                        .apiCallAttemptTimeout(settings.awsCallTimeout().dividedBy(3)));
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
            return StaticCredentialsProvider.create(
                    token.isPresent()
                            ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
                            : AwsBasicCredentials.create(keyId.get(), secret.get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
