package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.site.Site;
import dev.minerwatch.testkit.LocalAws;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code site}: the read API and the metrics of a store that a recorded run filled, each document against its JSON
 * Schema, the metrics through a strict OpenMetrics parser, and no secret of the environment in any file.
 */
class SiteCommandIT {

    private static final String AT = "2026-02-05T15:00:00Z";
    static final String SCHEMAS = "https://minerwatch.dev/api/v1/schemas/";

    /** Every secret a deployment may hold, each of a shape no figure or id could have by chance. */
    static final Map<String, String> SECRETS = Map.ofEntries(
            Map.entry("WEBHOOK_URL", "https://hooks.example/secret-path-8f3a1c"),
            Map.entry("WEBHOOK_SECRET", "webhook-secret-7d2e9b"),
            Map.entry("SLACK_WEBHOOK_URL", "https://hooks.slack.example/services/T000/B000/slack-secret-4c8d"),
            Map.entry("TELEGRAM_BOT_TOKEN", "123456:telegram-secret-token-9a7b"),
            Map.entry("TELEGRAM_CHAT_ID", "-100777"),
            Map.entry("NTFY_URL", "https://ntfy.example/ntfy-secret-topic-2c4e"),
            Map.entry("NTFY_TOKEN", "tk_ntfysecrettoken5d7f"),
            Map.entry("PUSHOVER_USER_KEY", "uPushoverSecretUserKey00000001"),
            Map.entry("PUSHOVER_APP_TOKEN", "aPushoverSecretAppToken0000002"),
            Map.entry("SOSOVALUE_API_KEY", "sosovalue-secret-key-3e5f"),
            Map.entry("COINGECKO_API_KEY", "coingecko-secret-key-6b1a"));

    /**
     * Two fleets, both under water on 5 February: one public, whose power price the site may show, and one not, whose
     * power price and margin no file may hold. Each power price is of a shape no other figure has.
     */
    private static final String FLEETS = """
            {"version": "site-fleets", "rules": [
              {"id": "fleet_public", "kind": "breakeven", "title": "Public fleet under water", "severity": "info",
               "joules_per_th": 30, "usd_per_kwh": 0.0613, "public": true, "meaning": "m"},
              {"id": "fleet_private", "kind": "breakeven", "title": "Private fleet under water", "severity": "info",
               "joules_per_th": 30, "usd_per_kwh": 0.0737, "meaning": "m"}]}""";

    @TempDir
    Path dir;

    private Path store;
    private Path site;
    private Map<String, String> env;

    @BeforeEach
    void aRecordedRunFiredThePriceRule() {
        store = dir.resolve("store");
        site = dir.resolve("site");
        env = new HashMap<>(Map.of("MINERWATCH_RULES", FLEETS));
        Cli.Result run = minerwatch("run", "--recorded", "--production-cost", "87000");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        env.putAll(SECRETS);
        Cli.Result written = minerwatch("site", "--out", site.toString(), "--at", AT);
        assertThat(written.exitCode()).as(written.out() + written.err()).isZero();
        assertThat(written.out()).startsWith("wrote ").contains(" files to " + site);
    }

    private Cli.Result minerwatch(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", store.toString()));
        return Cli.minerwatch(env, all.toArray(String[]::new));
    }

    private String read(String path) throws IOException {
        return Files.readString(site.resolve(path));
    }

    /** The read API's schemas, each at its id under {@value #SCHEMAS}, as the site writes them. */
    static SchemaRegistry apiSchemas() {
        return SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemas(id -> id.startsWith(SCHEMAS)
                        ? new String(
                                Site.schema(id.substring(SCHEMAS.length()).replace(".schema.json", "")),
                                StandardCharsets.UTF_8)
                        : null));
    }

    @Test
    void everyDocumentOfTheReadApiMatchesItsSchema() throws IOException {
        SchemaRegistry registry = apiSchemas();
        List<String> documents = new ArrayList<>(List.of("state", "events", "rules"));
        for (SeriesId series : SeriesId.values()) {
            documents.add("series/" + series.id());
            documents.add("columns/" + series.id());
        }

        for (String document : documents) {
            String schemaName = document.contains("/") ? document.substring(0, document.indexOf('/')) : document;
            Schema schema = registry.getSchema(SchemaLocation.of(SCHEMAS + schemaName + ".schema.json"));
            List<Error> errors = schema.validate(read("api/v1/" + document + ".json"), InputFormat.JSON);
            assertThat(errors).as(document).isEmpty();
        }
        assertThat(registry.getSchema(SchemaLocation.of(SCHEMAS + "state.schema.json"))
                        .validate("{\"apiVersion\": \"v2\", \"series\": [{\"id\": \"BTC USD\"}]}", InputFormat.JSON))
                .as("the schema refuses what breaks it")
                .extracting(Error::toString)
                .anyMatch(error -> error.contains("apiVersion"))
                .anyMatch(error -> error.contains("generatedAt"));
    }

    @Test
    void theStateSaysWhatTheRunFoundAndTheEventIsInTheHistoryAndTheRulesRecord() throws IOException {
        Map<String, Object> state = Json.parseObject(read("api/v1/state.json"));
        Map<String, Object> events = Json.parseObject(read("api/v1/events.json"));
        Map<String, Object> rules = Json.parseObject(read("api/v1/rules.json"));
        Map<String, Object> btc = Json.parseObject(read("api/v1/series/btc_usd.json"));

        assertThat(state).containsEntry("apiVersion", "v1").containsEntry("generatedAt", AT);
        assertThat(Json.write(state.get("series")))
                .contains("\"id\":\"btc_usd\"")
                .contains("\"value\":69280.1");
        assertThat(Json.write(state.get("rules")))
                .containsPattern("\"id\":\"price_below_production_cost\"[^}]*\"active\":true,\"since\":\"2026-02-05\"");
        assertThat(Json.write(events.get("events")))
                .contains("\"id\":\"2026-02-05#price_below_production_cost#1\"")
                .contains("\"status\":\"SENT\"");
        assertThat(Json.write(rules.get("rules")))
                .containsPattern("\"id\":\"price_below_production_cost\"[^}]*\"eventsPerYear\":\\{\"2026\":1\\}");
        assertThat(Json.write(btc.get("points")))
                .contains("\"day\":\"2026-02-05\"")
                .contains("coingecko");
    }

    @Test
    void theMetricsPassAStrictOpenMetricsParserAndSayWhichRuleIsActive() throws Exception {
        String metrics = read("metrics.txt");

        assertThat(metrics)
                .contains(
                        "minerwatch_rule_active{rule=\"price_below_production_cost\",state=\"price_below_production_cost\","
                                + "severity=\"critical\"} 1\n")
                .contains(
                        "minerwatch_rule_active{rule=\"data_stale\",state=\"data_stale/btc_usd\",severity=\"warning\"} 0\n")
                .contains("minerwatch_series_value{series=\"btc_usd\",unit=\"USD\"} 69280.1\n")
                .endsWith("# EOF\n");
        String parser = "import sys\n"
                + "from prometheus_client.openmetrics.parser import text_string_to_metric_families\n"
                + "families = list(text_string_to_metric_families(sys.stdin.read()))\n"
                + "print(len(families), sum(len(f.samples) for f in families))\n";
        String said = python("prometheus_client.openmetrics.parser", "python3-prometheus-client", parser, metrics);

        assertThat(said.strip())
                .as("six families, and three of the public fleet")
                .matches("9 [0-9]+");
        assertThat(metrics)
                .contains("minerwatch_fleet_margin_usd_per_ph_day{rule=\"fleet_public\"} -")
                .contains("# UNIT minerwatch_fleet_breakeven_power_usd_per_kwh usd_per_kwh\n")
                .doesNotContain("fleet_private\"}");
    }

    @Test
    void theFeedIsAtomThatFeedparserReadsWithoutAFaultEachEventLinkedToItsPage() throws Exception {
        String feed = read("feed.xml");

        assertThat(feed)
                .startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">");
        String parser = "import sys, feedparser\n"
                + "d = feedparser.parse(sys.stdin.buffer.read())\n"
                + "print(int(d.bozo), d.version, len(d.entries), d.feed.title)\n"
                + "for e in d.entries: print(e.id, e.link, e.title)\n";
        String said = python("feedparser", "python3-feedparser", parser, feed);

        List<String> lines = said.lines().toList();
        assertThat(lines.get(0)).as(said).matches("0 atom10 [1-9][0-9]* minerwatch alerts");
        assertThat(lines)
                .as("the entry's link, relative to where the feed was read from")
                .contains(
                        "tag:minerwatch.dev,2026:event:2026-02-05:price_below_production_cost:1 "
                                + "events/2026-02-05.price_below_production_cost.1.html BTC price below production cost: fired");
    }

    @Test
    void theCalendarIsICalendarWithCrlfLinesEvenWhenTheRetargetEstimateIsUnknown() throws IOException {
        String calendar = read("calendar.ics");

        assertThat(calendar)
                .startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
                .contains("METHOD:PUBLISH\r\n")
                .endsWith("END:VCALENDAR\r\n");
    }

    /**
     * Runs {@code script} with {@code input} on its standard input, in the first Python that imports {@code module}
     * (pip's, or Debian's {@code debianPackage} for /usr/bin/python3; .ci/run installs one): what it printed.
     */
    private static String python(String module, String debianPackage, String script, String input) throws Exception {
        String python = interpreter(
                module,
                "no python3 with " + module + " (pip's, or Debian's " + debianPackage
                        + " for /usr/bin/python3; .ci/run installs one)");
        Process run = new ProcessBuilder(python, "-c", script)
                .redirectErrorStream(true)
                .start();
        run.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        run.getOutputStream().close();
        String said = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(said).isZero();
        return said;
    }

    /**
     * The first Python that imports {@code module}; none is a failure under {@code -Dminerwatch.require-emulator=true}
     * (CI), else the test is skipped for {@code why}.
     */
    private static String interpreter(String module, String why) throws InterruptedException {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            try {
                Process probe = new ProcessBuilder(python, "-c", "import " + module)
                        .redirectErrorStream(true)
                        .start();
                if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return python;
                }
            } catch (IOException notThere) {
                // try the next
            }
        }
        if (Boolean.getBoolean(LocalAws.REQUIRE_EMULATOR_PROPERTY)) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
        return null;
    }

    @Test
    void drawnAgainAnHourLaterOnlyTheFilesThatSayWhatIsNowChangeSoAPublicationPutsOnlyThose() throws IOException {
        Path later = dir.resolve("later");
        Cli.Result written = minerwatch("site", "--out", later.toString(), "--at", "2026-02-05T16:00:00Z");
        assertThat(written.exitCode()).as(written.out() + written.err()).isZero();
        List<String> changed = new ArrayList<>();
        List<String> files;
        try (Stream<Path> walk = Files.walk(site)) {
            files = walk.filter(Files::isRegularFile)
                    .map(f -> site.relativize(f).toString())
                    .sorted()
                    .toList();
        }

        for (String file : files) {
            if (!Arrays.equals(Files.readAllBytes(site.resolve(file)), Files.readAllBytes(later.resolve(file)))) {
                changed.add(file);
            }
        }

        assertThat(files).anyMatch(f -> f.startsWith("events/")).anyMatch(f -> f.startsWith("api/v1/series/"));
        assertThat(changed)
                .as("what says when the site was drawn, or judges ages at that time")
                .contains("index.html", "api/v1/state.json", "metrics.txt")
                .allMatch(f -> !f.startsWith("events/")
                        && !f.startsWith("api/v1/series/")
                        && !f.startsWith("api/v1/columns/")
                        && !f.startsWith("assets/"));
        assertThat(changed.size()).isLessThanOrEqualTo(12);
    }

    @Test
    void writtenAgainIntoTheSameFolderThePagesTheSiteNoLongerHasAreGoneAndNothingElseIsTouched() throws IOException {
        Files.writeString(site.resolve("events/2020-01-01.gone.1.html"), "an event that left the history");
        Files.writeString(site.resolve("notes.txt"), "the operator's own file");

        Cli.Result again = minerwatch("site", "--out", site.toString(), "--at", AT);

        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(site.resolve("events/2020-01-01.gone.1.html")).doesNotExist();
        assertThat(site.resolve("notes.txt")).hasContent("the operator's own file");
        assertThat(site.resolve("index.html")).exists();
    }

    @Test
    void noSecretOfTheEnvironmentIsInAnyFile() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(site)) {
            files = walk.filter(Files::isRegularFile).toList();
        }

        assertThat(files).hasSizeGreaterThan(SeriesId.values().length);
        StringBuilder everything = new StringBuilder();
        for (Path file : files) {
            String content = Files.readString(file);
            everything.append(content);
            for (String secret : SECRETS.values()) {
                assertThat(content)
                        .as(site.relativize(file) + " holds no secret")
                        .doesNotContain(secret);
            }
            assertThat(content)
                    .as(site.relativize(file) + " holds nothing of the fleet that is not public")
                    .doesNotContain("0.0737")
                    .doesNotContain("fleet_private\"}");
        }
        assertThat(everything).as("the public fleet's power price is shown").contains("0.0613");
        Map<String, Object> events = Json.parseObject(read("api/v1/events.json"));
        assertThat(Json.write(events.get("events")))
                .as("the private fleet fired: its event is there, its figures are not")
                .containsPattern("\"rule\":\"fleet_private\",[^}]*\"value\":null,\"threshold\":null")
                .contains("$0.0613/kWh");
    }
}
