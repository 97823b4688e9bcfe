package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minerwatch invoke} with no AWS settings at all: the handler is built by the composition root the Lambda
 * uses, which finds the CLI's SQLite store on the class path, and what it stores is what the other commands read.
 */
class InvokeOnTheLocalStoreIT {

    @TempDir
    Path dataDir;

    private Cli.Result invoke(String function, String eventFile) {
        return Cli.minerwatch(
                Map.of(),
                "invoke",
                function,
                "--event",
                RepositoryLayout.root().resolve("events").resolve(eventFile).toString(),
                "--recorded",
                RepositoryLayout.recordedProviders().toString(),
                "--data-dir",
                dataDir.toString());
    }

    @Test
    void theHandlersRunOnTheLocalSqliteStoreAndTheOtherCommandsReadWhatTheyStored() {
        Cli.Result market = invoke("MarketCollectorFunction", "market-collector.json");

        assertThat(market.exitCode()).as(market.err()).isZero();
        assertThat(market.err())
                .contains("store: SQLite database "
                        + dataDir.toAbsolutePath().normalize().resolve("minerwatch.db"));

        Cli.Result evaluation = Cli.minerwatch(
                Map.of("PRODUCTION_COST_USD", "87000"),
                "invoke",
                "EvaluationFunction",
                "--event",
                RepositoryLayout.root().resolve("events/evaluation.json").toString(),
                "--recorded",
                RepositoryLayout.recordedProviders().toString(),
                "--data-dir",
                dataDir.toString());

        assertThat(evaluation.exitCode()).as(evaluation.err()).isZero();
        assertThat(evaluation.err()).contains("BTC price below production cost");
        Cli.Result export = Cli.minerwatch(Map.of(), "export", "--data-dir", dataDir.toString());
        assertThat(export.out()).contains("2026-02-05,69280.1");
        Cli.Result alerts = Cli.minerwatch(Map.of(), "alerts", "--data-dir", dataDir.toString());
        assertThat(alerts.out()).containsPattern("2026-02-05 +FIRED +critical +price_below_production_cost");
    }
}
