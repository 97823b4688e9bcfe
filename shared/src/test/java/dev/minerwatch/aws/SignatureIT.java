package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.MotoServer;
import dev.minerwatch.testkit.LocalAws;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The calls minerwatch signs itself ({@link SignedCall}: S3's, SSM's) against a moto_server that checks signatures:
 * after its first few requests (the set-up's, {@code INITIAL_NO_AUTH_ACTION_COUNT}) moto verifies each request's
 * SigV4 signature with the IAM user's secret, as AWS does. The other tests' emulators accept any signature.
 */
class SignatureIT {

    /** The set-up's requests, made before moto checks anything: the user, its key, its policy, the bucket, the key. */
    private static final int SET_UP_REQUESTS = 5;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static MotoServer moto;
    private static Map<String, String> env;

    @BeforeAll
    static void motoThatChecksSignatures() throws Exception {
        Optional<Path> executable = MotoServer.findExecutable();
        if (executable.isEmpty() && Boolean.getBoolean(LocalAws.REQUIRE_EMULATOR_PROPERTY)) {
            throw new AssertionError("moto_server is not on the PATH (pip install 'moto[server]')");
        }
        Assumptions.assumeTrue(executable.isPresent(), "moto_server is not on the PATH (pip install 'moto[server]')");
        moto = MotoServer.start(
                executable.get(), Map.of("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(SET_UP_REQUESTS)));
        iam("Action=CreateUser&UserName=publisher");
        String key = iam("Action=CreateAccessKey&UserName=publisher");
        String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\","
                + "\"ssm:GetParameter\"],\"Resource\":\"*\"}]}";
        iam("Action=PutUserPolicy&UserName=publisher&PolicyName=publish&PolicyDocument="
                + URLEncoder.encode(policy, StandardCharsets.UTF_8));
        send(HttpRequest.newBuilder(moto.endpoint().resolve("/signed-site"))
                .header("Authorization", unchecked("s3"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        send(HttpRequest.newBuilder(moto.endpoint())
                .header("Authorization", unchecked("ssm"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonSSM.PutParameter")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"/minerwatch/signed\",\"Value\":\"signed-value\","
                        + "\"Type\":\"SecureString\"}")));
        env = new HashMap<>();
        env.put("AWS_REGION", LocalAws.REGION);
        env.put("AWS_ACCESS_KEY_ID", element(key, "AccessKeyId"));
        env.put("AWS_SECRET_ACCESS_KEY", element(key, "SecretAccessKey"));
        env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    /**
     * Keys with a space and a tilde: moto's check also refuses the AWS CLI's own signature for a key with other
     * characters to encode ({@code (}, {@code +}, {@code ä}), so those cannot be checked here; the canonical path
     * minerwatch signs for them is the CLI's ({@code a%28b.json}). The site's paths need none of them.
     */
    @Test
    void s3TakesThePublicationsListPutsAndDeletesKeysWithSpacesAndTildesIncluded() {
        Settings settings = Settings.of(env);
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put("index.html", "<!doctype html><title>signed</title>".getBytes(StandardCharsets.UTF_8));
        files.put("odd/a key~with-marks.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(AwsClients.publishSite(settings, "signed-site", files).get("put"))
                .isEqualTo(List.of("index.html", "odd/a key~with-marks.json"));
        files.remove("index.html");
        assertThat(AwsClients.publishSite(settings, "signed-site", files))
                .containsEntry("unchanged", 1)
                .containsEntry("deleted", List.of("index.html"));
    }

    @Test
    void aWrongSecretIsRefusedForItsSignature() {
        Map<String, String> wrong = new HashMap<>(env);
        wrong.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");

        assertThatThrownBy(() -> AwsClients.publishSite(
                        Settings.of(wrong), "signed-site", new TreeMap<>(Map.of("index.html", new byte[] {1}))))
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("SignatureDoesNotMatch");
    }

    @Test
    void ssmAnswersTheSignedGetParameter() {
        assertThat(new SsmParameterReader(Settings.of(env)).apply("/minerwatch/signed"))
                .isEqualTo("signed-value");
    }

    /** An Authorization header naming the service, which moto routes by; not checked during the set-up. */
    private static String unchecked(String service) {
        return "AWS4-HMAC-SHA256 Credential=setup/20260205/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=0";
    }

    private static String iam(String query) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(moto.endpoint())
                .header("Authorization", unchecked("iam"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query + "&Version=2010-05-08")));
    }

    private static String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static String element(String xml, String name) {
        Matcher value = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
        assertThat(value.find()).as("%s in %s", name, xml).isTrue();
        return value.group(1);
    }
}
