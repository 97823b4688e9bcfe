package dev.minerwatch.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.SeriesHistory.Span;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pages as markup: what a rule file or a provider writes is text, never markup; a fleet's figures stay its own. */
class PagesTest {

    private static final Instant AT = Instant.parse("2026-02-05T15:00:00Z");
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private static final RuleSet RULES = RuleSet.parse(Json.asObject(Map.of(
            "version",
            "test",
            "rules",
            List.of(
                    Map.of(
                            "id", "price_low",
                            "kind", "threshold",
                            "title", "Price low " + HOSTILE,
                            "severity", "critical",
                            "series", "btc_usd",
                            "condition", "below",
                            "threshold", 80_000,
                            "meaning", "The price is low."),
                    Map.of(
                            "id", "fleet_own",
                            "kind", "breakeven",
                            "title", "Own fleet under water",
                            "severity", "warning",
                            "joules_per_th", 21.5,
                            "usd_per_kwh", 0.0613,
                            "pue", 1.1,
                            "pool_fee_pct", 2,
                            "meaning", "Power at $0.0613/kWh")))));

    private static Map<String, String> pages(List<HistoryEntry> history) {
        return pages(history, Backtest.NONE);
    }

    private static Map<String, String> pages(List<HistoryEntry> history, Backtest backtest) {
        List<Overview.RuleStatus> statuses = RULES.rules().stream()
                .map(rule -> new Overview.RuleStatus(rule, Optional.empty(), Optional.empty()))
                .toList();
        Overview overview = new Overview(
                AT,
                Arrays.stream(SeriesId.values())
                        .map(id -> new Overview.SeriesFreshness(id, Optional.empty(), Optional.empty()))
                        .toList(),
                statuses,
                List.of(),
                0,
                0,
                List.of(),
                List.of(),
                Map.of());
        return new Pages(
                        overview,
                        history,
                        RULES,
                        Map.of(),
                        Retarget.unavailable("not asked " + HOSTILE),
                        Map.of(),
                        backtest)
                .all();
    }

    private static HistoryEntry sent(AlertEvent event) {
        return new HistoryEntry(event, HistoryEntry.SENT, "m-1", AT, null, null);
    }

    @Test
    void whatARuleFileOrAProviderWritesIsEscapedOnEveryPage() {
        AlertEvent event = AlertEvents.of("price_low")
                .title("Price low " + HOSTILE)
                .detail("detail " + HOSTILE)
                .thresholdBasis("basis " + HOSTILE)
                .sources("coingecko" + HOSTILE)
                .build();

        Map<String, String> pages = pages(List.of(sent(event)));

        assertThat(pages)
                .containsKeys("index.html", "alerts.html", "rules.html", Site.eventPage(event.key()))
                .allSatisfy((path, html) -> assertThat(html)
                        .as(path)
                        .doesNotContain(HOSTILE)
                        .doesNotContain("<script>")
                        .doesNotContain(" style="));
        assertThat(pages.get(Site.eventPage(event.key())))
                .contains("detail &lt;img src=x onerror=alert(1)&gt;")
                .contains("basis &lt;img");
        assertThat(pages.get("index.html")).contains("not asked &lt;img");
    }

    @Test
    void aFleetsPowerPriceAndMarginAppearOnNoPage() {
        Rule fleet = RULES.rules().get(1);
        AlertEvent event = AlertEvents.of("fleet_own")
                .title(fleet.title())
                .kind(EventKind.FIRED)
                .series(SeriesId.HASHPRICE_USD_PH_DAY)
                .value(-1.2345)
                .threshold(0)
                .unit(Rule.FLEET_MARGIN_UNIT)
                .detail("margin -$1.2345 at $0.0613/kWh")
                .thresholdBasis("power at $0.0613/kWh, 21.5 J/TH")
                .build();

        Map<String, String> pages = pages(List.of(sent(event)));

        assertThat(pages)
                .allSatisfy((path, html) -> assertThat(html)
                        .as(path)
                        .doesNotContain("0.0613")
                        .doesNotContain("1.23")
                        .doesNotContain("21.5"));
        assertThat(pages.get("rules.html")).contains("Own fleet under water").contains("not public");
        assertThat(pages.get(Site.eventPage(event.key())))
                .contains("Own fleet under water: fired")
                .contains("not public");
    }

    @Test
    void everyEventHasItsPageAndEveryPageLinksBackToTheSitesRootFromWhereItIs() {
        AlertEvent fired = AlertEvents.of("price_low").version(1).build();
        AlertEvent resolved =
                AlertEvents.of("price_low").version(2).kind(EventKind.RESOLVED).build();

        Map<String, String> pages = pages(List.of(sent(resolved), sent(fired)));

        assertThat(pages.keySet()).contains("events/2026-02-05.price_low.1.html", "events/2026-02-05.price_low.2.html");
        assertThat(pages.get("events/2026-02-05.price_low.1.html"))
                .contains("href=\"../assets/site.css\"")
                .contains("href=\"../alerts.html\"")
                .contains("href=\"../rules.html#price_low\"");
        assertThat(pages.get("alerts.html"))
                .contains("href=\"events/2026-02-05.price_low.2.html\"")
                .containsSubsequence("price_low.2.html", "price_low.1.html");
        assertThat(Set.copyOf(pages.keySet())).hasSize(5);
    }

    @Test
    void theRulesPageSetsTheBacktestBesideWhatWasNotifiedYearByYearButNotAFleets() {
        Backtest backtest = new Backtest(
                Optional.of(new Span(LocalDate.parse("2020-04-11"), LocalDate.parse("2026-02-06"))),
                Map.of(
                        "price_low",
                        List.of(
                                LocalDate.parse("2020-05-01"),
                                LocalDate.parse("2022-06-13"),
                                LocalDate.parse("2022-11-09")),
                        "fleet_own",
                        List.of(LocalDate.parse("2022-11-21"))));
        AlertEvent notified = AlertEvents.of("price_low").build(); // 2026-02-05

        String rules = pages(List.of(sent(notified)), backtest).get("rules.html");

        String price = rules.substring(rules.indexOf("id=\"price_low\""), rules.indexOf("id=\"fleet_own\""));
        assertThat(price)
                .contains("backtest over 2020-04-11 to 2026-02-06")
                .contains("<th scope=\"row\">2020</th><td class=\"num\">1</td><td class=\"num\">0</td>")
                .contains("<th scope=\"row\">2022</th><td class=\"num\">2</td><td class=\"num\">0</td>")
                .contains("<th scope=\"row\">2026</th><td class=\"num\">0</td><td class=\"num\">1</td>")
                .contains("Last fired in the backtest: 2022-11-09, 2022-06-13, 2020-05-01.")
                .contains("Last notified: <a href=\"events/2026-02-05.price_low.1.html\">2026-02-05</a>");
        assertThat(rules.substring(rules.indexOf("id=\"fleet_own\"")))
                .doesNotContain("2022-11-21")
                .contains("Never fired.");
    }

    @Test
    void aChartShadesTheDaysItsRuleStateHeldInTheOrderOfTheStatesVersionsNotOfTheirKeys() {
        // Newest first, as the ledger lists them; on one day a version 10 sorts before a version 9 as text.
        AlertEvent fired =
                AlertEvents.of("price_low").version(9).day("2026-02-03").build();
        AlertEvent resolved = AlertEvents.of("price_low")
                .version(10)
                .day("2026-02-03")
                .kind(EventKind.RESOLVED)
                .build();
        AlertEvent firedAgain = AlertEvents.of("price_low").version(11).build(); // 2026-02-05, still holding

        String page =
                pages(List.of(sent(firedAgain), sent(resolved), sent(fired))).get(Site.eventPage(fired.key()));

        assertThat(page).contains("data-spans=\"2026-02-03:2026-02-03 2026-02-05:\"");
    }
}
