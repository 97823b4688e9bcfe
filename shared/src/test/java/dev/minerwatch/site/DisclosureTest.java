package dev.minerwatch.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.alerts.digest.DigestTexts;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A fleet that is not public shows none of its figures on the site: not in its events, not in the digest. */
class DisclosureTest {

    private static final LocalDate DAY = LocalDate.of(2026, 2, 5);
    private static final Instant NOW = Instant.parse("2026-02-05T07:00:00Z");

    private static final RuleSet FLEETS = RuleSet.withOverrides("""
            {"version": "fleets", "rules": [
              {"id": "fleet_public", "kind": "breakeven", "title": "t", "severity": "info", "meaning": "m",
               "joules_per_th": 30, "usd_per_kwh": 0.0613, "public": true},
              {"id": "fleet_private", "kind": "breakeven", "title": "t", "severity": "info", "meaning": "m",
               "joules_per_th": 30, "usd_per_kwh": 0.0737}
            ]}""", "test");

    private static HistoryEntry entry(AlertEvent event) {
        return new HistoryEntry(event, HistoryEntry.SENT, "m", NOW, null, null);
    }

    private static AlertEvent fleetEvent(String rule) {
        return AlertEvents.of(rule)
                .series(SeriesId.HASHPRICE_USD_PH_DAY)
                .unit(Rule.FLEET_MARGIN_UNIT)
                .value(-13.15)
                .threshold(0)
                .rearmLevel(0.88)
                .thresholdBasis("fleet of rule " + rule + ": 30 J/TH, $0.0737/kWh")
                .detail("margin -$13.15 ...; 30 J/TH, $0.0737/kWh")
                .build();
    }

    @Test
    void aFleetEventThatIsNotPublicKeepsWhatHappenedAndLosesItsFigures() {
        List<HistoryEntry> shown =
                Disclosure.of(List.of(entry(fleetEvent("fleet_private")), entry(fleetEvent("fleet_gone"))), FLEETS);

        assertThat(shown).hasSize(2).allSatisfy(entry -> {
            AlertEvent event = entry.event();
            assertThat(event.figures().value()).isNaN();
            assertThat(event.figures().threshold()).isNaN();
            assertThat(event.figures().rearmLevel()).isNaN();
            assertThat(event.explanation().detail()).isEqualTo(Disclosure.WITHHELD);
            assertThat(event.explanation().thresholdBasis()).isEqualTo(Disclosure.WITHHELD);
            assertThat(event.kind()).isEqualTo(EventKind.FIRED);
            assertThat(event.figures().day()).isEqualTo(AlertEvents.DAY);
            assertThat(entry.status()).isEqualTo(HistoryEntry.SENT);
        });
        assertThat(shown.get(0).event().key())
                .isEqualTo(fleetEvent("fleet_private").key());
    }

    @Test
    void aPublicFleetsEventsAndEveryOtherRulesAreShownAsTheyAre() {
        HistoryEntry shownFleet = entry(fleetEvent("fleet_public"));
        HistoryEntry price = entry(AlertEvents.of("price_below_production_cost").build());

        assertThat(Disclosure.of(List.of(shownFleet, price), FLEETS)).containsExactly(shownFleet, price);
    }

    @Test
    void theDigestListsOnlyThePublicFleets() {
        History history = History.window(List.of(new DailyPoint(
                SeriesId.HASHPRICE_USD_PH_DAY, DAY, 30.99, null, List.of("test"), NOW, false, Map.of())));
        String text = DigestTexts.of(DAY, NOW, history, FLEETS);
        assertThat(text)
                .as("the digest itself, by email")
                .contains("$0.0737/kWh")
                .contains("$0.0613/kWh");
        AlertEvent digest =
                AlertEvents.of("digest").kind(EventKind.DIGEST).detail(text).build();

        String shown = Disclosure.of(List.of(entry(digest)), FLEETS)
                .get(0)
                .event()
                .explanation()
                .detail();

        assertThat(shown)
                .doesNotContain("0.0737")
                .doesNotContain("fleet_private: margin")
                .contains("  fleet_private: not evaluated yet") // its state, as rules.json has it
                .contains("  fleet_public: margin -$")
                .contains("$0.0613/kWh")
                .contains("Rules (")
                .doesNotContain("\n\n\n");
        String none = Disclosure.digest(text, Set.of());
        assertThat(none).doesNotContain("Fleets (").doesNotContain("0.0737").doesNotContain("\n\n\n");
        assertThat(none)
                .as("the block and the blank line before it go")
                .contains("ETF net flow: no session in the last 10 days\n\nRules (0 active):");
    }

    @Test
    void aDigestWithoutFleetsIsShownAsItIs() {
        assertThat(Disclosure.digest("BTC $69,280\n\nRules (0 active):\n  price: quiet", Set.of()))
                .isEqualTo("BTC $69,280\n\nRules (0 active):\n  price: quiet");
        assertThat(Disclosure.digest(null, Set.of())).isNull();
        assertThat(Disclosure.digest("x\n\nFleets (m):\n  fleet_public: margin", Set.of("fleet_public")))
                .as("a fleets' block that ends the text")
                .endsWith("\n  fleet_public: margin");
    }
}
