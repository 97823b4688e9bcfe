package dev.minerwatch.aws;

import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Reads one SSM parameter with decryption: a single {@code GetParameter} call in the AWS JSON protocol, signed
 * by the SDK's own SigV4 signer and sent by the shared URL-connection client ({@link SignedCall}). It stands in for the SSM client module,
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
        try {
            SignedCall.Answer answer = new SignedCall(settings, "ssm")
                    .send(
                            SdkHttpMethod.POST,
                            endpoint,
                            Map.of(
                                    "Content-Type", "application/x-amz-json-1.1",
                                    "X-Amz-Target", "AmazonSSM.GetParameter"),
                            body);
            if (answer.body().length == 0) {
                throw new IOException("empty answer");
            }
            Map<?, ?> json = Json.parse(answer.body()) instanceof Map<?, ?> object ? object : Map.of();
            int status = answer.status();
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
