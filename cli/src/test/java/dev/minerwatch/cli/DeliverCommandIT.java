package dev.minerwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deliver --at} on the local store: the recorded cycle of 5 February 2026 (14:10 UTC) fires inside Slack's
 * quiet hours (14:00-16:00 UTC, critical held too), a webhook beside it gets each alert at once; Slack gets them as one
 * message when the hours end, once however often {@code deliver} runs.
 */
class DeliverCommandIT {

    @TempDir
    Path dir;

    private WireMockServer server;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(202)));
        String base = "http://127.0.0.1:" + server.port();
        env = Map.of(
                "SLACK_WEBHOOK_URL",
                base + "/slack",
                "SLACK_QUIET_HOURS",
                "14:00-16:00 UTC",
                "SLACK_QUIET_HOURS_CRITICAL",
                "hold",
                "WEBHOOK_URL",
                base + "/hook");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Cli.Result minerwatch(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("store").toString()));
        return Cli.minerwatch(env, all.toArray(String[]::new));
    }

    private List<LoggedRequest> posts(String path) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void whatQuietHoursHeldGoesOutAsOneMessageWhenTheyEndAndOnlyOnce() {
        Cli.Result run = minerwatch("run", "--recorded", "--production-cost", "87000");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        int alerts = posts("/hook").size();
        assertThat(alerts).as("the webhook is not quiet: one post per alert").isPositive();
        assertThat(posts("/slack")).as("Slack is quiet at 14:10").isEmpty();

        Cli.Result early = minerwatch("deliver", "--at", "2026-02-05T15:59:00Z");
        assertThat(early.exitCode()).as(early.out() + early.err()).isZero();
        assertThat(early.out()).contains("0 released");
        assertThat(posts("/slack")).isEmpty();

        Cli.Result released = minerwatch("deliver", "--at", "2026-02-05T16:00:00Z");

        assertThat(released.exitCode()).as(released.out() + released.err()).isZero();
        assertThat(released.out())
                .contains(alerts + " released")
                .contains("  released ")
                .contains("to slack: ok");
        assertThat(posts("/slack"))
                .singleElement()
                .satisfies(post -> assertThat(post.getBodyAsString())
                        .contains("while quiet, " + alerts + " fired (14:00-16:00 UTC)"));

        Cli.Result again = minerwatch("deliver", "--at", "2026-02-05T16:15:00Z");
        assertThat(again.out()).contains("0 released");
        assertThat(posts("/slack")).hasSize(1);
        assertThat(posts("/hook")).hasSize(alerts);
    }
}
