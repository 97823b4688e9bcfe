package dev.minerwatch.alerts.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.discord.Discord;
import dev.minerwatch.alerts.notify.ntfy.Ntfy;
import dev.minerwatch.alerts.notify.pushover.Pushover;
import dev.minerwatch.alerts.notify.slack.Slack;
import dev.minerwatch.alerts.notify.telegram.Telegram;
import dev.minerwatch.alerts.notify.webhook.Webhook;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.Rule.Escalation;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.testkit.WebhookConsumer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channels against a real HTTP server standing in for a webhook consumer, Slack, Discord, Telegram, ntfy and
 * Pushover.
 */
class ChannelsIT {

    private static final String TOKEN = "123456:test-token-not-a-secret";
    private static final String PUSHOVER_USER = "uQiRzpo4DXghDmr9QzzfQu27cmVRsG";
    private static final String PUSHOVER_APP = "azGDORePK8gMaC0QOYAMyEEuzJnyUi";
    private static final String NTFY = "/ntfy/";
    private static final String PUSHOVER = "/pushover/1/messages.json";

    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/hook")).willReturn(aResponse().withStatus(200)));
        server.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(204)));
        server.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/sendMessage"))
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));
        server.stubFor(post(urlPathEqualTo(NTFY)).willReturn(aResponse().withStatus(200)));
        server.stubFor(post(urlPathMatching("/pushover/1/.*"))
                .willReturn(aResponse().withStatus(200).withBody("{\"status\":1}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private Settings allChannels() {
        return Settings.of(Map.ofEntries(
                Map.entry(Webhook.URL, url("/hook")),
                Map.entry(Webhook.SECRET, "s3cret-for-tests"),
                Map.entry(Slack.WEBHOOK_URL, url("/slack")),
                Map.entry(Discord.WEBHOOK_URL, url("/discord")),
                Map.entry(Telegram.BOT_TOKEN, TOKEN),
                Map.entry(Telegram.CHAT_ID, "-1001"),
                Map.entry(Telegram.BASE_URL, url("")),
                Map.entry(Ntfy.URL, url(NTFY + "mw-alerts")),
                Map.entry(Pushover.USER_KEY, PUSHOVER_USER),
                Map.entry(Pushover.APP_TOKEN, PUSHOVER_APP),
                Map.entry(Pushover.BASE_URL, url("/pushover"))));
    }

    private static AlertMessage priceAlert(String detail) {
        return AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title("BTC price below production cost")
                .severity(Severity.CRITICAL)
                .value(69_280.1)
                .asOf(Instant.parse("2026-02-05T14:05:00Z"))
                .sources("coinbase", "coingecko", "kraken")
                .thresholdBasis("fixed threshold")
                .detail(detail)
                .meaning("The price is under the cost of mining.")
                .executionId("exec-1")
                .build());
    }

    private LoggedRequest only(String path) {
        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathEqualTo(path)));
        assertThat(requests).as(path).hasSize(1);
        return requests.get(0);
    }

    @Test
    void everyConfiguredChannelGetsTheEventInItsOwnShapeAndTheWebhookBodyIsSigned() throws Exception {
        List<Channel> channels = ChannelRegistry.configured(allChannels());

        assertThat(channels)
                .extracting(Channel::name)
                .containsExactly("webhook", "slack", "discord", "telegram", "ntfy", "pushover");
        for (Channel channel : channels) {
            assertThat(channel.publish(priceAlert("BTC $69,280.10 against < $87,000"))
                            .isAccepted())
                    .as(channel.name())
                    .isTrue();
        }

        LoggedRequest hook = only("/hook");
        Map<String, Object> body = Json.parseObject(hook.getBodyAsString());
        assertThat(body)
                .containsEntry("event_id", "2026-02-05#price_below_production_cost#1")
                .containsEntry("status", "firing")
                .containsEntry("rule", "price_below_production_cost")
                .containsEntry("severity", "critical")
                .containsEntry("title", "BTC price below production cost")
                .containsEntry("date", "2026-02-05")
                .containsEntry("sources", List.of("coinbase", "coingecko", "kraken"))
                .containsKeys("value", "threshold", "text");
        assertThat(body.get("value").toString()).isEqualTo("69280.1");
        assertThat(body.get("threshold").toString()).isEqualTo("87000");
        assertThat(WebhookConsumer.accepts("s3cret-for-tests", hook))
                .as("the signature a consumer checks")
                .isTrue();
        assertThat(Json.parseObject(only("/slack").getBodyAsString())
                        .get("text")
                        .toString())
                .startsWith("*minerwatch ALERT [critical]: BTC price below production cost (2026-02-05)*\n");
        assertThat(Json.parseObject(only("/discord").getBodyAsString())
                        .get("content")
                        .toString())
                .startsWith("**minerwatch ALERT [critical]: BTC price below production cost (2026-02-05)**\n");
        Map<String, Object> telegram =
                Json.parseObject(only("/bot" + TOKEN + "/sendMessage").getBodyAsString());
        assertThat(telegram).containsEntry("chat_id", "-1001");
        assertThat(telegram.get("text").toString()).contains("BTC $69,280.10 against < $87,000");
        assertThat(body).as("no DASHBOARD_URL, no link").doesNotContainKey("url");
        assertThat(body).as("no ACK_URL, no acknowledgement's link").doesNotContainKey("ackUrl");
        assertThat(server.getAllServeEvents())
                .allSatisfy(e -> assertThat(e.getRequest().getBodyAsString()).doesNotContain("Acknowledge"));
        assertThat(telegram).doesNotContainKey("entities");
        assertThat(only("/slack").getBodyAsString()).doesNotContain(AlertMessage.LINK_LABEL);
        assertThat(only("/discord").getBodyAsString()).doesNotContain(AlertMessage.LINK_LABEL);
        Map<String, Object> ntfy = Json.parseObject(only(NTFY).getBodyAsString());
        assertThat(ntfy)
                .containsEntry("topic", "mw-alerts")
                .containsEntry("title", "minerwatch ALERT [critical]: BTC price below production cost (2026-02-05)")
                .doesNotContainKey("click");
        assertThat(only(PUSHOVER).getBodyAsString())
                .contains("priority=2&retry=300&expire=3600&tags=price_below_production_cost")
                .doesNotContain("url=");
    }

    @Test
    void aLinkedMessageReachesEveryChannelWithTheEventsPageAsAProperLinkOfItsKind() throws Exception {
        String page = "https://d123.cloudfront.net/events/2026-02-05.price_below_production_cost.1.html";
        AlertMessage linked = priceAlert("BTC $69,280.10 against < $87,000")
                .linkedTo(java.net.URI.create("https://d123.cloudfront.net/"));

        for (Channel channel : ChannelRegistry.configured(allChannels())) {
            assertThat(channel.publish(linked).isAccepted()).as(channel.name()).isTrue();
        }

        Map<String, Object> hook = Json.parseObject(only("/hook").getBodyAsString());
        assertThat(hook).containsEntry("url", page);
        assertThat(Json.parseObject(only("/slack").getBodyAsString())
                        .get("text")
                        .toString())
                .as("Slack's link markup, after the text's escaping")
                .contains("against &lt; $87,000")
                .endsWith("\n<" + page + "|On the dashboard>");
        assertThat(Json.parseObject(only("/discord").getBodyAsString())
                        .get("content")
                        .toString())
                .endsWith("\n[On the dashboard](" + page + ")");
        Map<String, Object> telegram =
                Json.parseObject(only("/bot" + TOKEN + "/sendMessage").getBodyAsString());
        String text = telegram.get("text").toString();
        assertThat(text).endsWith("\nOn the dashboard");
        assertThat(telegram.get("entities")).asList().singleElement().satisfies(entity -> {
            Map<?, ?> link = (Map<?, ?>) entity;
            int offset = ((Number) link.get("offset")).intValue();
            int length = ((Number) link.get("length")).intValue();
            assertThat(link.get("type")).isEqualTo("text_link");
            assertThat(link.get("url")).isEqualTo(page);
            assertThat(text.substring(offset, offset + length)).isEqualTo("On the dashboard");
        });
        assertThat(Json.parseObject(only(NTFY).getBodyAsString())).containsEntry("click", page);
        assertThat(only(PUSHOVER).getBodyAsString())
                .contains("&url=" + URLEncoder.encode(page, StandardCharsets.UTF_8) + "&url_title=On+the+dashboard");
    }

    @Test
    void anAckLinkedAlertReachesEveryChannelWithItsLink() throws Exception {
        AlertMessage linked = priceAlert("BTC $69,280.10 against < $87,000")
                .ackLinked(
                        java.net.URI.create("https://abc.lambda-url.us-east-1.on.aws/"),
                        "a-key-for-tests",
                        Instant.parse("2026-02-12T14:05:00Z"));
        String ack = linked.ackLink().orElseThrow();
        String line = "Acknowledge: " + ack;

        for (Channel channel : ChannelRegistry.configured(allChannels())) {
            assertThat(channel.publish(linked).isAccepted()).as(channel.name()).isTrue();
        }

        assertThat(Json.parseObject(only("/hook").getBodyAsString())).containsEntry("ackUrl", ack);
        assertThat(Json.parseObject(only("/slack").getBodyAsString())
                        .get("text")
                        .toString())
                .as("after Slack's escaping")
                .endsWith("Acknowledge: " + ack.replace("&", "&amp;"));
        assertThat(Json.parseObject(only("/discord").getBodyAsString())
                        .get("content")
                        .toString())
                .endsWith(line);
        assertThat(Json.parseObject(only("/bot" + TOKEN + "/sendMessage").getBodyAsString())
                        .get("text")
                        .toString())
                .endsWith(line);
        assertThat(Json.parseObject(only(NTFY).getBodyAsString()).get("actions"))
                .asList()
                .singleElement()
                .isEqualTo(Map.of("action", "view", "label", "Acknowledge", "url", ack, "clear", true));
        assertThat(only(PUSHOVER).getBodyAsString())
                .contains(URLEncoder.encode("\n\n" + line, StandardCharsets.UTF_8))
                .doesNotContain("url=");
    }

    @Test
    void aLongMessageIsCutSoThatItsLinkNeverIs() throws Exception {
        String page = "https://d123.cloudfront.net/events/2026-02-05.price_below_production_cost.1.html";
        AlertMessage linked =
                priceAlert("x".repeat(5_000)).linkedTo(java.net.URI.create("https://d123.cloudfront.net/"));

        for (Channel channel : ChannelRegistry.configured(allChannels())) {
            assertThat(channel.publish(linked).isAccepted()).as(channel.name()).isTrue();
        }

        String discord = Json.parseObject(only("/discord").getBodyAsString())
                .get("content")
                .toString();
        assertThat(discord).hasSize(2_000).endsWith("…\n[On the dashboard](" + page + ")");
        String telegram = Json.parseObject(only("/bot" + TOKEN + "/sendMessage").getBodyAsString())
                .get("text")
                .toString();
        assertThat(telegram).hasSize(4_096).endsWith("…\nOn the dashboard");
    }

    @Test
    void aWebhookSignatureCoversItsTimeSoACapturedPostReplayedLaterIsRefused() {
        Channel webhook = ChannelRegistry.configured(allChannels()).get(0);

        webhook.publish(priceAlert("BTC $69,280.10 against < $87,000"));

        LoggedRequest hook = only("/hook");
        String header = hook.getHeader(Webhook.SIGNATURE_HEADER);
        assertThat(header).matches("t=\\d+,v1=[0-9a-f]{64}");
        assertThat(WebhookConsumer.accepts("s3cret-for-tests", header, hook.getBody(), Instant.now()))
                .isTrue();
        assertThat(WebhookConsumer.accepts(
                        "s3cret-for-tests",
                        header,
                        hook.getBody(),
                        Instant.now().plus(Duration.ofMinutes(6))))
                .as("replayed six minutes later")
                .isFalse();
        long signedAt = Long.parseLong(header.substring(2, header.indexOf(',')));
        assertThat(WebhookConsumer.accepts(
                        "s3cret-for-tests",
                        header.replace("t=" + signedAt, "t=" + (signedAt + 60)),
                        hook.getBody(),
                        Instant.now()))
                .as("the time changed on the way")
                .isFalse();
    }

    @Test
    void aWebhookWithoutASecretSaysItsPostsAreUnsigned() {
        Channel webhook = ChannelRegistry.configured(Settings.of(Map.of(Webhook.URL, url("/hook"))))
                .get(0);

        Notifier.Publication posted = webhook.publish(priceAlert("BTC $69,280.10 against < $87,000"));

        assertThat(posted.messageId()).isEqualTo("webhook-200, unsigned: WEBHOOK_SECRET is not set");
        assertThat(only("/hook").getHeader(Webhook.SIGNATURE_HEADER)).isNull();
    }

    @Test
    void noTextOfAMessagePingsAWholeChatChannel() throws Exception {
        for (Channel channel : ChannelRegistry.configured(allChannels())) {
            channel.publish(priceAlert("<!channel> @everyone @here sell & run"));
        }

        String slack =
                Json.parseObject(only("/slack").getBodyAsString()).get("text").toString();
        assertThat(slack)
                .contains("&lt;!channel&gt; @everyone @here sell &amp; run")
                .doesNotContain("<!channel>");
        Map<String, Object> discord = Json.parseObject(only("/discord").getBodyAsString());
        assertThat(discord).containsEntry("allowed_mentions", Map.of("parse", List.of()));
    }

    @Test
    void aLongMessageIsCutToWhatDiscordAndTelegramTake() throws Exception {
        List<Channel> channels = ChannelRegistry.configured(allChannels());
        AlertMessage longOne = priceAlert("x".repeat(10_000));

        channels.forEach(c -> c.publish(longOne));

        String discord = Json.parseObject(only("/discord").getBodyAsString())
                .get("content")
                .toString();
        String telegram = Json.parseObject(only("/bot" + TOKEN + "/sendMessage").getBodyAsString())
                .get("text")
                .toString();
        assertThat(discord).hasSize(2_000).endsWith("…");
        assertThat(telegram).hasSize(4_096).endsWith("…");
        assertThat(Json.parseObject(only(NTFY).getBodyAsString()).get("message").toString())
                .hasSize(4_000)
                .endsWith("…");
        assertThat(only(PUSHOVER).getBodyAsString())
                .as("Pushover's 1,024 characters")
                .contains("x".repeat(500))
                .doesNotContain("x".repeat(1_025));
        assertThat(Json.parseObject(only("/slack").getBodyAsString())
                        .get("text")
                        .toString())
                .contains("x".repeat(10_000));
    }

    @Test
    void aFailureOfTheMomentIsTriedAgainARefusalIsForGoodAndARedirectIsNeverFollowed() {
        server.stubFor(post(urlPathEqualTo("/slack"))
                .inScenario("flaky")
                .whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503))
                .willSetStateTo("up"));
        server.stubFor(post(urlPathEqualTo("/slack"))
                .inScenario("flaky")
                .whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(post(urlPathEqualTo("/discord"))
                .willReturn(aResponse().withStatus(400).withBody("{\"message\": \"Cannot send an empty message\"}")));
        server.stubFor(post(urlPathEqualTo("/hook"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", url("/elsewhere"))));
        server.stubFor(post(urlPathEqualTo("/bot" + TOKEN + "/sendMessage"))
                .willReturn(aResponse().withStatus(500)));
        Map<String, Channel> channels = new java.util.LinkedHashMap<>();
        ChannelRegistry.configured(allChannels()).forEach(c -> channels.put(c.name(), c));
        AlertMessage message = priceAlert("detail");

        Notifier.Publication slack = channels.get("slack").publish(message);
        Notifier.Publication discord = channels.get("discord").publish(message);
        Notifier.Publication webhook = channels.get("webhook").publish(message);
        Notifier.Publication telegram = channels.get("telegram").publish(message);

        assertThat(slack.isAccepted()).isTrue();
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/slack")))).hasSize(2);
        assertThat(discord.permanent()).isTrue();
        assertThat(discord.error()).isEqualTo("discord: HTTP 400: {\"message\": \"Cannot send an empty message\"}");
        assertThat(webhook.permanent()).isTrue();
        assertThat(webhook.error()).startsWith("webhook: HTTP 302");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/elsewhere"))))
                .isEmpty();
        assertThat(telegram.isAccepted()).isFalse();
        assertThat(telegram.permanent()).isFalse();
        assertThat(telegram.error())
                .isEqualTo("telegram: HTTP 500 (after 3 attempts)")
                .doesNotContain(TOKEN);
    }

    @Test
    void theFanOutAnswersWithThePrimarysPublicationAndPostsTheChannelsOnceTheOutboxRecordedItSent() {
        server.stubFor(post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(404)));
        List<String> warnings = new ArrayList<>();
        Notifier primary = messages -> messages.stream()
                .map(m -> Notifier.Publication.accepted("sns-1"))
                .toList();
        FanOutNotifier fanOut = new FanOutNotifier(
                primary,
                new ChannelForwarder(ChannelRegistry.configured(allChannels()), new KeptReceipts(), Clock.systemUTC()),
                warnings::add);

        List<Notifier.Publication> published = fanOut.publish(List.of(priceAlert("detail")));
        int postsBeforeTheRecord =
                server.findAll(postRequestedFor(urlPathMatching("/.*"))).size();
        fanOut.recordedSent(List.of(priceAlert("detail")));

        assertThat(published)
                .singleElement()
                .satisfies(p -> assertThat(p.messageId()).isEqualTo("sns-1"));
        assertThat(postsBeforeTheRecord).isZero();
        assertThat(warnings)
                .containsExactly(
                        "channel discord did not take 2026-02-05#price_below_production_cost#1: discord: HTTP 404");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/slack")))).hasSize(1);
    }

    @Test
    void aMessageToldTwiceReachesOnlyTheChannelsThatDidNotTakeIt() {
        server.stubFor(post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(404)));
        KeptReceipts receipts = new KeptReceipts();
        FanOutNotifier fanOut = new FanOutNotifier(
                messages -> messages.stream()
                        .map(m -> Notifier.Publication.accepted("sns-1"))
                        .toList(),
                new ChannelForwarder(ChannelRegistry.configured(allChannels()), receipts, Clock.systemUTC()),
                warning -> {});

        fanOut.recordedSent(List.of(priceAlert("detail")));
        server.stubFor(post(urlPathEqualTo("/discord")).willReturn(aResponse().withStatus(204)));
        fanOut.recordedSent(List.of(priceAlert("detail")));

        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/slack")))).hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/hook")))).hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/discord")))).hasSize(2);
        assertThat(receipts.channelsThatTook("2026-02-05#price_below_production_cost#1"))
                .containsExactlyInAnyOrder("webhook", "slack", "discord", "telegram", "ntfy", "pushover");
    }

    /** Five alerts one evaluation decides: one critical that fires, three warnings, one resolution. */
    private static List<AlertMessage> fiveAlerts() {
        return List.of(
                AlertMessage.of(AlertEvents.of("etf_daily_outflow")
                        .title("ETF outflow above $500M")
                        .severity(Severity.WARNING)
                        .build()),
                priceAlert("BTC $69,280.10 against < $87,000"),
                AlertMessage.of(AlertEvents.of("etf_5d_outflow")
                        .title("ETF 5-session outflow above $2B")
                        .severity(Severity.WARNING)
                        .build()),
                AlertMessage.of(AlertEvents.of("btc_drawdown")
                        .title("BTC 30% under its high")
                        .severity(Severity.WARNING)
                        .build()),
                AlertMessage.of(AlertEvents.of("hashprice_low")
                        .title("Hashprice under $40")
                        .severity(Severity.INFO)
                        .kind(dev.minerwatch.rules.EventKind.RESOLVED)
                        .build()));
    }

    @Test
    void theAlertsOfOneDeliveryReachEachPersonsChannelAsOneMessageAndTheWebhookAsOnePostEach() throws Exception {
        KeptReceipts receipts = new KeptReceipts();
        List<String> warnings = new ArrayList<>();
        FanOutNotifier fanOut = new FanOutNotifier(
                messages -> List.of(),
                new ChannelForwarder(ChannelRegistry.configured(allChannels()), receipts, Clock.systemUTC()),
                warnings::add);
        List<AlertMessage> five = fiveAlerts();

        fanOut.recordedSent(five);

        assertThat(warnings).isEmpty();
        String slack =
                Json.parseObject(only("/slack").getBodyAsString()).get("text").toString();
        assertThat(slack)
                .startsWith(
                        "*minerwatch: 5 alerts; most severe: minerwatch ALERT [critical]: BTC price below production cost")
                .contains("ETF outflow above $500M", "ETF 5-session outflow above $2B", "BTC 30% under its high")
                .contains("Hashprice under $40 has resolved", "69,280.10");
        assertThat(slack.indexOf("BTC price below production cost: "))
                .as("the most severe first")
                .isLessThan(slack.indexOf("ETF outflow above $500M: "));
        only("/discord");
        only("/bot" + TOKEN + "/sendMessage");
        Map<String, Object> ntfy = Json.parseObject(only(NTFY).getBodyAsString());
        assertThat(ntfy)
                .containsEntry("priority", 5)
                .containsEntry(
                        "title",
                        five.stream()
                                .collect(java.util.stream.Collectors.collectingAndThen(
                                        java.util.stream.Collectors.toList(), AlertMessage::grouped))
                                .subject());
        String pushover = only(PUSHOVER).getBodyAsString();
        assertThat(pushover).contains("priority=2", "tags=price_below_production_cost");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/hook"))))
                .as("a machine gets one post per alert")
                .hasSize(5);
        for (AlertMessage alert : five) {
            assertThat(receipts.channelsThatTook(alert.attributes().get(AlertMessage.EVENT_ID)))
                    .containsExactlyInAnyOrder("webhook", "slack", "discord", "telegram", "ntfy", "pushover");
        }

        fanOut.recordedSent(five);

        assertThat(server.findAll(postRequestedFor(urlPathMatching("/.*"))))
                .as("a retried delivery posts nothing again")
                .hasSize(10);
    }

    @Test
    void aResolvedCriticalAlertInAGroupCancelsItsPushoverEmergencyBeforeTheGroupIsPosted() throws Exception {
        AlertMessage resolved = AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .title("BTC price below production cost")
                .severity(Severity.CRITICAL)
                .kind(dev.minerwatch.rules.EventKind.RESOLVED)
                .version(2)
                .build());
        AlertMessage warning = fiveAlerts().get(0);
        Channel pushover = ChannelRegistry.configured(allChannels()).stream()
                .filter(c -> c.name().equals("pushover"))
                .findFirst()
                .orElseThrow();

        assertThat(pushover.publish(AlertMessage.grouped(List.of(warning, resolved)))
                        .isAccepted())
                .isTrue();

        List<LoggedRequest> requests = server.findAll(postRequestedFor(urlPathMatching("/pushover/.*")));
        assertThat(requests)
                .extracting(LoggedRequest::getUrl)
                .containsExactly(
                        "/pushover/1/receipts/cancel_by_tag/price_below_production_cost.json",
                        "/pushover/1/messages.json");
        assertThat(requests.get(1).getBodyAsString())
                .as("the group of a warning that fires is high, not an emergency")
                .contains("priority=1")
                .doesNotContain("tags=");
    }

    @Test
    void anEscalationReachesTheOneChannelItNamesWhateverThatChannelsFilterQuietHoursOrCapAndNoOther() throws Exception {
        Map<String, String> env = new HashMap<>();
        allChannels().get(Slack.WEBHOOK_URL).ifPresent(url -> env.put(Slack.WEBHOOK_URL, url));
        allChannels().get(Discord.WEBHOOK_URL).ifPresent(url -> env.put(Discord.WEBHOOK_URL, url));
        env.put("SLACK_MIN_SEVERITY", "critical");
        env.put("SLACK_RULES", "digest");
        env.put("SLACK_QUIET_HOURS", "00:00-23:59 UTC");
        env.put("SLACK_QUIET_HOURS_CRITICAL", "hold");
        env.put("SLACK_MAX_PER_DAY", "1");
        AlertEvent fired = AlertEvents.of("etf_daily_outflow")
                .title("ETF outflow above $500M")
                .severity(Severity.WARNING)
                .build();
        AlertMessage escalation = AlertMessage.of(new Escalation(Duration.ofMinutes(30), "slack")
                .notice(fired, "run-2", Instant.parse("2026-02-05T14:40:00Z")));
        KeptReceipts receipts = new KeptReceipts();
        ChannelForwarder forwarder =
                new ChannelForwarder(ChannelRegistry.configured(Settings.of(env)), receipts, Clock.systemUTC());

        List<ChannelForwarder.Outcome> outcomes = forwarder.forward(escalation);
        forwarder.forward(escalation);

        assertThat(outcomes)
                .extracting(ChannelForwarder.Outcome::channel, ChannelForwarder.Outcome::failed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("slack", false),
                        org.assertj.core.groups.Tuple.tuple("discord", false));
        assertThat(outcomes.get(1).result()).isEqualTo("not wanted (its filter)");
        assertThat(Json.parseObject(only("/slack").getBodyAsString())
                        .get("text")
                        .toString())
                .startsWith("*minerwatch ESCALATED [warning]: ETF outflow above $500M (2026-02-05)*")
                .contains("nobody has acknowledged it in 30 min: escalated to slack");
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/discord")))).isEmpty();
        assertThat(escalation.attributes())
                .containsEntry(AlertMessage.KIND, AlertMessage.ESCALATION)
                .containsEntry(AlertMessage.DELIVER_TO, "slack");
        AlertMessage toTelegram = AlertMessage.of(new Escalation(Duration.ofMinutes(30), "telegram")
                .notice(fired, "run-2", Instant.parse("2026-02-05T14:40:00Z")));
        assertThat(forwarder.forward(toTelegram))
                .as("an escalation to a channel not configured here reaches nobody, and says so")
                .filteredOn(ChannelForwarder.Outcome::failed)
                .singleElement()
                .satisfies(o -> assertThat(o.error()).contains("no channel telegram is configured here"));
    }

    /** Every character a URI cannot hold as it is, and those that end or split a path. */
    private static final String URI_BREAKERS = " \"<>\\^`{|}%#?/;@&=+$,'[]\t";

    @Test
    void noErrorOfAChannelEverCarriesItsSecretWhateverCharactersTheSecretHolds() {
        for (char c : URI_BREAKERS.toCharArray()) {
            String token = "123456:SeCrEt" + c + "TaIl";
            server.stubFor(post(urlPathMatching("/bot.*"))
                    .willReturn(aResponse()
                            .withStatus(404)
                            .withBody("no route for /bot" + token + "/sendMessage " + "(path /bot"
                                    + URLEncoder.encode(token, StandardCharsets.UTF_8) + ")")));
            Settings settings = Settings.of(
                    Map.of(Telegram.BOT_TOKEN, token, Telegram.CHAT_ID, "-1001", Telegram.BASE_URL, url("")));
            List<String> said = new ArrayList<>(ChannelRegistry.problems(settings));
            try {
                for (Channel channel : ChannelRegistry.configured(settings)) {
                    said.add(channel.publish(priceAlert("detail")).error());
                }
            } catch (IllegalArgumentException refused) {
                said.add(refused.getMessage());
            }
            assertThat(said)
                    .as("token with %s", c)
                    .isNotEmpty()
                    .allSatisfy(text -> assertThat(text)
                            .doesNotContainIgnoringCase("SeCrEt")
                            .doesNotContainIgnoringCase("TaIl"));
        }
    }

    @Test
    void noErrorOfNtfyOrPushoverCarriesTheirSecretsWhateverCharactersTheyHoldOrWhateverTheServiceEchoes() {
        // Each service echoes what it was sent: its own secrets.
        server.stubFor(post(urlPathEqualTo(NTFY))
                .willReturn(aResponse()
                        .withStatus(403)
                        .withBody("{\"error\":\"refused mw-SeCrEt-topic for Bearer tk_SeCrEt0TaIl\"}")));
        server.stubFor(post(urlPathMatching("/pushover/1/.*"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withBody(
                                "{\"errors\":[\"refused " + PUSHOVER_USER + " " + PUSHOVER_APP + "\"],\"status\":0}")));
        Map<String, String> good = Map.of(
                Ntfy.URL,
                url(NTFY + "mw-SeCrEt-topic"),
                Ntfy.TOKEN,
                "tk_SeCrEt0TaIl",
                Pushover.USER_KEY,
                PUSHOVER_USER,
                Pushover.APP_TOKEN,
                PUSHOVER_APP,
                Pushover.BASE_URL,
                url("/pushover"));
        List<String> said = new ArrayList<>();
        for (Channel channel : ChannelRegistry.configured(Settings.of(good))) {
            said.add(channel.publish(priceAlert("detail")).error());
        }
        for (char c : URI_BREAKERS.toCharArray()) {
            Map<String, String> odd = new HashMap<>(good);
            odd.put(Ntfy.URL, url(NTFY + "mw-SeCrEt" + c + "TaIl"));
            odd.put(Ntfy.TOKEN, "tk_SeCrEt" + c + "TaIl");
            odd.put(Pushover.USER_KEY, "uSeCrEt" + c + "TaIl");
            odd.put(Pushover.APP_TOKEN, "aSeCrEt" + c + "TaIl" + "x".repeat(18));
            said.addAll(ChannelRegistry.problems(Settings.of(odd)));
        }
        assertThat(said)
                .hasSizeGreaterThan(2)
                .allSatisfy(text -> assertThat(text)
                        .isNotBlank()
                        .doesNotContainIgnoringCase("SeCrEt")
                        .doesNotContainIgnoringCase("TaIl")
                        .doesNotContain(PUSHOVER_USER)
                        .doesNotContain(PUSHOVER_APP));
        assertThat(said.get(0)).isEqualTo("ntfy: HTTP 403: {\"error\":\"refused <NTFY_URL> for Bearer <NTFY_TOKEN>\"}");
        assertThat(said.get(1))
                .isEqualTo("pushover: HTTP 400: {\"errors\":[\"refused <PUSHOVER_USER_KEY> <PUSHOVER_APP_TOKEN>\"],"
                        + "\"status\":0}");
    }

    @Test
    void aChannelThatEchoesItsPathNeverPutsTheSecretPathInTheErrorAndAUrlWithoutAPathReadsRight() {
        server.stubFor(post(urlPathEqualTo("/services/T0001/B0002/XXXXsecretXXXX"))
                .willReturn(aResponse()
                        .withStatus(404)
                        .withBody("no_service: /services/T0001/B0002/XXXXsecretXXXX?x=1 not found")));
        Channel slack = ChannelRegistry.configured(
                        Settings.of(Map.of(Slack.WEBHOOK_URL, url("/services/T0001/B0002/XXXXsecretXXXX"))))
                .get(0);
        Channel bare = ChannelRegistry.configured(Settings.of(Map.of(Webhook.URL, "http://127.0.0.1:1")))
                .get(0);

        String echoed = slack.publish(priceAlert("detail")).error();
        String unreachable = bare.publish(priceAlert("detail")).error();

        assertThat(echoed)
                .startsWith("slack: HTTP 404: no_service: ")
                .doesNotContain("secret")
                .doesNotContain("B0002");
        assertThat(unreachable)
                .startsWith("webhook: ConnectException (Connection refused)")
                .doesNotContain("…");
    }

    @Test
    void channelsThatHangTrickleOrFloodCostTheHealthyOnesNothingAndTheForwardingEndsByItsDeadline() {
        server.stubFor(post(urlPathEqualTo("/slack"))
                .willReturn(aResponse().withStatus(200).withBody("ok").withFixedDelay(60_000)));
        server.stubFor(post(urlPathEqualTo("/discord"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withBody("o".repeat(2_000))
                        .withChunkedDribbleDelay(2_000, 60_000)));
        server.stubFor(post(urlPathEqualTo("/hook"))
                .willReturn(aResponse().withStatus(200).withBody("x".repeat(20 * 1024 * 1024))));
        ChannelForwarder forwarder =
                new ChannelForwarder(ChannelRegistry.configured(allChannels()), new KeptReceipts(), Clock.systemUTC());
        long started = System.nanoTime();

        List<ChannelForwarder.Outcome> outcomes =
                forwarder.forward(priceAlert("detail"), dev.minerwatch.sources.http.Deadline.in(Duration.ofSeconds(3)));

        // Ends at the 3 s deadline, not at the channels' 60 s; a wide margin for a loaded machine.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcomes)
                .extracting(ChannelForwarder.Outcome::channel, ChannelForwarder.Outcome::failed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("webhook", false),
                        org.assertj.core.groups.Tuple.tuple("slack", true),
                        org.assertj.core.groups.Tuple.tuple("discord", true),
                        org.assertj.core.groups.Tuple.tuple("telegram", false),
                        org.assertj.core.groups.Tuple.tuple("ntfy", false),
                        org.assertj.core.groups.Tuple.tuple("pushover", false));
        assertThat(outcomes.get(1).error()).contains("timed out");
    }

    @Test
    void aMessageNoChannelWantsCostsNoReceiptRead() {
        ChannelReceipts unreachable = new ChannelReceipts() {
            @Override
            public Set<String> channelsThatTook(String eventId) {
                throw new IllegalStateException("read");
            }

            @Override
            public boolean claim(String eventId, String channel, String owner, Instant now, Duration lease) {
                throw new IllegalStateException("claimed");
            }

            @Override
            public void channelTook(String eventId, String channel, Instant at) {
                throw new IllegalStateException("written");
            }

            @Override
            public void releaseClaim(String eventId, String channel, String owner) {
                throw new IllegalStateException("released");
            }

            @Override
            public boolean defer(Deferred post) {
                throw new IllegalStateException("deferred");
            }

            @Override
            public List<Deferred> deferred() {
                throw new IllegalStateException("read deferred");
            }

            @Override
            public void undefer(String channel, String eventId) {
                throw new IllegalStateException("undeferred");
            }
        };
        Settings onlyEtf = Settings.of(Map.of(Slack.WEBHOOK_URL, url("/slack"), "SLACK_RULES", "etf_daily_outflow"));
        ChannelForwarder forwarder =
                new ChannelForwarder(ChannelRegistry.configured(onlyEtf), unreachable, Clock.systemUTC());

        assertThat(forwarder.forward(priceAlert("detail")))
                .singleElement()
                .satisfies(o -> assertThat(o.result()).isEqualTo("not wanted (its filter)"));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/slack")))).isEmpty();
    }

    @Test
    void aClaimThatCannotBeWrittenPostsNothingAndFailsSoTheRetryPostsOnce() {
        KeptReceipts kept = new KeptReceipts();
        ChannelReceipts claimsFail = new ChannelReceipts() {
            @Override
            public Set<String> channelsThatTook(String eventId) {
                return kept.channelsThatTook(eventId);
            }

            @Override
            public boolean claim(String eventId, String channel, String owner, Instant now, Duration lease) {
                throw new IllegalStateException("DynamoDB: ProvisionedThroughputExceeded");
            }

            @Override
            public void channelTook(String eventId, String channel, Instant at) {
                kept.channelTook(eventId, channel, at);
            }

            @Override
            public void releaseClaim(String eventId, String channel, String owner) {
                kept.releaseClaim(eventId, channel, owner);
            }

            @Override
            public boolean defer(Deferred post) {
                return kept.defer(post);
            }

            @Override
            public List<Deferred> deferred() {
                return kept.deferred();
            }

            @Override
            public void undefer(String channel, String eventId) {
                kept.undefer(channel, eventId);
            }
        };

        List<ChannelForwarder.Outcome> failed = new ChannelForwarder(
                        ChannelRegistry.configured(allChannels()), claimsFail, Clock.systemUTC())
                .forward(priceAlert("detail"));
        List<ChannelForwarder.Outcome> retried = new ChannelForwarder(
                        ChannelRegistry.configured(allChannels()), kept, Clock.systemUTC())
                .forward(priceAlert("detail"));

        assertThat(failed)
                .hasSize(6)
                .allSatisfy(o -> assertThat(o.error())
                        .endsWith("claim not written (DynamoDB: ProvisionedThroughputExceeded): not posted, so that a"
                                + " retry posts it once"));
        assertThat(retried).noneMatch(ChannelForwarder.Outcome::failed);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/slack")))).hasSize(1);
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo("/hook")))).hasSize(1);
    }

    /** Receipts kept in memory, as a store keeps them (claims hold until released or taken: no clock here). */
    private static final class KeptReceipts implements ChannelReceipts {
        private final Map<String, Set<String>> took = new HashMap<>();
        private final Map<String, String> claims = new HashMap<>();
        private final List<Deferred> deferred = new ArrayList<>();

        @Override
        public synchronized Set<String> channelsThatTook(String eventId) {
            return Set.copyOf(took.getOrDefault(eventId, Set.of()));
        }

        @Override
        public synchronized boolean claim(String eventId, String channel, String owner, Instant now, Duration lease) {
            return !channelsThatTook(eventId).contains(channel)
                    && claims.putIfAbsent(eventId + " " + channel, owner) == null;
        }

        @Override
        public synchronized void channelTook(String eventId, String channel, Instant at) {
            claims.remove(eventId + " " + channel);
            took.computeIfAbsent(eventId, id -> new TreeSet<>()).add(channel);
        }

        @Override
        public synchronized void releaseClaim(String eventId, String channel, String owner) {
            claims.remove(eventId + " " + channel, owner);
        }

        @Override
        public synchronized boolean defer(Deferred post) {
            if (deferred.stream()
                    .anyMatch(d ->
                            d.channel().equals(post.channel()) && d.eventId().equals(post.eventId()))) {
                return false;
            }
            deferred.add(post);
            return true;
        }

        @Override
        public synchronized List<Deferred> deferred() {
            return deferred.stream()
                    .sorted(Comparator.comparing(Deferred::due)
                            .thenComparing(Deferred::channel)
                            .thenComparing(Deferred::eventId))
                    .toList();
        }

        @Override
        public synchronized void undefer(String channel, String eventId) {
            deferred.removeIf(d -> d.channel().equals(channel) && d.eventId().equals(eventId));
        }
    }

    @Test
    void aChannelUrlMustBeHttpsAndTelegramNeedsBothItsSettings() {
        assertThatThrownBy(() ->
                        ChannelRegistry.configured(Settings.of(Map.of(Slack.WEBHOOK_URL, "http://hooks.example/x"))))
                .hasMessage("SLACK_WEBHOOK_URL must be an https:// URL");
        assertThatThrownBy(() -> ChannelRegistry.configured(Settings.of(Map.of(Telegram.BOT_TOKEN, TOKEN))))
                .hasMessage("Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_CHAT_ID");
        assertThatThrownBy(
                        () -> ChannelRegistry.configured(Settings.of(Map.of(Ntfy.URL, "http://ntfy.example/alerts"))))
                .hasMessage("NTFY_URL must be an https:// URL");
        assertThatThrownBy(() -> ChannelRegistry.configured(Settings.of(Map.of(Pushover.APP_TOKEN, PUSHOVER_APP))))
                .hasMessage("Pushover needs both PUSHOVER_USER_KEY and PUSHOVER_APP_TOKEN");
        assertThat(ChannelRegistry.configured(Settings.of(Map.of()))).isEmpty();
    }
}
