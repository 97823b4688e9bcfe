package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minerwatch breakeven} end to end, over the published history. The expected days under water and the longest
 * spell come from docs/checks/breakeven_replay.py, which does not use minerwatch's code.
 */
class BreakevenCommandIT {

    private static final String HISTORY = RepositoryLayout.root()
            .resolve("events/history/daily-2020-2026.csv")
            .toString();

    private static final String[] S19J_PRO = {
        "--joules-per-th", "30", "--usd-per-kwh", "0.06", "--pue", "1.1", "--pool-fee", "2"
    };

    @TempDir
    Path dir;

    /** {@code breakeven} for the S19j Pro fleet, with {@code more} options. */
    private static String[] s19jPro(String... more) {
        List<String> all = new ArrayList<>(List.of("breakeven"));
        all.addAll(List.of(S19J_PRO));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aFleetGetsItsMarginAtTheNewestHashpriceItsDaysUnderWaterPerYearAndItsLongestSpell() {
        Cli.Result result = Cli.minerwatch(s19jPro("--csv", HISTORY));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("fleet: 30 J/TH, $0.0600/kWh, PUE 1.1, pool fee 2%\n")
                .containsPattern("hashprice \\$\\d+\\.\\d\\d per PH/s per day on 2025-04-07 \\(sources ")
                .containsPattern("\n  cost +\\$47\\.52 per PH/s per day \\(792\\.0 kWh\\)\n")
                .containsPattern("\n  break-even hashprice +\\$48\\.49 per PH/s per day\n")
                .contains("days under water, 2020-04-11 to 2025-04-07:")
                .containsPattern("\n  2023 +365 +0 +0\\.0%\n")
                .containsPattern("\n  2024 +366 +150 +41\\.0%\n")
                .containsPattern("\n  2025 +97 +32 +33\\.0%\n")
                .containsPattern("\n  all +1823 +182 +10\\.0%\n")
                .contains("longest spell: 2024-07-31 to 2024-11-09 (102 days)")
                .contains("note: the hashprice of 1823 days without fee data counts the subsidy alone: a lower bound,"
                        + " so the margins lean towards a loss");
        // Common machines at the same power price, PUE and fee, most efficient first.
        assertThat(result.out())
                .contains("machines at $0.0600/kWh, PUE 1.1, pool fee 2%; hashprice")
                .containsSubsequence(
                        "Antminer S21 Pro", "Antminer S21 ", "Antminer S19 XP", "Antminer S19j Pro", "Antminer S19 ")
                .containsPattern("Antminer S19j Pro +30 +\\$47\\.52 ");
    }

    @Test
    void theMarginIsTheNewestHashpriceLessFeePowerAndOverheads() {
        Cli.Result result = Cli.minerwatch(s19jPro("--csv", HISTORY, "--other-costs", "60"));

        // $107.52 of costs: more than the newest hashprice ($40.99) earns before any power is paid for.
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("margin +-\\$\\d+\\.\\d\\d per PH/s per day: under water")
                .containsPattern("break-even power price +-\\$0\\.\\d{4}/kWh")
                .contains("other costs $60 per PH/s per day");
    }

    @Test
    void aBreakEvenRuleGivesItsFleet() throws Exception {
        Path rules = Files.writeString(dir.resolve("fleets.json"), """
                {"version": "fleets", "rules": [
                  {"id": "fleet_s19j_pro", "kind": "breakeven", "title": "S19j Pro fleet under water",
                   "severity": "warning", "joules_per_th": 30, "usd_per_kwh": 0.06, "pue": 1.1, "pool_fee_pct": 2,
                   "meaning": "The fleet mines at a loss."}]}""");

        Cli.Result byRule =
                Cli.minerwatch("breakeven", "--csv", HISTORY, "--rules", rules.toString(), "--rule", "fleet_s19j_pro");
        Cli.Result byOptions = Cli.minerwatch(s19jPro("--csv", HISTORY));

        assertThat(byRule.exitCode()).as(byRule.err()).isZero();
        assertThat(byRule.out())
                .startsWith("fleet: 30 J/TH, $0.0600/kWh, PUE 1.1, pool fee 2% (rule fleet_s19j_pro)\n")
                .isEqualTo(byOptions.out().replaceFirst("\n", " (rule fleet_s19j_pro)\n"));
    }

    @Test
    void theStoredHistoryIsReadWhenNoCsvIsGiven() {
        String store = dir.resolve("store").toString();
        Cli.Result imported = Cli.minerwatch("import", HISTORY, "--data-dir", store);
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        Cli.Result result = Cli.minerwatch(s19jPro("--data-dir", store));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .containsPattern("\n  all +1823 +182 +10\\.0%\n")
                .contains("longest spell: 2024-07-31 to 2024-11-09 (102 days)");
    }

    @Test
    void withoutAnEfficiencyOnlyTheMachinesAreCompared() {
        Cli.Result result = Cli.minerwatch("breakeven", "--csv", HISTORY, "--usd-per-kwh", "0.05");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .startsWith("machines at $0.0500/kWh, PUE 1, pool fee 0%; hashprice ")
                .doesNotContain("fleet:")
                .doesNotContain("longest spell");
        assertThat(result.out().lines().filter(l -> l.startsWith("  Antminer ")))
                .hasSize(5);
    }

    @Test
    void anImpossibleFigureOrARuleOfAnotherKindIsAUsageErrorSaidOfTheOptionGiven() {
        Cli.Result pue = Cli.minerwatch(
                "breakeven", "--csv", HISTORY, "--joules-per-th", "30", "--usd-per-kwh", "0.06", "--pue", "0.5");
        Cli.Result threshold = Cli.minerwatch("breakeven", "--csv", HISTORY, "--rule", "hashprice_below_floor");
        Cli.Result unknown = Cli.minerwatch("breakeven", "--csv", HISTORY, "--rule", "fleet_nope");
        Cli.Result both = Cli.minerwatch(s19jPro("--csv", HISTORY, "--rule", "fleet_nope"));
        Cli.Result noPrice = Cli.minerwatch("breakeven", "--csv", HISTORY, "--joules-per-th", "30");

        assertThat(pue.exitCode()).isEqualTo(1);
        assertThat(pue.err()).contains("--pue 0.5 must be between 1 and 3");
        assertThat(threshold.exitCode()).isEqualTo(1);
        assertThat(threshold.err()).contains("rule hashprice_below_floor is a threshold rule, not a breakeven rule");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no rule 'fleet_nope' in the configured rules");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(noPrice.exitCode()).isEqualTo(1);
        assertThat(noPrice.err()).contains("--usd-per-kwh");
    }

    @Test
    void aStoreWithoutAHashpriceIsADataErrorThatSaysWhatIsMissing() {
        Cli.Result result =
                Cli.minerwatch(s19jPro("--data-dir", dir.resolve("empty").toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no hashprice_usd_ph_day, and no difficulty with btc_usd to derive it from");
    }
}
