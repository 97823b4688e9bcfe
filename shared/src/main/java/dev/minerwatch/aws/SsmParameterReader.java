package dev.minerwatch.aws;

import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Reads one SSM parameter with decryption: a single {@code GetParameter} call in the AWS JSON protocol, signed
 * by the SDK's own SigV4 signer and sent by the shared URL-connection client ({@link AwsClients#httpClient()}). It stands in for the SSM client module,
 * which weighs 6.3 MB for this one call.
 */
final class SsmParameterReader implements Function<String, String> {

    private final Settings settings;

    public SsmParameterReader(Settings settings) {
        this.settings = settings;
    }

    @Override
    public String apply(String name) {
        String region = settings.region();
        URI endpoint = settings.awsEndpoint("ssm").orElse(URI.create("https://ssm." + region + ".amazonaws.com"));
        byte[] body = Json.write(new TreeMap<>(Map.of("Name", name, "WithDecryption", true)))
                .getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .build();
        AwsCredentialsIdentity credentials = AwsClients.credentials(settings).resolveCredentials();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = AwsClients.httpClient()
                    .prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            Map<?, ?> json;
            try (InputStream in = response.responseBody().orElseThrow(() -> new IOException("empty answer"))) {
                json = Json.parse(in.readAllBytes()) instanceof Map<?, ?> object ? object : Map.of();
            }
            int status = response.httpResponse().statusCode();
            if (status != 200) {
                Object message = json.containsKey("message") ? json.get("message") : json.get("Message");
                throw new IllegalStateException("cannot read SSM parameter " + name + ": HTTP " + status + " "
                        + json.get("__type") + " " + message);
            }
            if (!(json.get("Parameter") instanceof Map<?, ?> parameter
                    && parameter.get("Value") instanceof String value)) {
                throw new IllegalStateException(
                        "cannot read SSM parameter " + name + ": no Parameter.Value in the answer");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SSM parameter " + name + ": " + e.getMessage(), e);
        }
    }
}
