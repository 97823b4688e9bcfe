package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minerwatch demo} end to end: the recorded days of events/demo served over HTTP to the real sources, the
 * local SQLite store, the real engine and outbox; then the everyday commands on the store it leaves, as the demo
 * prints them.
 */
class DemoCommandIT {

    @TempDir
    static Path out;

    static Cli.Result demo;

    @BeforeAll
    static void runTheDemo() {
        demo = Cli.minerwatch("demo", "--out", out.toString());
    }

    @Test
    void theDemoReplaysTheWeekDayByDayWithTheHandbooksFigures() {
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(demo.out())
                .contains("minerwatch demo: 2026-01-27 to 2026-02-06, replayed through the real pipeline")
                .contains("━━ Tue 27 Jan 2026, 14:05 UTC ━━ BTC $88,270.10")
                .contains("━━ Thu 5 Feb 2026, 14:05 UTC ━━ BTC $69,280.10 · cost $86,979.91 · hashprice $30.99/PH/day"
                        + " · hashrate 915.85 EH/s · ETF flow 4 Feb -$544.9M")
                .contains("━━ Fri 6 Feb 2026, 14:05 UTC ━━")
                .doesNotContain("FAILED")
                .doesNotContain("UNDELIVERED");
        assertThat(demo.err()).contains("hashrate_ehs").contains("180/180");
    }

    @Test
    void eachNotificationIsPrintedAsTheEmailAndTheSmsSubscribersReceiveIt() {
        assertThat(demo.out())
                .contains(
                        "┌─ email ─ Subject: minerwatch ALERT [critical]: BTC price below production cost (2026-01-30)")
                .contains(
                        "├─ sms ─ minerwatch CRITICAL: btc price below production cost on 2026-01-30: $84,120.10 vs $86,991.66 (-3.3%).")
                // The four-session streak of 27-30 January (docs/domain.md: 4, not the 5 that was reported).
                .contains("Subject: minerwatch ALERT [warning]: US spot BTC ETF outflow streak (2026-01-30)")
                .contains("Subject: minerwatch ALERT [warning]: US spot BTC ETF daily outflow (2026-01-29)")
                .contains("Subject: minerwatch ALERT [warning]: US spot BTC ETF daily outflow (2026-02-04)")
                .contains(
                        "├─ sms ─ minerwatch WARNING: us spot btc etf daily outflow on 2026-02-04: -$544.9M vs -$500.0M")
                .contains("Subject: minerwatch RESOLVED [warning]: US spot BTC ETF outflow streak (2026-02-02)")
                .contains("Subject: minerwatch ALERT [info]: BTC 40% under its all-time high (2026-02-04)")
                .contains("Subject: minerwatch ALERT [warning]: Hash Ribbon miner capitulation")
                .contains("16 notifications over 11 days, and the digest.")
                .contains("  subscriber: o***@example.com (email): alerts of every severity of every rule; the digest")
                .contains("├─ to o***@example.com (email), +155***00 (sms)")
                .contains("├─ to o***@example.com (email)\n");
        // One notification per event: the price alert fires once and stays quiet while the price stays under.
        assertThat(demo.out().split("BTC price below production cost \\(", -1)).hasSize(2);
    }

    @Test
    void theDemosOwnFleetGoesUnderWaterOnTheFifthAndTheDigestOfTheLastDayGoesOutOnce() {
        // An S19 XP at $0.055/kWh, PUE 1.1 and a 2% fee breaks even at a hashprice of $31.86 (docs/rules.md).
        assertThat(demo.out())
                .contains("Subject: minerwatch ALERT [warning]: S19 XP fleet under water (2026-02-05)")
                .contains("S19 XP fleet under water: margin -$0.85 per PH/s per day on 2026-02-05 at a hashprice of"
                        + " $30.99 per PH/s per day")
                .contains("break-even hashprice $31.86")
                .contains("━━ the digest of 2026-02-06, as the DigestFunction sends it once a day ━━")
                .contains("Subject: minerwatch digest 2026-02-06: BTC $70,540.10 (-18.9% vs cost), 7 rules active")
                .contains("next retarget -11.16% expected around 2026-02-09")
                .contains("fleet_s19xp: margin -$0.28: UNDER WATER")
                .contains("attributes {event=DIGEST, event_id=2026-02-06#digest:daily#1, kind=digest}");
        assertThat(demo.out().split("Subject: minerwatch digest ", -1)).hasSize(2);
    }

    @Test
    void theDemoSaysWhereTheDataAndTheChartWent() throws Exception {
        Path png = out.resolve(ReportCommand.PNG);
        Path html = out.resolve(ReportCommand.HTML);
        assertThat(demo.out())
                .contains("chart: " + png.toAbsolutePath())
                .contains(html.toAbsolutePath().toString())
                .contains(out.resolve("daily-points.csv").toAbsolutePath().toString());
        assertThat(Files.size(png)).isGreaterThan(50_000);
        assertThat(Files.readString(html)).contains("<svg").contains("BTC price below production cost");
        assertThat(Files.readAllLines(out.resolve("daily-points.csv")))
                .anyMatch(line -> line.startsWith("2026-02-05,69280.1,2052,126080,915.85,"));
    }

    @Test
    void statusOnTheDemoStoreShowsTheActiveAlertsAndThatTheDataIsNowStale() {
        Cli.Result status =
                Cli.minerwatch("status", "--data-dir", out.resolve("store").toString());

        assertThat(status.exitCode())
                .as("the week is long past, so every series is stale")
                .isEqualTo(2);
        assertThat(status.out())
                .containsPattern(
                        "btc_usd +2026-02-06 +\\$70,540.10 +2026-02-06 14:05Z +\\d+ days  STALE +at most 1.0 h")
                .containsPattern("etf_net_flow_usd +2026-02-05 +-\\$434.2M .* STALE +at most 2 sessions behind")
                .contains("active alerts: 7")
                .containsPattern(
                        "price_below_production_cost +critical +since 2026-01-30 +BTC price below production cost")
                .contains("notifications waiting in the outbox: 0")
                .contains("notifications parked (refused for good by the channel, never delivered): 0");
    }

    @Test
    void everyCommandTheDemoSuggestsWorksAsPrinted() {
        List<String> suggested = demo.out()
                .lines()
                .dropWhile(line -> !line.contains("next, on the demo's store:"))
                .skip(1)
                .takeWhile(line -> !line.contains("look at it in a browser"))
                .map(String::trim)
                .filter(line -> line.startsWith("./minerwatch "))
                .toList();

        assertThat(suggested)
                .hasSizeGreaterThanOrEqualTo(5)
                .contains("./minerwatch status --data-dir " + out.resolve("store") + " --at 2026-02-06T14:05:00Z");
        for (String command : suggested) {
            String[] args = command.substring("./minerwatch ".length()).split(" ");
            Cli.Result result = Cli.minerwatch(args);
            assertThat(result.exitCode())
                    .as(command + "\n" + result.out() + result.err())
                    .isZero();
            assertThat(result.out() + result.err()).as(command).isNotBlank().doesNotContain("holds no points");
        }
    }

    @Test
    void theDemoEndsByWritingTheSiteAndSayingHowToServeIt() throws IOException {
        Path site = out.resolve("site");

        assertThat(demo.out())
                .contains(
                        "site:  " + site.resolve("index.html").toAbsolutePath().normalize())
                .contains("./minerwatch serve --data-dir " + out.resolve("store") + " --rules ")
                .contains("fleet-rules.json --at 2026-02-06T14:05:00Z")
                .contains("then open http://127.0.0.1:8088/");
        assertThat(Files.readString(site.resolve("index.html")))
                .contains("<h1>Now</h1>")
                .contains("BTC price below production cost")
                .contains("block 1050000"); // the next halving, from the recorded retarget estimate
        assertThat(site.resolve("alerts.html")).exists();
        assertThat(site.resolve("api/v1/events.json")).exists();
    }

    @Test
    void theDemoNamesItsStore() {
        assertThat(demo.out())
                .contains("store: SQLite database "
                        + out.resolve("store").toAbsolutePath().normalize().resolve("minerwatch.db"));
    }

    @Test
    void statusAtTheTimeOfTheDemosLastCycleFindsEverySeriesFresh() {

        Cli.Result status =
                Cli.minerwatch("status", "--data-dir", out.resolve("store").toString(), "--at", "2026-02-06T14:05:00Z");

        assertThat(status.exitCode()).as(status.out()).isZero();
        assertThat(status.out())
                .contains("minerwatch status at 2026-02-06 14:05Z")
                .doesNotContain("STALE")
                .containsPattern("btc_usd +2026-02-06 +\\$70,540.10 +2026-02-06 14:05Z +0.0 h +at most 1.0 h");
    }

    @Test
    void alertsListsWhatTheDemoSent() {
        Cli.Result alerts =
                Cli.minerwatch("alerts", "--data-dir", out.resolve("store").toString(), "--limit", "100");

        assertThat(alerts.exitCode()).as(alerts.err()).isZero();
        assertThat(alerts.out().lines().filter(line -> line.contains(" SENT "))).hasSize(17);
        assertThat(alerts.out()).containsPattern("2026-02-04 +FIRED +warning +etf_daily_outflow");
    }
}
