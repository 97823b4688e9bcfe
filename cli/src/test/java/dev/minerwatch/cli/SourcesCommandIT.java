package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minerwatch sources}: the provider contract check, on the recorded answers and on drifted copies of them. */
class SourcesCommandIT {

    @TempDir
    Path dataDir;

    private static Cli.Result sources(Path recordings, Map<String, String> env) {
        return Cli.minerwatch(env, "sources", "--recorded", recordings.toString(), "--data-dir", "unused");
    }

    @Test
    void everyRecordedEndpointKeepsItsContractWithItsProviderTimeAndAge() {
        Cli.Result result = sources(RepositoryLayout.recordedProviders(), Map.of());

        assertThat(result.exitCode()).as(result.out() + result.err()).isZero();
        assertThat(result.out())
                .contains("ok   coingecko       spot prices")
                .contains("provider time 2026-02-05T14:00:00Z, 5 min old")
                .contains("ok   coinbase        spot prices")
                .contains("no provider time: its figures are as of the call")
                .contains("ok   mempool         hashrate/3d")
                .contains("ok   mempool         reward-stats/144")
                .contains("ok   blockchain.com  charts/hash-rate")
                .contains("ok   tftc            ETF flows")
                .contains("ETF flows: TFTC, tftc.io/bitcoin-etf-flows (CC BY 4.0)")
                .contains("rate-limit headers: none")
                .contains("8 of 8 endpoints keep their contract")
                .doesNotContain("sosovalue");
    }

    @Test
    void withASoSoValueKeyBothOfItsApisAreCheckedToo() {
        Cli.Result result = sources(RepositoryLayout.recordedProviders(), Map.of("SOSOVALUE_API_KEY", "recorded"));

        assertThat(result.exitCode()).as(result.out()).isZero();
        assertThat(result.out())
                .contains("sosovalue v1 summary-history: 24 sessions")
                .contains("sosovalue v2 historicalInflowChart: 24 sessions")
                .contains("10 of 10 endpoints keep their contract");
    }

    @Test
    void aDriftedUnitAndAStoppedIndexFailTheCheckNamingTheFieldAndTheAge(@TempDir Path into) throws Exception {
        Path recordings = Cli.copyOfRecordedProviders(into);
        Files.writeString(
                recordings.resolve("blockchain-info/charts/hash-rate.json"),
                "{\"status\":\"ok\",\"unit\":"
                        + "\"Hash Rate GH/s\",\"period\":\"day\",\"values\":[{\"x\":1770249600,\"y\":915850000000}]}");
        Files.writeString(
                recordings.resolve("mempool/api/v1/mining/hashrate/3d.json"),
                "{\"hashrates\":[{\"timestamp\":"
                        + "1769731200,\"avgHashrate\":9.48e20}],\"currentHashrate\":9.48e20,\"currentDifficulty\":141668107417558.2}");

        Cli.Result result = sources(recordings, Map.of());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out())
                .contains("FAIL blockchain.com  charts/hash-rate")
                .contains("blockchain.com field unit: value 'Hash Rate GH/s' is not TH/s")
                .contains("FAIL mempool         hashrate/3d")
                .contains("newest data of 2026-01-30T00:00:00Z is 158 hours old (at most 48 expected)")
                .contains("6 of 8 endpoints keep their contract; 2 do not (exit 2)");
    }
}
