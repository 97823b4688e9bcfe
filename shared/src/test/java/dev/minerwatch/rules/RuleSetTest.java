package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.json.Json;
import dev.minerwatch.series.SeriesId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default rule file is the table of docs/rules.md; overrides change it without code. */
class RuleSetTest {

    private static Rule rule(RuleSet set, String id) {
        return set.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultsAreTheRulesOfTheProductTableWithTheirDefaultsAndSeverities() {
        RuleSet defaults = RuleSet.defaults();

        assertThat(rule(defaults, "price_below_production_cost"))
                .isEqualTo(new ThresholdRule(
                        rule(defaults, "price_below_production_cost").info(),
                        SeriesId.BTC_USD,
                        Timing.LATEST,
                        Condition.BELOW,
                        ThresholdRule.Level.of(SeriesId.PRODUCTION_COST_USD),
                        null,
                        1.03,
                        false));
        assertThat(rule(defaults, "price_below_production_cost").info().severity())
                .isEqualTo(Severity.CRITICAL);
        assertThat(rule(defaults, "etf_daily_outflow")).isInstanceOfSatisfying(ThresholdRule.class, r -> {
            assertThat(r.threshold()).isEqualTo(ThresholdRule.Level.fixed(-500e6));
            assertThat(r.condition()).isEqualTo(Condition.AT_OR_BELOW);
            assertThat(r.eachDay()).isTrue();
            assertThat(r.timing()).isEqualTo(Timing.CLOSED_DAYS);
        });
        assertThat(rule(defaults, "etf_outflow_streak"))
                .isEqualTo(new StreakRule(
                        rule(defaults, "etf_outflow_streak").info(), SeriesId.ETF_NET_FLOW_USD, Condition.BELOW, 0, 4));
        assertThat(rule(defaults, "etf_rolling_outflow"))
                .isEqualTo(new RollingSumRule(
                        rule(defaults, "etf_rolling_outflow").info(),
                        SeriesId.ETF_NET_FLOW_USD,
                        5,
                        Condition.AT_OR_BELOW,
                        -1e9,
                        -1e9));
        assertThat(rule(defaults, "hash_ribbon_capitulation"))
                .isEqualTo(new MovingAverageCrossRule(
                        rule(defaults, "hash_ribbon_capitulation").info(),
                        SeriesId.HASHRATE_EHS,
                        30,
                        60,
                        3,
                        Condition.BELOW));
        assertThat(rule(defaults, "hashrate_drawdown"))
                .isEqualTo(new DrawdownRule(
                        rule(defaults, "hashrate_drawdown").info(),
                        SeriesId.HASHRATE_EHS,
                        Timing.CLOSED_DAYS,
                        7,
                        180,
                        null,
                        0.15,
                        0.10));
        assertThat(rule(defaults, "hashprice_below_floor"))
                .isEqualTo(new ThresholdRule(
                        rule(defaults, "hashprice_below_floor").info(),
                        SeriesId.HASHPRICE_USD_PH_DAY,
                        Timing.LATEST,
                        Condition.BELOW,
                        ThresholdRule.Level.fixed(40),
                        42.0,
                        1.0,
                        false));
        assertThat(rule(defaults, "price_drawdown_from_ath"))
                .isEqualTo(new DrawdownRule(
                        rule(defaults, "price_drawdown_from_ath").info(),
                        SeriesId.BTC_USD,
                        Timing.LATEST,
                        1,
                        0,
                        SeriesId.BTC_ATH_USD,
                        0.40,
                        0.30));
        assertThat(defaults.rules())
                .filteredOn(r -> r.id().equals("data_stale"))
                // Every observed series; mempool's estimate of the next retarget is a live estimate, not watched.
                .hasSize(SeriesId.values().length - 1)
                .allSatisfy(r -> assertThat(r.info().severity()).isEqualTo(Severity.WARNING));
        assertThat(defaults.rules())
                .extracting(r -> r.info().severity())
                .filteredOn(s -> s == Severity.INFO)
                .hasSize(2);
        assertThat(defaults.version()).isEqualTo("2026-11-24.1");
    }

    @Test
    void anOverrideWithoutAVersionIsNamedByItsFilesNameNeverItsPath() {
        String override = """
                {"rules": [{"id": "etf_daily_outflow", "threshold": -750000000}]}""";

        assertThat(RuleSet.withOverrides(override, "/home/alice/minerwatch/fleet.json")
                        .version())
                .isEqualTo("2026-11-24.1+fleet.json");
        assertThat(RuleSet.withOverrides(override, "C:\\Users\\alice\\fleet.json")
                        .version())
                .isEqualTo("2026-11-24.1+fleet.json");
    }

    @Test
    void anOverrideChangesAThresholdDisablesARuleAndAddsARuleOfAnExistingKind() {
        RuleSet set = RuleSet.withOverrides("""
                {"version": "ops-1", "rules": [
                  {"id": "etf_daily_outflow", "threshold": -750000000},
                  {"id": "hashprice_below_floor", "enabled": false},
                  {"id": "data_stale", "max_age": {"btc_usd": "PT2H"}},
                  {"id": "eth_below_2000", "kind": "threshold", "title": "ETH under $2,000", "severity": "info",
                   "series": "eth_usd", "condition": "below", "threshold": 2000, "rearm": 2100,
                   "meaning": "ETH fell under $2,000."}
                ]}""", "test");

        assertThat(set.version()).isEqualTo("2026-11-24.1+ops-1");
        assertThat(((ThresholdRule) rule(set, "etf_daily_outflow")).threshold().fixed())
                .isEqualTo(-750e6);
        assertThat(set.rules()).noneMatch(r -> r.id().equals("hashprice_below_floor"));
        assertThat(set.rules())
                .filteredOn(r -> r.stateKey().equals("data_stale/btc_usd"))
                .singleElement()
                .extracting(r -> ((StalenessRule) r).maxAge())
                .isEqualTo(Duration.ofHours(2));
        assertThat(set.rules())
                .filteredOn(r -> r.stateKey().equals("data_stale/eth_usd"))
                .singleElement()
                .extracting(r -> ((StalenessRule) r).maxAge())
                .isEqualTo(Duration.ofHours(1));
        assertThat(rule(set, "eth_below_2000").series()).isEqualTo(SeriesId.ETH_USD);
    }

    @Test
    void configurationComesFromAFileOrInlineAndAFixedCostReplacesTheCostSeries(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, "{\"rules\": [{\"id\": \"etf_outflow_streak\", \"sessions\": 5}]}");

        RuleSet fromFile = Minerwatch.rulesOf(
                Settings.of(Map.of(Settings.RULES_FILE, file.toString(), Settings.PRODUCTION_COST_USD, "87000")));

        assertThat(((StreakRule) rule(fromFile, "etf_outflow_streak")).sessions())
                .isEqualTo(5);
        assertThat(((ThresholdRule) rule(fromFile, "price_below_production_cost")).threshold())
                .isEqualTo(ThresholdRule.Level.fixed(87_000));
        assertThat(fromFile.version()).endsWith("+PRODUCTION_COST_USD=87000");
        assertThat(Minerwatch.rulesOf(
                                Settings.of(
                                        Map.of(
                                                Settings.RULES,
                                                "{\"rules\": [{\"id\": \"hashprice_below_floor\", \"threshold\": 35, \"rearm\": 37}]}")))
                        .rules())
                .filteredOn(r -> r.id().equals("hashprice_below_floor"))
                .singleElement()
                .extracting(r -> ((ThresholdRule) r).threshold().fixed())
                .isEqualTo(35.0);
    }

    @Test
    void aDefectiveRuleIsRejectedNamingTheRuleTheFieldAndTheValue() {
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_outflow_streak\", \"sesions\": 5}]}", "test"))
                .hasMessageContaining("rule etf_outflow_streak, field sesions: is not a field of kind streak");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"severity\": \"loud\"}]}", "test"))
                .hasMessageContaining("rule etf_daily_outflow, field severity: 'loud' is unknown");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"series\": \"etf\"}]}", "test"))
                .hasMessageContaining("rule etf_daily_outflow, field series: unknown series 'etf'");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"threshold\": \"a lot\"}]}", "test"))
                .hasMessageContaining("rule etf_daily_outflow, field threshold: '\"a lot\"' is not a number");
        assertThatThrownBy(() ->
                        RuleSet.withOverrides("{\"rules\": [{\"id\": \"new_rule\", \"kind\": \"magic\"}]}", "test"))
                .hasMessageContaining("rule new_rule, field kind: 'magic' is unknown");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"data_stale\", \"max_age\": {\"btc_usd\": \"1h\"}}]}", "test"))
                .hasMessageContaining("field max_age.btc_usd: '1h' is not an ISO-8601 duration");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_rolling_outflow\", \"rearm\": -2000000000}]}", "test"))
                .hasMessage("rule etf_rolling_outflow: re-arm level -2.0E9 is on the firing side of -1.0E9");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"data_stale\", \"max_age\": {\"btc_usd\": \"PT0S\"}}]}", "test"))
                .hasMessage("rule data_stale btc_usd: maximum age PT0S must be positive");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"evaluate\": \"never\"}]}", "test"))
                .hasMessage("rule etf_daily_outflow: evaluate 'never' is unknown; use latest, closed_days");
        assertThatThrownBy(() -> RuleSet.withOverrides("{rules: ", "MINERWATCH_RULES"))
                .hasMessageContaining("rules override MINERWATCH_RULES is not valid JSON");
        assertThatThrownBy(() -> RuleSet.defaults().only(java.util.List.of("no_such_rule")))
                .hasMessageContaining("no rule 'no_such_rule'");
    }

    @Test
    void aRollingSumReArmsAtItsOwnLevelOrElseAtItsThreshold() {
        RuleSet set = RuleSet.withOverrides("""
                {"rules": [
                  {"id": "etf_rolling_outflow", "rearm": -500000000},
                  {"id": "etf_rolling_inflow", "kind": "rolling_sum", "title": "Inflows", "severity": "info",
                   "series": "etf_net_flow_usd", "sessions": 3, "condition": "above", "threshold": 1000000000,
                   "meaning": "Money comes in."}
                ]}""", "test");

        assertThat(((RollingSumRule) rule(set, "etf_rolling_outflow")).rearm()).isEqualTo(-5e8);
        assertThat(((RollingSumRule) rule(set, "etf_rolling_inflow")).rearm()).isEqualTo(1e9);
    }

    @Test
    void aFieldOfTheWrongShapeIsRejectedNamingIt() {
        assertThat(RuleSet.withOverrides(
                                "{\"rules\": [{\"id\": \"data_stale\", \"max_sessions_behind\":"
                                        + " {\"etf_net_flow_usd\": 1}}]}",
                                "test")
                        .rules())
                .filteredOn(r -> r.stateKey().equals("data_stale/etf_net_flow_usd"))
                .singleElement()
                .extracting(r -> ((StalenessRule) r).maxSessionsBehind())
                .isEqualTo(1);
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"data_stale\", \"max_sessions_behind\":"
                                + " {\"etf_net_flow_usd\": 0}}]}",
                        "test"))
                .hasMessageContaining("field max_sessions_behind.etf_net_flow_usd: '0' is not a positive whole number");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"title\": \" \"}]}", "test"))
                .hasMessageContaining("rule etf_daily_outflow, field title: '\" \"' is not a non-empty string");
        assertThatThrownBy(() ->
                        RuleSet.withOverrides("{\"rules\": [{\"id\": \"etf_daily_outflow\", \"title\": 5}]}", "test"))
                .hasMessageContaining("rule etf_daily_outflow, field title: '5' is not a non-empty string");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_outflow_streak\", \"sessions\": 4.5}]}", "test"))
                .hasMessage("rule etf_outflow_streak, field sessions: '4.5' is not a whole number");
    }

    @Test
    void everyOtherDefectOfARuleFileIsRefusedNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> Minerwatch.rulesOf(
                        Settings.of(Map.of(Settings.RULES_FILE, "rules.json", Settings.RULES, "{}"))))
                .hasMessageStartingWith("set MINERWATCH_RULES_FILE or MINERWATCH_RULES, not both; ");
        assertThatThrownBy(() -> Minerwatch.rulesOf(Settings.of(
                        Map.of(Settings.RULES_FILE, dir.resolve("missing.json").toString()))))
                .hasMessageStartingWith("MINERWATCH_RULES_FILE: cannot read ");
        assertThatThrownBy(() -> RuleSet.withOverrides("[]", "ops.json"))
                .hasMessage("rules override ops.json must be an object with a \"rules\" array");
        assertThatThrownBy(() -> RuleSet.withOverrides("{\"rules\": [{\"threshold\": 1}]}", "ops.json"))
                .hasMessage("rules override ops.json: every entry needs an \"id\"");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"severity\": \"critical\"},"
                                + " {\"id\": \"etf_daily_outflow\", \"severity\": \"info\"}]}",
                        "ops.json"))
                .hasMessage(
                        "rules override ops.json: rule id 'etf_daily_outflow' appears twice; merge the two entries");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_daily_outflow\", \"title\": \"Outflow\\n@everyone\"}]}", "t"))
                .hasMessageContaining(
                        "rule etf_daily_outflow, field title: '\"Outflow\\n@everyone\"' holds a line break");
        var unversioned = RuleSet.defaultDocument();
        unversioned.remove("version");
        assertThatThrownBy(() -> RuleSet.parse(unversioned)).hasMessage("rule file: \"version\" is missing");
        var twice = RuleSet.defaultDocument();
        @SuppressWarnings("unchecked")
        List<Object> rules = (List<Object>) twice.get("rules");
        rules.add(Json.copy(rules.get(0)));
        assertThatThrownBy(() -> RuleSet.parse(twice))
                .hasMessage("rule file: rule id 'price_below_production_cost' appears twice");
        assertThatThrownBy(() ->
                        RuleSet.withOverrides("{\"rules\": [{\"id\": \"etf_daily_outflow\", \"rearm\": 1}]}", "t"))
                .hasMessage(
                        "rule etf_daily_outflow, field rearm: an each_day rule fires once per day and never re-arms");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"quiet\", \"kind\": \"staleness\","
                                + " \"title\": \"Quiet\", \"severity\": \"info\", \"meaning\": \"Nothing.\"}]}",
                        "t"))
                .hasMessage("rule quiet, field max_age: a staleness rule needs max_age or max_sessions_behind for at"
                        + " least one series");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"etf_outflow_streak\", \"condition\": \"under\"}]}", "t"))
                .hasMessage(
                        "rule etf_outflow_streak, field condition: condition 'under' is unknown; use below, at_or_below,"
                                + " above, at_or_above");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        "{\"rules\": [{\"id\": \"ETH\", \"kind\": \"threshold\","
                                + " \"title\": \"ETH\", \"severity\": \"info\", \"meaning\": \"m\", \"series\": \"eth_usd\","
                                + " \"condition\": \"below\", \"threshold\": 1}]}",
                        "t"))
                .hasMessage("rule ETH: rule id 'ETH' must be lower-case letters, digits and _");
    }

    @Test
    void aBreakEvenRuleReadsItsFleetWithDefaultsForThePueThePoolFeeAndTheOverheads() {
        RuleSet set = RuleSet.withOverrides("""
                {"version": "fleets", "rules": [
                  {"id": "fleet_s19xp", "kind": "breakeven", "title": "S19 XP fleet under water", "severity": "warning",
                   "joules_per_th": 21.5, "usd_per_kwh": 0.055, "pue": 1.1, "pool_fee_pct": 2,
                   "other_usd_per_ph_day": 0.5, "rearm_margin_usd_ph_day": 1.0, "meaning": "The S19 XPs lose money."},
                  {"id": "fleet_s21", "kind": "breakeven", "title": "S21 fleet under water", "severity": "info",
                   "evaluate": "closed_days", "joules_per_th": 17.5, "usd_per_kwh": 0.07, "meaning": "..."}
                ]}""", "test");

        BreakevenRule s19xp = (BreakevenRule) rule(set, "fleet_s19xp");
        assertThat(s19xp.fleet()).isEqualTo(new FleetEconomics(21.5, 0.055, 1.1, 2, 0.5));
        assertThat(s19xp.rearmMargin()).isEqualTo(1.0);
        assertThat(s19xp.timing()).isEqualTo(Timing.LATEST);
        BreakevenRule s21 = (BreakevenRule) rule(set, "fleet_s21");
        assertThat(s21.fleet()).isEqualTo(new FleetEconomics(17.5, 0.07, 1.0, 0, 0));
        assertThat(s21.rearmMarginUsdPhDay()).isNull();
        assertThat(s21.timing()).isEqualTo(Timing.CLOSED_DAYS);
        assertThat(s19xp.publicFleet())
                .as("a fleet is not public unless its rule says so")
                .isFalse();
    }

    @Test
    void aFleetIsPublicOnlyWhenItsRuleSaysSoAndTheDocumentKeepsTheFlag() {
        RuleSet set = RuleSet.withOverrides("""
                {"version": "fleets", "rules": [
                  {"id": "fleet_shown", "kind": "breakeven", "title": "t", "severity": "info", "meaning": "m",
                   "joules_per_th": 21.5, "usd_per_kwh": 0.055, "public": true},
                  {"id": "fleet_kept", "kind": "breakeven", "title": "t", "severity": "info", "meaning": "m",
                   "joules_per_th": 21.5, "usd_per_kwh": 0.055, "public": false}
                ]}""", "test");

        assertThat(rule(set, "fleet_shown").publicFleet()).isTrue();
        assertThat(rule(set, "fleet_kept").publicFleet()).isFalse();
        assertThat(rule(set, "price_below_production_cost").publicFleet())
                .as("no other kind of rule has a fleet to show")
                .isFalse();
        assertThat(Json.write(set.document()))
                .as("rules --json")
                .contains("\"public\":true")
                .contains("\"public\":false");
        assertThatThrownBy(() -> RuleSet.withOverrides("""
                        {"version": "v", "rules": [{"id": "fleet", "kind": "breakeven", "title": "t", "severity": "info",
                         "meaning": "m", "joules_per_th": 21.5, "usd_per_kwh": 0.05, "public": "yes"}]}""", "t"))
                .hasMessage("rule fleet, field public: '\"yes\"' is not true or false");
    }

    @Test
    void aDefectiveBreakEvenRuleIsRejectedNamingTheRuleTheFieldAndTheValue() {
        String fleet = """
                {"version": "v", "rules": [{"id": "fleet", "kind": "breakeven", "title": "t", "severity": "info",
                 "meaning": "m", %s}]}""";
        assertThatThrownBy(() -> RuleSet.withOverrides(fleet.formatted("\"usd_per_kwh\": 0.05"), "t"))
                .hasMessage("rule fleet, field joules_per_th: is missing");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        fleet.formatted("\"joules_per_th\": \"21.5\", \"usd_per_kwh\": 0.05"), "t"))
                .hasMessage("rule fleet, field joules_per_th: '\"21.5\"' is not a number");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        fleet.formatted("\"joules_per_th\": 21.5, \"usd_per_kwh\": 0.05, \"pue\": 0.8"), "t"))
                .hasMessage("rule fleet: pue 0.8 must be between 1 and 3");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        fleet.formatted("\"joules_per_th\": 21.5, \"usd_per_kwh\": 0.05, \"threshold\": 1"), "t"))
                .hasMessageContaining("rule fleet, field threshold: is not a field of kind breakeven");
        assertThatThrownBy(() -> RuleSet.withOverrides(
                        fleet.formatted(
                                "\"joules_per_th\": 21.5, \"usd_per_kwh\": 0.05, \"rearm_margin_usd_ph_day\": -2"),
                        "t"))
                .hasMessage("rule fleet: rearm_margin_usd_ph_day -2.0 must be a number of at least 0");
    }
}
