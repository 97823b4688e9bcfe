package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Under SnapStart, construction and priming happen before the snapshot: nothing may call out (no provider, no
 * AWS service, no SSM key read), so nothing external is frozen into it. Every endpoint here is one local server
 * that counts what reaches it.
 */
class SnapStartPrimingTest {

    private WireMockServer everyEndpoint;
    private Minerwatch minerwatch;

    @BeforeEach
    void endpoints() {
        everyEndpoint = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        everyEndpoint.start();
        String url = everyEndpoint.baseUrl();
        Map<String, String> env = new HashMap<>();
        for (String variable : List.of(
                "AWS_ENDPOINT_URL",
                "COINGECKO_BASE_URL",
                "COINBASE_BASE_URL",
                "KRAKEN_BASE_URL",
                "MEMPOOL_BASE_URL",
                "BLOCKCHAIN_INFO_BASE_URL",
                "SOSOVALUE_BASE_URL")) {
            env.put(variable, url);
        }
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
        env.put("SOSOVALUE_API_KEY_PARAMETER", "/minerwatch/sosovalue-api-key");
        env.put("COINGECKO_API_KEY_PARAMETER", "/minerwatch/coingecko-api-key");
        env.put("SLACK_WEBHOOK_URL_PARAMETER", "/minerwatch/slack-webhook-url");
        env.put("ACK_KEY_PARAMETER", "/minerwatch/ack-key");
        env.put("ACK_URL", "https://abc123.lambda-url.us-east-1.on.aws/");
        env.put("ALERT_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:minerwatch-alerts");
        env.put("AWS_REGION", "us-east-1");
        minerwatch = new Minerwatch(Settings.of(env), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        everyEndpoint.stop();
    }

    @Test
    void everyHandlerIsBuiltAndPrimedWithoutASingleExternalCall() {
        List<BiFunction<Minerwatch, Clock, ScheduledFunction>> handlers = List.of(
                MarketCollectorHandler::new,
                NetworkCollectorHandler::new,
                EtfFlowCollectorHandler::new,
                BackfillHandler::new,
                EvaluationHandler::new,
                DigestHandler::new);
        // Every scheduled handler primes the same paths (ScheduledFunction.beforeCheckpoint): the first primes in
        // full, as SnapStart does, the others in one round, which reaches every path the full priming reaches.
        for (var constructor : handlers) {
            ScheduledFunction handler = constructor.apply(minerwatch, Clock.systemUTC());
            if (constructor != handlers.get(0)) {
                handler.primingIn(1);
            }
            handler.beforeCheckpoint(null);
            handler.afterRestore(null);
        }
        ChannelForwarderHandler forwarder = new ChannelForwarderHandler(minerwatch, Clock.systemUTC());
        forwarder.beforeCheckpoint(null);
        forwarder.afterRestore(null);
        AckHandler ack = new AckHandler(minerwatch, Clock.systemUTC());
        ack.beforeCheckpoint(null);
        ack.afterRestore(null);

        assertThat(everyEndpoint.getAllServeEvents())
                .as("requests made before the snapshot")
                .isEmpty();
    }
}
