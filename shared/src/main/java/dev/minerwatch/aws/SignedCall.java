package dev.minerwatch.aws;

import dev.minerwatch.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One AWS request signed by the SDK's own SigV4 signer and sent by the shared URL-connection client ({@link
 * AwsClients#httpClient()}): for the few calls minerwatch makes without a service module, which would weigh more than
 * the calls (SSM's GetParameter, S3's object calls: {@link SsmParameterReader}, {@link S3SiteBucket}).
 */
final class SignedCall {

    /** An answer: its status and its body (empty when it had none). */
    record Answer(int status, byte[] body) {}

    private final Settings settings;
    private final String service;
    private final AwsCredentialsIdentity credentials;

    /** Calls to {@code service} (its signing name) with the credentials {@link AwsClients} resolves, once. */
    SignedCall(Settings settings, String service) {
        this.settings = settings;
        this.service = service;
        this.credentials = AwsClients.credentials(settings).resolveCredentials();
    }

    /** Attempts of one call: a throttled or failed answer (429, 5xx) or a broken connection is tried again. */
    static final int ATTEMPTS = 3;

    /** The wait before the second attempt; doubled before the third. */
    static final Duration FIRST_WAIT = Duration.ofMillis(200);

    /**
     * Sends the call, signed anew for each attempt, trying again what AWS asks to be tried again (a 429, a 5xx: a
     * publication of thousands of PUTs meets one now and then) and a connection that broke; the last answer or error
     * stands.
     */
    Answer send(SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body) throws IOException {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = sendOnce(method, uri, headers, body);
                if (attempt == ATTEMPTS || (answer.status() != 429 && answer.status() < 500)) {
                    return answer;
                }
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted between attempts of " + method + " " + uri.getPath(), e);
            }
            wait = wait.multipliedBy(2);
        }
    }

    private Answer sendOnce(SdkHttpMethod method, URI uri, Map<String, String> headers, byte[] body)
            throws IOException {
        SdkHttpFullRequest.Builder request =
                SdkHttpFullRequest.builder().method(method).uri(uri);
        headers.forEach(request::putHeader);
        boolean s3 = service.equals("s3");
        if (s3) {
            // S3 wants the payload's hash as a header of its own (the signer then signs that value).
            request.putHeader("x-amz-content-sha256", sha256(body));
        }
        SdkHttpFullRequest unsigned = request.build();
        SignedRequest signed = AwsV4HttpSigner.create()
                .sign(r -> r.identity(credentials)
                        .request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, settings.region())
                        // S3 signs the path as sent: no second encoding, no normalising of its keys.
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, !s3)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, !s3));
        HttpExecuteResponse response = AwsClients.httpClient()
                .prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request())
                        .contentStreamProvider(
                                body.length == 0 ? null : signed.payload().orElse(null))
                        .build())
                .call();
        byte[] answer;
        var stream = response.responseBody();
        if (stream.isEmpty()) {
            answer = new byte[0];
        } else {
            try (InputStream in = stream.get()) {
                answer = in.readAllBytes();
            }
        }
        return new Answer(response.httpResponse().statusCode(), answer);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256", bytes));
    }

    static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }
}
