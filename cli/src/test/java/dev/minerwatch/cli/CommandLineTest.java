package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every command promises a script: --help, and exit codes 0 (ok), 1 (usage) and 2 (data or provider). */
class CommandLineTest {

    private static final List<String> COMMANDS = List.of(
            "demo",
            "run",
            "backfill",
            "export",
            "replay",
            "import",
            "report",
            "status",
            "alerts",
            "ack",
            "deliver",
            "subscribe",
            "subscribers",
            "unsubscribe",
            "silence",
            "silences",
            "unsilence",
            "requeue",
            "site",
            "serve",
            "rules",
            "check",
            "sources",
            "breakeven",
            "digest",
            "notify",
            "invoke");

    @TempDir
    Path dir;

    @Test
    void everyDocumentedCommandIsThere() {
        assertThat(MinerwatchCommand.commandLine().getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(COMMANDS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "demo",
                "run",
                "backfill",
                "export",
                "replay",
                "import",
                "report",
                "status",
                "alerts",
                "ack",
                "deliver",
                "silence",
                "silences",
                "unsilence",
                "rules",
                "breakeven",
                "digest",
                "notify",
                "invoke"
            })
    void everyCommandHasHelpWithItsExitCodes(String command) {
        Cli.Result help = Cli.minerwatch(command, "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .startsWith("Usage: minerwatch " + command)
                .contains("Exit codes:")
                .containsPattern("\\n +0 +")
                .containsPattern("\\n +1 +usage error")
                .containsPattern("\\n +2 +");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Cli.Result result = Cli.minerwatch("deploy");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Unmatched argument at index 0: 'deploy'");
    }

    @Test
    void rulesPrintsTheEffectiveRulesWithTheirThresholds() {
        Cli.Result rules = Cli.minerwatch("rules");

        assertThat(rules.exitCode()).as(rules.err()).isZero();
        assertThat(rules.out())
                .startsWith("rules 2026-11-24.1 (9)")
                .containsPattern("etf_daily_outflow +threshold +warning +etf_net_flow_usd +evaluate=closed_days  "
                        + "condition=at_or_below  threshold=-500000000  each_day=true")
                .containsPattern(
                        "hash_ribbon_capitulation +moving_average_cross +warning +hashrate_ehs +fast_days=30  slow_days=60");
    }

    @Test
    void rulesShowsAnOverrideAndItsJsonIsARulesFile() throws Exception {
        Path override = dir.resolve("rules.json");
        Files.writeString(override, "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"threshold\": -600000000}]}");

        Cli.Result json = Cli.minerwatch("rules", "--rules", override.toString(), "--json");

        assertThat(json.exitCode()).as(json.err()).isZero();
        Map<String, Object> document = Json.parseObject(json.out());
        assertThat((List<?>) document.get("rules")).anySatisfy(rule -> {
            assertThat(((Map<?, ?>) rule).get("id")).isEqualTo("etf_daily_outflow");
            assertThat(((Map<?, ?>) rule).get("threshold")).isEqualTo(-600_000_000);
        });
        Path effective = dir.resolve("effective.json");
        Files.writeString(effective, json.out());
        assertThat(Cli.minerwatch("rules", "--rules", effective.toString()).out())
                .contains("threshold=-600000000");
    }

    @Test
    void anInvalidRulesFileIsADataErrorOnOneLine() throws Exception {
        Path override = dir.resolve("rules.json");
        Files.writeString(override, "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"threshold\": \"lots\"}]}");

        Cli.Result result = Cli.minerwatch("rules", "--rules", override.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .startsWith("minerwatch rules: ")
                .contains("threshold")
                .doesNotContain("\n");
    }
}
