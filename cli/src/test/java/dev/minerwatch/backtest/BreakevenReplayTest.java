package dev.minerwatch.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.minerwatch.collect.DerivedHistory;
import dev.minerwatch.csv.DailyPointsCsv;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.history.History;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A break-even rule replayed over the published history (events/history/daily-2020-2026.csv), its hashprice derived
 * from difficulty and price as {@code replay --csv} derives it. The expected events come from
 * docs/checks/breakeven_replay.py, which computes the margin from the file without minerwatch's code.
 */
class BreakevenReplayTest {

    private static final String FLEET = """
            {"version": "fleet", "rules": [
              {"id": "fleet_s19j_pro", "kind": "breakeven", "title": "S19j Pro fleet under water",
               "severity": "warning", "joules_per_th": 30, "usd_per_kwh": 0.06, "pue": 1.1, "pool_fee_pct": 2,
               "rearm_margin_usd_ph_day": %s, "meaning": "The fleet mines at a loss."}]}""";

    private static History history;

    @BeforeAll
    static void readHistory() throws Exception {
        Path file = RepositoryLayout.root().resolve("events/history/daily-2020-2026.csv");
        DailyPointsCsv.Contents contents;
        try (Reader in = Files.newBufferedReader(file)) {
            contents = DailyPointsCsv.read(in, file.getFileName().toString());
        }
        history = History.complete(DerivedHistory.complete(
                contents.points(), contents.supplyBtc(), ProductionCostModel.DifficultyRegression.DEFAULT));
    }

    private static List<AlertEvent> replay(String rearmMargin) {
        RuleSet rules =
                RuleSet.withOverrides(FLEET.formatted(rearmMargin), "test").only(List.of("fleet_s19j_pro"));
        return new RuleEngine(rules).replay(history).events();
    }

    @Test
    void theFleetIsUnderWaterExactlyWhenTheDerivedHashpriceSaysSoWithTheConfiguredHysteresis() {
        List<AlertEvent> events = replay("1.0");

        assertThat(events)
                .extracting(e -> e.kind() + " " + e.day())
                .containsExactly(
                        "FIRED 2024-04-20",
                        "RESOLVED 2024-05-15",
                        "FIRED 2024-06-21",
                        "RESOLVED 2024-07-15",
                        "FIRED 2024-07-31",
                        "RESOLVED 2024-11-10",
                        "FIRED 2025-02-26",
                        "RESOLVED 2025-03-02",
                        "FIRED 2025-03-09");
        assertThat(events)
                .extracting(event -> event.figures().value())
                .satisfiesExactly(
                        v -> assertThat(v).isCloseTo(-1.1700, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(1.5795, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(-0.3283, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(2.7529, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(-2.0166, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(1.2545, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(-0.5232, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(4.9937, offset(0.0001)),
                        v -> assertThat(v).isCloseTo(-2.8194, offset(0.0001)));
        // The 2024 halving day halves the subsidy: the first day the fleet is under water.
        assertThat(events.get(0).explanation().detail())
                .startsWith("margin -$1.17 per PH/s per day on 2024-04-20 at a hashprice of $47.30 per PH/s per day")
                .contains("break-even hashprice $48.49");
    }

    @Test
    void withoutAReArmMarginTheSameHistoryFlapsIntoFourMoreEvents() {
        // docs/checks/breakeven_replay.py with REARM = 0 gives 13 events.
        assertThat(replay("0")).hasSize(13);
    }
}
