package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code minerwatch run} end to end: recorded providers, the embedded DynamoDB Local in a folder, console alerts. */
class RunCommandIT {

    @TempDir
    Path dataDir;

    private record Result(int exitCode, String out, String err) {
    }

    private static Result minerwatch(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MinerwatchCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private Result run() {
        return minerwatch("run", "--recorded", RepositoryLayout.recordedProviders().toString(),
                "--data-dir", dataDir.toString(), "--production-cost", "87000");
    }

    @Test
    void aRunCollectsStoresAndPrintsTheAlertOnceAndKeepsTheDataBetweenRuns() throws Exception {
        Result first = run();

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("store: embedded DynamoDB Local in " + dataDir)
                .contains("collected btc_usd    2026-02-05 = 69280.1 from coinbase,coingecko,kraken (created)")
                .contains("collected eth_usd    2026-02-05 = 2052.0 from coinbase,coingecko,kraken (created)")
                .contains("Subject: minerwatch ALERT [critical]: BTC price below production cost")
                .contains("Threshold:         $87,000")
                .contains("├─ sms ─ minerwatch CRITICAL: btc_usd $69,280.10 is 20.4% under $87,000")
                .contains("alerts: 1 recorded, 1 delivered, 0 failed");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(name -> name.endsWith(".db"));
        }

        Result second = run();

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out())
                .contains("collected btc_usd    2026-02-05 = 69280.1 from coinbase,coingecko,kraken (unchanged)")
                .contains("alerts: 0 recorded, 0 delivered, 0 failed")
                .doesNotContain("Subject:");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCodeOne() {
        Result result = minerwatch("run", "--no-such-option");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aMissingRecordingFolderIsADataErrorOnOneLine() {
        Result result = minerwatch("run", "--recorded", dataDir.resolve("nowhere").toString(), "--data-dir",
                dataDir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("minerwatch run: no recorded provider answers at").doesNotContain("\n");
    }
}
