package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The {@code AckFunction} behind its Function URL, on the emulator's table and with its key in an SSM SecureString: the
 * link of a real message shows a page on GET and acknowledges nothing, acknowledges once on POST, and refuses a
 * replayed, forged or expired link; its logs never hold the signature.
 */
@ExtendWith(LocalAwsExtension.class)
class AckFunctionIT {

    private static final String ACK_URL = "https://abc123.lambda-url.us-east-1.on.aws/";
    private static final String STATE = "price_below_production_cost";
    private static final Instant FIRED_AT = Instant.parse("2026-02-05T14:00:00Z");

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock(FIRED_AT.plusSeconds(300));
    private final List<String> logged = new ArrayList<>();
    private Map<String, String> env;
    private AlertEvent fired;

    @BeforeEach
    void anAlertThatFired(LocalAws aws) {
        env = new HashMap<>(aws.environment());
        String parameter = "/minerwatch/" + UUID.randomUUID() + "/ack-key";
        try (SsmClient ssm = AwsClients.configure(SsmClient.builder(), Settings.of(env), "ssm")
                .build()) {
            ssm.putParameter(b -> b.name(parameter)
                    .type(ParameterType.SECURE_STRING)
                    .value("an-ack-key-of-32-random-bytes-base64=="));
        }
        env.put("ACK_KEY_PARAMETER", parameter);
        env.put(Settings.ACK_URL, ACK_URL);
        env.put(Settings.TABLE_NAME, "minerwatch-" + UUID.randomUUID());
        Settings settings = Settings.of(env);
        MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
        fired = new AlertEvent(
                AlertEvent.key(LocalDate.parse("2026-02-05"), STATE, 1),
                new AlertEvent.Origin(STATE, "BTC price below production cost", Severity.CRITICAL, EventKind.FIRED),
                new AlertEvent.Figures(
                        SeriesId.BTC_USD,
                        LocalDate.parse("2026-02-05"),
                        69_280.1,
                        87_000,
                        89_610,
                        "USD",
                        FIRED_AT,
                        false),
                new AlertEvent.Explanation(
                        List.of("coingecko", "kraken"),
                        "fixed threshold",
                        "btc_usd $69,280 against < $87,000 <b>",
                        "The price is under the cost of mining."),
                new AlertEvent.Recording("run-a", FIRED_AT));
        RuleState active = new RuleState(
                STATE, true, 1, null, LocalDate.parse("2026-02-05"), FIRED_AT, RuleState.DaysRead.NONE, FIRED_AT, 0);
        assertThat(ledger().record(
                                List.of(new StateChange(RuleState.initial(STATE), active)),
                                List.of(fired),
                                Duration.ZERO))
                .isTrue();
        assertThat(ledger().markSent(List.of(new RuleLedger.Sent(fired.key(), "m-1")), "run-a", FIRED_AT))
                .isEmpty();
    }

    private Minerwatch minerwatch(PrintWriter console) {
        return new Minerwatch(Settings.of(env), clock, console);
    }

    private RuleLedger ledger() {
        return minerwatch(new PrintWriter(new StringWriter())).ruleLedger();
    }

    /** The link of the message the notifier sends, as an email subscriber reads it. */
    private String linkOfTheMessage() {
        StringWriter printed = new StringWriter();
        Minerwatch sender = minerwatch(new PrintWriter(printed, true));
        assertThat(sender.notifier().publish(List.of(AlertMessage.of(fired)))).allMatch(p -> p.isAccepted());
        Matcher link = Pattern.compile("Acknowledge: (\\S+)").matcher(printed.toString());
        assertThat(link.find()).as(printed.toString()).isTrue();
        return link.group(1);
    }

    private Map<String, Object> request(String method, String link, String body) throws Exception {
        URI uri = URI.create(link);
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("rawPath", "/");
        event.put("rawQueryString", uri.getRawQuery());
        event.put("requestContext", Map.of("http", Map.of("method", method, "path", "/")));
        event.put("isBase64Encoded", false);
        if (body != null) {
            event.put("body", body);
            event.put("headers", Map.of("content-type", "application/x-www-form-urlencoded"));
        }
        LocalLambdaContext context = LocalLambdaContext.quiet("AckFunction");
        AckHandler handler = new AckHandler(minerwatch(new PrintWriter(new StringWriter())), clock);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(Json.write(event).getBytes(StandardCharsets.UTF_8)), out, context);
        logged.addAll(context.logged());
        return Json.parseObject(out.toString(StandardCharsets.UTF_8));
    }

    private static String form(String link, String extra) {
        return URI.create(link).getRawQuery() + extra;
    }

    @Test
    void aLinkShowsOnGetAcknowledgesOnceOnPostAndIsRefusedWhenReplayedForgedOrExpired() throws Exception {
        String link = linkOfTheMessage();
        assertThat(link).startsWith(ACK_URL + "?e=2026-02-05%23" + STATE + "%231&x=");
        String signature = link.substring(link.indexOf("&s=") + 3);

        Map<String, Object> page = request("GET", link, null);
        assertThat(page.get("statusCode")).asString().isEqualTo("200");
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) page.get("headers");
        assertThat(headers)
                .containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("Cache-Control", "no-store")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("X-Frame-Options", "DENY");
        assertThat(headers.get("Content-Security-Policy").toString())
                .startsWith("default-src 'none'")
                .doesNotContain("script-src", "unsafe-inline");
        assertThat(page.get("body").toString())
                .contains("BTC price below production cost", "2026-02-05", "69280.1", "<form method=\"post\">")
                .contains("&lt;b&gt;")
                .doesNotContain("<b>", "<script");
        assertThat(ledger().acknowledgements()).as("a GET acknowledges nothing").isEmpty();
        assertThat(ledger().load().pending()).as("nor sends a notice").isEmpty();

        clock.now = clock.now.plus(Duration.ofHours(1));
        Map<String, Object> acknowledged = request("POST", link, form(link, "&name=alice&reason=curtailing+S19s"));
        assertThat(acknowledged.get("statusCode")).asString().isEqualTo("200");
        assertThat(acknowledged.get("body").toString()).contains("Acknowledged by alice", "curtailing S19s");
        assertThat(ledger().acknowledgements()).singleElement().satisfies(ack -> {
            assertThat(ack.by()).isEqualTo("alice");
            assertThat(ack.reason()).isEqualTo("curtailing S19s");
            assertThat(ack.eventKey()).isEqualTo(fired.key());
        });
        assertThat(ledger().load().pending()).singleElement().satisfies(notice -> {
            assertThat(notice.kind()).isEqualTo(EventKind.ACKNOWLEDGED);
            assertThat(notice.key()).isEqualTo("2026-02-05#" + STATE + ":ack#1");
        });

        Map<String, Object> replayed = request("POST", link, form(link, ""));
        assertThat(replayed.get("statusCode")).asString().isEqualTo("410");
        assertThat(replayed.get("body").toString()).contains("Already acknowledged by alice");
        assertThat(ledger().acknowledgements()).hasSize(1);
        assertThat(ledger().load().pending()).hasSize(1);

        char first = signature.charAt(0);
        String forged = link.replace("&s=" + signature, "&s=" + (first == 'A' ? 'B' : 'A') + signature.substring(1));
        assertThat(request("GET", forged, null).get("statusCode")).asString().isEqualTo("401");
        assertThat(request("POST", forged, form(forged, "")).get("statusCode"))
                .asString()
                .isEqualTo("401");
        String otherEvent = link.replace("%231&x=", "%232&x=");
        assertThat(request("POST", otherEvent, form(otherEvent, "")).get("statusCode"))
                .asString()
                .as("another event under this signature")
                .isEqualTo("401");

        clock.now = FIRED_AT.plus(Duration.ofDays(8));
        Map<String, Object> expired = request("GET", link, null);
        assertThat(expired.get("statusCode")).asString().isEqualTo("410");
        assertThat(expired.get("body").toString()).contains("expired");

        assertThat(logged)
                .hasSize(7)
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain(signature)
                        .doesNotContain("s=")
                        .doesNotContain(URI.create(link).getRawQuery()));
        assertThat(logged.get(1)).contains("\"ack\":\"ACKNOWLEDGED\"").contains(fired.key());
    }

    @Test
    void aLinkToAnAlertThatResolvedOrToAnEventTheHistoryLacksAcknowledgesNothing() throws Exception {
        String link = linkOfTheMessage();
        AlertEvent resolved = new AlertEvent(
                AlertEvent.key(LocalDate.parse("2026-02-06"), STATE, 2),
                new AlertEvent.Origin(STATE, "BTC price below production cost", Severity.CRITICAL, EventKind.RESOLVED),
                fired.figures(),
                fired.explanation(),
                new AlertEvent.Recording("run-b", FIRED_AT.plus(Duration.ofDays(1))));
        RuleState active = ledger().load().states().get(STATE);
        RuleState inactive = new RuleState(
                STATE,
                false,
                2,
                null,
                LocalDate.parse("2026-02-06"),
                resolved.recording().recordedAt(),
                RuleState.DaysRead.NONE,
                null,
                0);
        assertThat(ledger().record(List.of(new StateChange(active, inactive)), List.of(resolved), Duration.ZERO))
                .isTrue();
        // A link signed with the key, to an event no history holds: as a message of a store since emptied would carry.
        String stranger = AlertMessage.of(new AlertEvent(
                        AlertEvent.key(LocalDate.parse("2026-01-20"), STATE, 9),
                        fired.origin(),
                        fired.figures(),
                        fired.explanation(),
                        fired.recording()))
                .ackLinked(URI.create(ACK_URL), "an-ack-key-of-32-random-bytes-base64==", clock.now.plusSeconds(600))
                .ackLink()
                .orElseThrow();

        Map<String, Object> gone = request("POST", link, form(link, "&name=alice"));
        Map<String, Object> unknown = request("POST", stranger, form(stranger, ""));

        assertThat(gone.get("statusCode")).asString().isEqualTo("410");
        assertThat(gone.get("body").toString()).contains("has resolved");
        assertThat(unknown.get("statusCode")).asString().isEqualTo("410");
        assertThat(unknown.get("body").toString()).contains("no alert to acknowledge");
        assertThat(ledger().acknowledgements()).isEmpty();
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("\"ack\":\"RESOLVED\""));
    }

    @Test
    void aPostWithoutANameIsByTheLinkALongReasonIsCutAndOtherMethodsAreRefused() throws Exception {
        String link = linkOfTheMessage();

        Map<String, Object> acknowledged = request("POST", link, form(link, "&name=+&reason=" + "why%0A".repeat(200)));

        assertThat(acknowledged.get("statusCode")).asString().isEqualTo("200");
        assertThat(ledger().acknowledgements()).singleElement().satisfies(ack -> {
            assertThat(ack.by()).isEqualTo("link");
            assertThat(ack.reason())
                    .hasSizeLessThanOrEqualTo(500)
                    .startsWith("why why")
                    .doesNotContain("\n");
        });
        assertThat(request("PUT", link, null).get("statusCode")).asString().isEqualTo("405");
        assertThat(request("GET", link, null).get("body").toString())
                .as("an acknowledged link shows who did it")
                .contains("Already acknowledged by link");
        assertThat(request("GET", ACK_URL + "?e=x", null).get("statusCode"))
                .asString()
                .isEqualTo("401");
    }
}
