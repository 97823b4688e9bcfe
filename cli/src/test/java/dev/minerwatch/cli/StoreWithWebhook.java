package dev.minerwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.minerwatch.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local store in a folder of its own, and a webhook consumer listening for what the commands run on it deliver:
 * for the tests of the commands that act on alerts ({@code silence}, {@code ack}). Closed after each test.
 */
final class StoreWithWebhook implements AutoCloseable {

    private final WireMockServer consumer;
    private final Map<String, String> env;
    private final String store;

    StoreWithWebhook(Path dir) {
        consumer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        consumer.start();
        consumer.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(202)));
        env = Map.of("WEBHOOK_URL", "http://127.0.0.1:" + consumer.port() + "/hook");
        store = dir.resolve("store").toString();
    }

    /** The store's folder (its {@code --data-dir}). */
    Path dataDir() {
        return Path.of(store);
    }

    /** {@code minerwatch args... --data-dir <the store>}, the webhook configured. */
    Cli.Result minerwatch(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", store));
        return Cli.minerwatch(env, all.toArray(String[]::new));
    }

    /** One recorded cycle, with the price rule's cost at $87,000: it fires on 5 February 2026. */
    Cli.Result run() {
        return minerwatch("run", "--recorded", "--production-cost", "87000");
    }

    /** The bodies the consumer received, in order. */
    List<Map<String, Object>> received() throws JsonProcessingException {
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (LoggedRequest request : consumer.findAll(postRequestedFor(urlPathEqualTo("/hook")))) {
            bodies.add(Json.parseObject(request.getBodyAsString()));
        }
        return bodies;
    }

    /** The event ids the consumer received, in order. */
    List<Object> receivedIds() throws JsonProcessingException {
        return received().stream().map(body -> body.get("event_id")).toList();
    }

    @Override
    public void close() {
        consumer.stop();
    }
}
