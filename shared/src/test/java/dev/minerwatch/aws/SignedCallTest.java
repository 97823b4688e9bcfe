package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.minerwatch.config.Settings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;

/** A signed call tries again what AWS asks to be tried again, signed anew, and no more than its attempts. */
class SignedCallTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> signatures = new CopyOnWriteArrayList<>();
    private final List<Integer> answers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void aServerThatAnswersInTurn() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int call = calls.getAndIncrement();
            signatures.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getRequestBody().readAllBytes();
            int status = call < answers.size() ? answers.get(call) : 200;
            byte[] body = ("answer " + call).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SignedCall.Answer put() throws Exception {
        SignedCall call = new SignedCall(
                Settings.of(Map.of(
                        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE",
                        "AWS_SECRET_ACCESS_KEY", "secret",
                        "AWS_REGION", "eu-central-1")),
                "s3");
        return call.send(
                SdkHttpMethod.PUT,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/bucket/index.html"),
                Map.of("Content-Type", "text/html"),
                "<h1>Now</h1>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aThrottledAndAFailedAnswerAreTriedAgainUntilOneSucceeds() throws Exception {
        answers.addAll(List.of(503, 429));

        SignedCall.Answer answer = put();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(calls).hasValue(3);
        assertThat(signatures).allSatisfy(s -> assertThat(s).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    }

    @Test
    void afterItsAttemptsTheLastAnswerStandsAndARefusalIsNeverTriedAgain() throws Exception {
        answers.addAll(List.of(500, 500, 500, 200));
        assertThat(put().status()).isEqualTo(500);
        assertThat(calls).hasValue(SignedCall.ATTEMPTS);

        calls.set(0);
        answers.clear();
        answers.add(403);
        assertThat(put().status()).isEqualTo(403);
        assertThat(calls).hasValue(1);
    }
}
