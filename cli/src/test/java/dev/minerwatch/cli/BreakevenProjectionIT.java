package dev.minerwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code breakeven --project}: an S19 XP fleet (21.5 J/TH, PUE 1.1, a 2% fee, $0.05/kWh) at a hashprice of $31.56,
 * with mempool (a local stand-in) estimating the next retarget. The figures are MarginProjectionTest's, computed by
 * hand.
 */
class BreakevenProjectionIT {

    @TempDir
    Path dir;

    private WireMockServer mempool;

    private int port;

    @BeforeEach
    void start() {
        mempool = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        mempool.start();
        port = mempool.port();
    }

    @AfterEach
    void stop() {
        mempool.stop();
    }

    /** mempool's answer, as recorded on 5 February 2026, with the change it estimates replaced. */
    private void estimating(double changePercent) {
        mempool.stubFor(get(urlPathEqualTo("/api/v1/difficulty-adjustment"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"progressPercent\": 77.1329, \"difficultyChange\": " + changePercent
                                + ", \"estimatedRetargetDate\": 1770611659400, \"remainingBlocks\": 461,"
                                + " \"remainingTime\": 311359399, \"previousRetarget\": 4.12, \"previousTime\":"
                                + " 1769250065, \"nextRetargetHeight\": 935424, \"timeAvg\": 675400,"
                                + " \"adjustedTimeAvg\": 675400, \"timeOffset\": 0, \"expectedBlocks\": 1750.39}")));
    }

    private Cli.Result project(String... more) throws Exception {
        Path csv = dir.resolve("points.csv");
        Files.writeString(csv, "date,hashprice_usd_ph_day,fees_btc_per_block\n2026-02-05,31.56,0.025\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "breakeven",
                "--csv",
                csv.toString(),
                "--joules-per-th",
                "21.5",
                "--usd-per-kwh",
                "0.05",
                "--pue",
                "1.1",
                "--pool-fee",
                "2",
                "--project"));
        args.addAll(java.util.List.of(more));
        return Cli.minerwatch(Map.of("MEMPOOL_BASE_URL", "http://127.0.0.1:" + port), args.toArray(String[]::new));
    }

    @Test
    void atAnEstimateOfPlusTenPercentTheProjectedMarginIsUnderWaterAndAtPlusEightItIsNot() throws Exception {
        estimating(10);
        Cli.Result ten = project();
        estimating(8);
        Cli.Result eight = project();

        assertThat(ten.exitCode()).as(ten.err()).isZero();
        assertThat(ten.out())
                .contains("today                  margin $2.55 at a hashprice of $31.56")
                .contains("after the next retarget margin -$0.26 (under water) at a hashprice of $28.69 at +10.00%,"
                        + " block 935424, about 2026-02-09 04:34 UTC (the epoch 77.1% mined)")
                .contains(
                        "after the next halving block 1050000, about 2028-04-14 20:34 UTC: beyond the horizon (PT8760H)")
                .contains("price -10%             margin -$0.54 (under water) at a hashprice of $28.40")
                .contains("price -30%");
        assertThat(eight.out()).contains("after the next retarget margin $0.26 at a hashprice of $29.22 at +8.00%");
    }

    @Test
    void aHalvingWithinTheHorizonHalvesTheSubsidyAndKeepsTheFees() throws Exception {
        estimating(0);

        Cli.Result result = project("--horizon", "P1200D");

        // 31.56 × (3.125 / 2 + 0.025) / (3.125 + 0.025) = 15.905..., × 0.98 − 28.38.
        assertThat(result.out())
                .contains("after the next halving margin -$12.79 (under water) at a hashprice of $15.91, block 1050000")
                .contains("(the subsidy 3.125 BTC halves, fees of 0.025 BTC a block stay)");
    }

    @Test
    void withoutMempoolTheProjectionSaysSoAndStillShowsThePriceShocksAndWithoutAFleetItIsAUsageError()
            throws Exception {
        mempool.stop();

        Cli.Result result = project();
        Cli.Result noFleet = Cli.minerwatch(
                "breakeven", "--csv", dir.resolve("points.csv").toString(), "--usd-per-kwh", "0.05", "--project");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("next retarget          mempool's estimate unavailable (")
                .contains("price -20%");
        assertThat(noFleet.exitCode()).isEqualTo(1);
        assertThat(noFleet.err()).contains("--project needs a fleet");
    }
}
