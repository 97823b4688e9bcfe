package dev.minerwatch.priming;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never leaves the process: it answers every request from memory, with one canned body or
 * with what {@link Answers} makes of the request. Priming gives it to throwaway AWS clients so that the SDK's whole
 * request path (marshalling, endpoint rules, signing, unmarshalling) runs before a SnapStart snapshot without a
 * single call out.
 */
public final class CannedHttpClient implements SdkHttpClient {

    /** The body answering a request, from its {@code X-Amz-Target} operation (empty for a query protocol) and body. */
    @FunctionalInterface
    public interface Answers {
        String to(String operation, byte[] requestBody);
    }

    private final String contentType;
    private final Answers answers;
    private final AtomicInteger answered = new AtomicInteger();

    public CannedHttpClient(String contentType, String body) {
        this(contentType, (operation, requestBody) -> body);
    }

    public CannedHttpClient(String contentType, Answers answers) {
        this.contentType = contentType;
        this.answers = answers;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                answered.incrementAndGet();
                String target = request.httpRequest()
                        .firstMatchingHeader("X-Amz-Target")
                        .orElse("");
                byte[] requestBody;
                if (request.contentStreamProvider().isEmpty()) {
                    requestBody = new byte[0];
                } else {
                    try (InputStream in = request.contentStreamProvider().get().newStream()) {
                        requestBody = in.readAllBytes();
                    }
                }
                byte[] body = answers.to(target.substring(target.indexOf('.') + 1), requestBody)
                        .getBytes(StandardCharsets.UTF_8);
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder()
                                .statusCode(200)
                                .putHeader("Content-Type", contentType)
                                .putHeader("Content-Length", Integer.toString(body.length))
                                .build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {}
        };
    }

    /** How many requests it has answered. */
    public int answered() {
        return answered.get();
    }

    @Override
    public String clientName() {
        return "canned";
    }

    @Override
    public void close() {}
}
