package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minerwatch run} end to end: recorded providers, the local SQLite store in a folder, console alerts. */
class RunCommandIT {

    @TempDir
    Path dataDir;

    private Cli.Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "run",
                "--recorded",
                RepositoryLayout.recordedProviders().toString(),
                "--data-dir",
                dataDir.toString()));
        args.addAll(List.of(extra));
        return Cli.minerwatch(args.toArray(String[]::new));
    }

    @Test
    void aRunCollectsStoresAndPrintsTheAlertOnceAndKeepsTheDataBetweenRuns() throws Exception {
        Cli.Result first = run("--production-cost", "87000");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("store: SQLite database "
                        + dataDir.toAbsolutePath().normalize().resolve("minerwatch.db"))
                .contains(
                        "collected btc_usd              2026-02-05 = 69280.1 from coinbase,coingecko,kraken (created)")
                .contains("collected eth_usd              2026-02-05 = 2052 from coinbase,coingecko,kraken (created)")
                .contains("Subject: minerwatch ALERT [critical]: BTC price below production cost (2026-02-05)")
                .contains("Threshold:         $87,000")
                .contains(
                        "├─ sms ─ minerwatch CRITICAL: btc price below production cost on 2026-02-05: $69,280.10 vs $87,000 (-20.4%).")
                .contains("Subject: minerwatch ALERT [warning]: US spot BTC ETF daily outflow (2026-02-04)")
                .contains(
                        "├─ sms ─ minerwatch WARNING: us spot btc etf daily outflow on 2026-02-04: -$544.9M vs -$500.0M")
                .containsPattern("alerts: (\\d+) recorded, \\1 delivered, 0 failed");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("minerwatch.db");
        }

        Cli.Result second = run("--production-cost", "87000");

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
                // Exchange quotes are timed at the call, so a rerun may move asOf; nothing else changes.
                .containsPattern(
                        "collected btc_usd +2026-02-05 = 69280.1 from coinbase,coingecko,kraken \\((unchanged|updated)\\)")
                .doesNotContain("(created)")
                .contains("alerts: 0 recorded, 0 delivered, 0 failed")
                .doesNotContain("Subject:");
    }

    @Test
    void withADashboardEveryAlertLinksToItsEventsPage() {
        List<String> args = List.of(
                "run",
                "--recorded",
                RepositoryLayout.recordedProviders().toString(),
                "--data-dir",
                dataDir.toString(),
                "--production-cost",
                "87000");

        Cli.Result result =
                Cli.minerwatch(Map.of("DASHBOARD_URL", "https://d123.cloudfront.net"), args.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern(
                        "│ On the dashboard: "
                                + "https://d123\\.cloudfront\\.net/events/2026-02-05\\.price_below_production_cost\\.\\d+\\.html\n");
    }

    @Test
    void withoutAConfiguredCostTheDerivedProductionCostDecides() {
        Cli.Result result = run();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains(
                        "collected hashrate_ehs         2026-02-05 = 915.85 from mempool (3 days from 2026-02-03, 3 changed)")
                .contains("collected fees_btc_per_block   2026-02-05 = 0.025 from mempool (created)")
                .contains("collected difficulty           2026-02-05 = 141668107417558.2 from mempool (created)")
                .contains(
                        "collected etf_net_flow_usd     2026-02-04 = -544940000 from tftc (23 days from 2026-01-02, 23 changed)")
                .contains("Sources:           tftc (ETF flows: TFTC, tftc.io/bitcoin-etf-flows (CC BY 4.0))")
                .contains("collected production_cost_usd  2026-02-05 = 86979.9")
                .contains("collected hashprice_usd_ph_day 2026-02-05 = 30.98")
                .contains("Threshold from:    production_cost_usd of 2026-02-05, model drm v1 (A=")
                .containsPattern("alerts: (\\d+) recorded, \\1 delivered, 0 failed");
    }

    @Test
    void withASoSoValueKeyTheFlowsComeFromItsCurrentApiAndTheUnsettledSessionIsLeftOut() {
        Cli.Result result = Cli.minerwatch(
                Map.of("SOSOVALUE_API_KEY", "recorded-answers-ignore-it"),
                "run",
                "--recorded",
                RepositoryLayout.recordedProviders().toString(),
                "--data-dir",
                dataDir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains(
                        "collected etf_net_flow_usd     2026-02-04 = -544940000 from sosovalue (23 days from 2026-01-02, 23 changed)")
                .contains("warning   sosovalue 2026-02-05 reads 0.0: not yet published; not stored")
                .doesNotContain("tftc");
    }

    @Test
    void networkProvidersWhoseNewestDataIsDaysOldLeaveTheNetworkSeriesStaleInStatus(@TempDir Path recordings)
            throws Exception {
        Cli.copyOfRecordedProviders(recordings);
        // Both hashrate providers stopped on 30 January; the run is on 5 February.
        Files.writeString(
                recordings.resolve("mempool/api/v1/mining/hashrate/3d.json"),
                "{\"hashrates\":[{\"timestamp\":"
                        + "1769731200,\"avgHashrate\":9.48e20}],\"currentHashrate\":9.48e20,\"currentDifficulty\":141668107417558.2}");
        Files.writeString(
                recordings.resolve("blockchain-info/charts/hash-rate.json"),
                "{\"status\":\"ok\",\"unit\":"
                        + "\"Hash Rate TH/s\",\"period\":\"day\",\"values\":[{\"x\":1769731200,\"y\":948000000}]}");

        Cli.Result run = Cli.minerwatch("run", "--recorded", recordings.toString(), "--data-dir", dataDir.toString());
        Cli.Result status = Cli.minerwatch("status", "--data-dir", dataDir.toString(), "--at", "2026-02-05T14:10:00Z");

        assertThat(run.out())
                .contains("mempool: its mining index has stopped")
                .contains("blockchain.com: its chart has stopped");
        assertThat(status.exitCode()).as(status.out() + status.err()).isEqualTo(2);
        assertThat(status.out())
                .containsPattern("hashrate_ehs .*STALE")
                .containsPattern("difficulty .*STALE")
                .containsPattern("btc_usd +2026-02-05 .*coinbase,coingecko,kraken");
    }

    @Test
    void aRulesFileChangesWhatTheRunNotifies() throws Exception {
        Path rules = dataDir.resolve("rules.json");
        Files.writeString(rules, "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"threshold\": -600000000}]}");

        Cli.Result result = run("--rules", rules.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("Subject: minerwatch ALERT [critical]: BTC price below production cost")
                .doesNotContain("US spot BTC ETF daily outflow (2026-02-04)");
    }

    @Test
    void exportPrintsTheStoredPointsAsTheDailyPointsCsv() {
        run();

        Cli.Result export = Cli.minerwatch("export", "--data-dir", dataDir.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        List<String> lines = export.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("date,btc_usd,eth_usd,btc_ath_usd,hashrate_ehs,difficulty,fees_btc_per_block,"
                        + "hashprice_usd_ph_day,production_cost_usd,etf_net_flow_usd,retarget_change_pct");
        assertThat(lines).contains("2026-02-04,,,,922.41,,,,,-544940000,");
        // The recorded day's ETF session is not yet published; mempool's estimate of the next retarget is its last.
        assertThat(lines.get(lines.size() - 1))
                .startsWith("2026-02-05,69280.1,2052,126080,915.85,141668107417558.2,0.025,30.98")
                .contains(",86979.9")
                .endsWith(",,-11.16");
    }

    @Test
    void aBackfillOfAnImpossibleLengthIsAUsageError() {
        Cli.Result result = Cli.minerwatch("backfill", "--days", "5000", "--data-dir", dataDir.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("--days 5000 must be between 1 and 1095");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeOne() {
        Cli.Result result = Cli.minerwatch("run", "--no-such-option");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aMissingRecordingFolderIsADataErrorOnOneLine() {
        Cli.Result result = Cli.minerwatch(
                "run", "--recorded", dataDir.resolve("nowhere").toString(), "--data-dir", dataDir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .startsWith("minerwatch run: no recorded provider answers at")
                .doesNotContain("\n");
    }
}
