package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minerwatch replay} and {@code minerwatch alerts} end to end. */
class ReplayCommandIT {

    private static final String HISTORY = RepositoryLayout.root()
            .resolve("events/history/daily-2020-2026.csv")
            .toString();

    @TempDir
    Path dir;

    private static List<Map<String, Object>> lines(String out) {
        return out.lines()
                .map(line -> {
                    try {
                        return Json.parseObject(line);
                    } catch (Exception e) {
                        throw new AssertionError("not a JSON line: " + line, e);
                    }
                })
                .toList();
    }

    @Test
    void replayingACsvPrintsOneJsonLinePerEventInDateOrderAndASummaryOnStandardError() {
        Cli.Result result = Cli.minerwatch("replay", "--csv", HISTORY);

        assertThat(result.exitCode()).as(result.err()).isZero();
        List<Map<String, Object>> events = lines(result.out());
        assertThat(events)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.keySet()).contains("date", "rule", "event", "value", "threshold"));
        assertThat(events).extracting(e -> e.get("date").toString()).isSorted();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("date").toString()).isEqualTo("2026-01-30");
            assertThat(e.get("rule").toString()).isEqualTo("etf_outflow_streak");
            assertThat(e.get("event").toString()).isEqualTo("FIRED");
        });
        // A rule that re-arms says where; one that fires each session never resolves and has no level to give.
        assertThat(events)
                .filteredOn(e -> e.get("rule").toString().equals("price_below_production_cost"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.containsKey("rearm")).isTrue());
        assertThat(events)
                .filteredOn(e -> e.get("rule").toString().equals("etf_daily_outflow"))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.containsKey("rearm")).isFalse());
        assertThat(result.err())
                .containsPattern("replayed 2020-04-11 to 2026-08-21 \\(2324 days, " + events.size() + " events\\)")
                .contains("median gap")
                .contains("BTC +30d (n)")
                .containsPattern("hash_ribbon_capitulation +11 +11 ")
                .contains("BTC return after each FIRED");
    }

    @Test
    void aCsvOfOnlyPriceHashrateAndDifficultyGetsItsHashpriceFromTheSubsidyAloneAndReportsItsEvents() throws Exception {
        List<String> published = Files.readAllLines(Path.of(HISTORY));
        assertThat(published.get(0)).isEqualTo("date,btc_usd,btc_ath_usd,hashrate_ehs,difficulty,etf_net_flow_usd");
        Path csv = dir.resolve("network.csv");
        Files.write(
                csv,
                published.stream()
                        .map(line -> line.split(",", -1))
                        .map(c -> String.join(",", c[0], c[1], c[3], c[4]))
                        .toList());

        Cli.Result result = Cli.minerwatch("replay", "--csv", csv.toString(), "--rule", "hashprice_below_floor");

        assertThat(result.exitCode()).as(result.err()).isZero();
        // The dates ReplayOfPublishedHistoryTest pins, computed independently from the same rows.
        assertThat(lines(result.out()))
                .extracting(e -> e.get("event").toString() + " " + e.get("date").toString())
                .containsExactly("FIRED 2024-08-05", "RESOLVED 2024-08-08", "FIRED 2024-09-05", "RESOLVED 2024-09-19");
        assertThat(result.err())
                .containsPattern("hashprice_below_floor +2 +2 +0.4 ")
                .doesNotContain("no data");
    }

    @Test
    void replayCanBeLimitedToSomeRulesAndOverriddenByARulesFile() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"threshold\": -1000000000}]}");

        Cli.Result result =
                Cli.minerwatch("replay", "--csv", HISTORY, "--rule", "etf_daily_outflow", "--rules", rules.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        // Only 25 February 2025 saw more than $1B leave in one session.
        assertThat(lines(result.out()))
                .extracting(e -> e.get("date").toString() + " " + e.get("rule").toString())
                .containsExactly("2025-02-25 etf_daily_outflow");
    }

    @Test
    void aReplayShowsTheRemindersARuleWouldHaveSentWithoutCountingThemAsResolutions() throws Exception {
        Path rules = dir.resolve("rules.json");
        Files.writeString(rules, "{\"rules\": [{\"id\": \"price_drawdown_from_ath\", \"remind_every\": \"P7D\"}]}");

        Cli.Result result = Cli.minerwatch(
                "replay",
                "--csv",
                HISTORY,
                "--rule",
                "price_drawdown_from_ath",
                "--rules",
                rules.toString(),
                "--from",
                "2022-01-01",
                "--to",
                "2022-03-01");

        assertThat(result.exitCode()).as(result.err()).isZero();
        // 40% under the all-time high from 20 January 2022 on, and still there at the end of February.
        assertThat(lines(result.out()))
                .extracting(e -> e.get("date") + " " + e.get("event"))
                .containsExactly(
                        "2022-01-20 FIRED",
                        "2022-01-27 REMINDER",
                        "2022-02-03 REMINDER",
                        "2022-02-10 REMINDER",
                        "2022-02-17 REMINDER",
                        "2022-02-24 REMINDER");
        assertThat(lines(result.out()).get(2).get("detail").toString())
                .startsWith(
                        "still holding, active for 14 days (since 2022-01-21 00:00 UTC, reminder 2 every 7 days): ");
        assertThat(result.err()).containsPattern("price_drawdown_from_ath +1 +0 ");
    }

    @Test
    void aMalformedCsvIsRejectedWithItsLineNumbersAndNothingIsReplayed() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "date,btc_usd,hashrate\n2026-02-05,69280,900\n2026-02-31,x,1\n2026-02-05,-1,2\n");

        Cli.Result result = Cli.minerwatch("replay", "--csv", csv.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .contains("bad.csv")
                .contains("line 1: unknown column 'hashrate'")
                .contains("line 3: date '2026-02-31' is not an ISO date")
                .contains("line 4: date 2026-02-05 appears twice");
    }

    @Test
    void replayOverTheStoredHistoryAndTheAlertHistoryOfARun() {
        Cli.Result run =
                Cli.minerwatch("run", "--recorded", "--data-dir", dir.toString(), "--production-cost", "87000");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();

        Cli.Result replay = Cli.minerwatch("replay", "--data-dir", dir.toString(), "--rule", "etf_daily_outflow");
        Cli.Result alerts = Cli.minerwatch("alerts", "--data-dir", dir.toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(lines(replay.out()))
                .extracting(e -> e.get("date").toString())
                .containsExactly("2026-01-21", "2026-01-29", "2026-01-30", "2026-02-04");
        assertThat(alerts.exitCode()).as(alerts.err()).isZero();
        assertThat(alerts.out())
                .containsPattern(
                        "2026-02-05  FIRED    critical  price_below_production_cost +\\$69,280.10 vs \\$87,000  SENT ")
                .containsPattern("2026-02-04  FIRED    warning   etf_daily_outflow +-\\$544.9M vs -\\$500.0M  SENT ");
    }
}
