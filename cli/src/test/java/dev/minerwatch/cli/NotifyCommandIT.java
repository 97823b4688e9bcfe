package dev.minerwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.minerwatch.json.Json;
import dev.minerwatch.testkit.WebhookConsumer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code notify --test}, and a local run delivering to the channels beside the console, against real receivers. */
class NotifyCommandIT {

    @TempDir
    Path dir;

    private WireMockServer receivers;
    private Map<String, String> env;

    @BeforeEach
    void start() {
        receivers = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        receivers.start();
        receivers.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(202)));
        receivers.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        String base = "http://127.0.0.1:" + receivers.port();
        env = Map.of(
                "WEBHOOK_URL",
                base + "/hook",
                "WEBHOOK_SECRET",
                "consumer-shared-secret",
                "SLACK_WEBHOOK_URL",
                base + "/slack",
                "MINERWATCH_DATA_DIR",
                dir.resolve("store").toString());
    }

    @AfterEach
    void stop() {
        receivers.stop();
    }

    private List<LoggedRequest> received(String path) {
        return receivers.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void theTestMessageReachesEveryConfiguredChannelAndEachOneSaysSo() throws Exception {
        Cli.Result result = Cli.minerwatch(env, "notify", "--test");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .containsPattern("sending test-[0-9a-f-]+ to 2 channels")
                .containsPattern("\n  webhook +ok \\(webhook-202\\)\n")
                .containsPattern("\n  slack +ok \\(slack-200\\)\n");
        LoggedRequest hook = received("/hook").get(0);
        assertThat(WebhookConsumer.accepts("consumer-shared-secret", hook))
                .as("the signature a consumer checks")
                .isTrue();
        assertThat(Json.parseObject(hook.getBodyAsString())).containsEntry("status", "test");
        assertThat(received("/slack").get(0).getBodyAsString())
                .contains("minerwatch TEST: a test notification, no alert");
    }

    @Test
    void theTestMessageReachesNtfyAndPushoverEachInItsOwnShape() throws Exception {
        receivers.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(200)));
        receivers.stubFor(post(urlPathEqualTo("/1/messages.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":1}")));
        String base = "http://127.0.0.1:" + receivers.port();
        Map<String, String> both = Map.of(
                "NTFY_URL",
                base + "/mw-alerts",
                "PUSHOVER_USER_KEY",
                "uQiRzpo4DXghDmr9QzzfQu27cmVRsG",
                "PUSHOVER_APP_TOKEN",
                "azGDORePK8gMaC0QOYAMyEEuzJnyUi",
                "PUSHOVER_BASE_URL",
                base,
                "MINERWATCH_DATA_DIR",
                dir.resolve("store").toString());

        Cli.Result result = Cli.minerwatch(both, "notify", "--test");

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .containsPattern("sending test-[0-9a-f-]+ to 2 channels")
                .containsPattern("\n  ntfy +ok \\(ntfy-200\\)\n")
                .containsPattern("\n  pushover +ok \\(pushover-200\\)\n")
                .doesNotContain("mw-alerts")
                .doesNotContain("azGDORePK8gMaC0QOYAMyEEuzJnyUi");
        assertThat(Json.parseObject(received("/").get(0).getBodyAsString()))
                .containsEntry("topic", "mw-alerts")
                .containsEntry("tags", List.of("test_tube", "test"));
        assertThat(received("/1/messages.json").get(0).getBodyAsString())
                .contains("&title=minerwatch+TEST")
                .contains("&priority=0");
    }

    @Test
    void aWebhookWithoutOrWithABlankSecretIsReportedUnsignedByTheTest() {
        for (String secret : new String[] {null, "  "}) {
            Map<String, String> unsigned = new HashMap<>(env);
            unsigned.remove("WEBHOOK_SECRET");
            if (secret != null) {
                unsigned.put("WEBHOOK_SECRET", secret);
            }

            Cli.Result result = Cli.minerwatch(unsigned, "notify", "--test");

            assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
            assertThat(result.out())
                    .containsPattern("\n  webhook +ok \\(webhook-202, unsigned: WEBHOOK_SECRET is not set\\)\n");
        }
        assertThat(received("/hook"))
                .hasSize(2)
                .allSatisfy(hook -> assertThat(hook.containsHeader("X-Minerwatch-Signature"))
                        .isFalse());
    }

    @Test
    void aChannelThatFailsMakesTheTestFailAndSaysWhy() {
        receivers.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(403).withBody("invalid_token")));

        Cli.Result result = Cli.minerwatch(env, "notify", "--test");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out())
                .containsPattern("\n  webhook +ok")
                .contains("slack     FAILED slack: HTTP 403: invalid_token")
                .doesNotContain("/slack");
    }

    @Test
    void withoutAChannelOrWithoutTestNothingIsSent() {
        Cli.Result none = Cli.minerwatch(Map.of(), "notify", "--test");
        Cli.Result withoutTest = Cli.minerwatch(env, "notify");

        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.out()).startsWith("no channel configured");
        assertThat(withoutTest.exitCode()).isEqualTo(1);
        assertThat(withoutTest.err()).contains("add --test");
        assertThat(received("/hook")).isEmpty();
    }

    @Test
    void aLocalRunDeliversEachEventOnceToEveryChannelBesideTheConsoleWithDistinctEventIdsSlackInOneMessage()
            throws Exception {
        String store = dir.resolve("store").toString();
        Cli.Result run = Cli.minerwatch(env, "run", "--recorded", "--data-dir", store, "--production-cost", "87000");
        Cli.Result again = Cli.minerwatch(env, "run", "--recorded", "--data-dir", store, "--production-cost", "87000");

        assertThat(run.out())
                .contains("┌─ email ─ Subject: minerwatch ALERT [critical]: BTC price below production cost");
        assertThat(again.out()).contains("0 recorded, 0 delivered");
        List<LoggedRequest> hooks = received("/hook");
        assertThat(hooks).hasSizeGreaterThanOrEqualTo(3);
        List<Object> ids = new ArrayList<>();
        for (LoggedRequest hook : hooks) {
            ids.add(Json.parseObject(hook.getBodyAsString()).get("event_id"));
        }
        assertThat(ids).doesNotHaveDuplicates().contains("2026-02-05#price_below_production_cost#1");
        for (LoggedRequest hook : hooks) {
            assertThat(WebhookConsumer.accepts("consumer-shared-secret", hook))
                    .as("the signature a consumer checks")
                    .isTrue();
        }
        // Slack, a person's channel, gets the run's alerts as one message naming how many; the webhook one post each.
        assertThat(received("/slack"))
                .singleElement()
                .satisfies(slack -> assertThat(slack.getBodyAsString())
                        .contains("minerwatch: " + hooks.size() + " alerts; most severe: minerwatch ALERT [critical]"));
    }

    /** A local run of the recorded answers, with {@code variable} set to {@code value} beside the channels. */
    private Cli.Result recordedRunWith(String variable, String value) {
        Map<String, String> with = new HashMap<>(env);
        with.put(variable, value);
        String store = dir.resolve("store").toString();
        return Cli.minerwatch(with, "run", "--recorded", "--data-dir", store, "--production-cost", "87000");
    }

    @Test
    void aLocalRunAgainstASlackCapOfOnePostsOneAlertAndTheDaysOneSummaryThereAndEverythingToTheWebhook() {
        Cli.Result run = recordedRunWith("SLACK_MAX_PER_DAY", "1");

        assertThat(run.out()).doesNotContain("CHANNEL FAILED");
        List<String> slack =
                received("/slack").stream().map(LoggedRequest::getBodyAsString).toList();
        assertThat(slack).hasSize(2);
        assertThat(slack.get(1))
                .containsPattern("minerwatch: \\d+ more alerts? held today for this channel \\(cap 1\\);"
                        + " they will be in the digest");
        assertThat(received("/hook")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void aLocalRunWhoseChannelFailedExitsTwoAndNamesIt() {
        receivers.stubFor(post(urlPathEqualTo("/slack")).willReturn(aResponse().withStatus(500)));
        String store = dir.resolve("store").toString();

        Cli.Result run = Cli.minerwatch(env, "run", "--recorded", "--data-dir", store, "--production-cost", "87000");

        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.out())
                .contains("┌─ email ─ Subject: minerwatch ALERT [critical]: BTC price below production cost")
                .containsPattern("channels: \\d+ failed")
                .contains("CHANNEL FAILED channel slack did not take");
        assertThat(received("/hook")).isNotEmpty();
    }

    @Test
    void aTypoInOneChannelsFilterLeavesThatChannelOutNamedAndEveryOtherNotificationGoesOut() {
        Cli.Result run = recordedRunWith("SLACK_MIN_SEVERITY", "bogus");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.out())
                .contains("┌─ email ─ Subject: minerwatch ALERT [critical]: BTC price below production cost")
                .contains("a channel is left out: ")
                .contains("SLACK_MIN_SEVERITY");
        assertThat(received("/hook")).isNotEmpty();
        assertThat(received("/slack")).isEmpty();
    }
}
