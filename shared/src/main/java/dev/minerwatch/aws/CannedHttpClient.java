package dev.minerwatch.aws;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that never leaves the process: it answers every request with one canned body. Priming gives it
 * to throwaway AWS clients so that the SDK's whole request path (marshalling, endpoint rules, signing,
 * unmarshalling) runs before a SnapStart snapshot without a single call out.
 */
public final class CannedHttpClient implements SdkHttpClient {

    private final String contentType;
    private final byte[] body;
    private final AtomicInteger answered = new AtomicInteger();

    public CannedHttpClient(String contentType, String body) {
        this.contentType = contentType;
        this.body = body.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                answered.incrementAndGet();
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
