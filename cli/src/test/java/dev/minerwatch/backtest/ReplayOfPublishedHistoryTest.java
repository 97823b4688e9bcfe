package dev.minerwatch.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.minerwatch.collect.DerivedHistory;
import dev.minerwatch.csv.DailyPointsCsv;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The default rules replayed over real published data (events/history/daily-2020-2026.csv: BTC price, hashrate
 * and difficulty 2020-04 to 2025-04, US spot ETF flows 2024-01 to 2026-08, holiday rows and the bogus 2024-01-01
 * row included). The expected events were computed independently from the same file (a plain script over the
 * NYSE session list), and the hash-ribbon episodes are checked against the episodes docs/domain.md lists. The derived
 * series are completed as {@code replay --csv} completes them.
 */
class ReplayOfPublishedHistoryTest {

    private static List<AlertEvent> events;
    private static RuleEngine.Replay replayed;

    @BeforeAll
    static void replay() throws Exception {
        Path file = RepositoryLayout.root().resolve("events/history/daily-2020-2026.csv");
        DailyPointsCsv.Contents contents;
        try (Reader in = Files.newBufferedReader(file)) {
            contents = DailyPointsCsv.read(in, file.getFileName().toString());
        }
        History history = History.complete(DerivedHistory.complete(
                contents.points(), contents.supplyBtc(), ProductionCostModel.DifficultyRegression.DEFAULT));
        replayed = new RuleEngine(RuleSet.defaults()).replay(history);
        events = replayed.events();
    }

    private static List<String> of(String rule) {
        return events.stream()
                .filter(e -> e.ruleId().equals(rule))
                .map(e -> e.kind() + " " + e.day())
                .toList();
    }

    @Test
    void everyEtfSessionWithAnOutflowOfHalfABillionOrMoreFiresOnceAndNothingElseDoes() {
        assertThat(of("etf_daily_outflow"))
                .containsExactly(
                        "FIRED 2024-05-01",
                        "FIRED 2024-11-04",
                        "FIRED 2024-12-19",
                        "FIRED 2025-01-08",
                        "FIRED 2025-02-24",
                        "FIRED 2025-02-25",
                        "FIRED 2025-02-26",
                        "FIRED 2025-05-30",
                        "FIRED 2025-08-01",
                        "FIRED 2025-08-19",
                        "FIRED 2025-10-16",
                        "FIRED 2025-11-04",
                        "FIRED 2025-11-07",
                        "FIRED 2025-11-13",
                        "FIRED 2025-11-20",
                        "FIRED 2026-01-21",
                        "FIRED 2026-01-29",
                        "FIRED 2026-01-30",
                        "FIRED 2026-02-04",
                        "FIRED 2026-05-13",
                        "FIRED 2026-05-18",
                        "FIRED 2026-05-27",
                        "FIRED 2026-06-02",
                        "FIRED 2026-06-25");
    }

    @Test
    void outflowStreaksCountTradingSessionsAcrossHolidaysAndTheSpecialClosureOf9January2025() {
        List<String> streak = of("etf_outflow_streak");
        assertThat(streak)
                .containsExactly(
                        "FIRED 2024-01-25",
                        "RESOLVED 2024-01-26",
                        "FIRED 2024-03-21",
                        "RESOLVED 2024-03-25",
                        "FIRED 2024-04-17",
                        "RESOLVED 2024-04-19",
                        "FIRED 2024-04-29",
                        "RESOLVED 2024-05-03",
                        "FIRED 2024-06-18",
                        "RESOLVED 2024-06-25",
                        "FIRED 2024-08-30",
                        "RESOLVED 2024-09-09",
                        "FIRED 2024-12-24",
                        "RESOLVED 2024-12-26",
                        "FIRED 2025-01-14",
                        "RESOLVED 2025-01-15",
                        "FIRED 2025-02-13",
                        "RESOLVED 2025-02-14",
                        "FIRED 2025-02-21",
                        "RESOLVED 2025-02-28",
                        "FIRED 2025-03-06",
                        "RESOLVED 2025-03-12",
                        "FIRED 2025-04-08",
                        "RESOLVED 2025-04-14",
                        "FIRED 2025-08-05",
                        "RESOLVED 2025-08-06",
                        "FIRED 2025-08-20",
                        "RESOLVED 2025-08-25",
                        "FIRED 2025-10-20",
                        "RESOLVED 2025-10-21",
                        "FIRED 2025-11-03",
                        "RESOLVED 2025-11-06",
                        "FIRED 2025-11-17",
                        "RESOLVED 2025-11-19",
                        "FIRED 2025-12-23",
                        "RESOLVED 2025-12-30",
                        "FIRED 2026-01-09",
                        "RESOLVED 2026-01-12",
                        "FIRED 2026-01-22",
                        "RESOLVED 2026-01-26",
                        "FIRED 2026-01-30",
                        "RESOLVED 2026-02-02",
                        "FIRED 2026-05-20",
                        "RESOLVED 2026-06-04",
                        "FIRED 2026-06-10",
                        "RESOLVED 2026-06-12",
                        "FIRED 2026-06-23",
                        "RESOLVED 2026-07-02",
                        "FIRED 2026-07-28",
                        "RESOLVED 2026-07-29");
        // 2025-01-08, (closed 01-09), 01-10, 01-13, 01-14: four sessions, the closure neither breaking nor counting.
        assertThat(events)
                .filteredOn(e -> e.key().startsWith("2025-01-14#etf_outflow_streak"))
                .singleElement()
                .satisfies(e -> assertThat(e.explanation().detail()).contains("2025-01-08 to 2025-01-14"));
        // The streak before 2 February 2026 was 4 sessions (27 to 30 January), not the 5 that was reported.
        assertThat(events)
                .filteredOn(e -> e.key().startsWith("2026-01-30#etf_outflow_streak"))
                .singleElement()
                .satisfies(e -> assertThat(e.explanation().detail()).contains("2026-01-27 to 2026-01-30"));
    }

    @Test
    void fiveSessionSumsOfMinusOneBillionOrLessFireAndResolveAboveIt() {
        assertThat(of("etf_rolling_outflow"))
                .containsExactly(
                        "FIRED 2024-05-01",
                        "RESOLVED 2024-05-02",
                        "FIRED 2024-12-24",
                        "RESOLVED 2024-12-27",
                        "FIRED 2025-01-14",
                        "RESOLVED 2025-01-15",
                        "FIRED 2025-02-24",
                        "RESOLVED 2025-03-05",
                        "FIRED 2025-03-10",
                        "RESOLVED 2025-03-14",
                        "FIRED 2025-08-04",
                        "RESOLVED 2025-08-07",
                        "FIRED 2025-08-21",
                        "RESOLVED 2025-08-25",
                        "FIRED 2025-10-17",
                        "RESOLVED 2025-10-20",
                        "FIRED 2025-11-03",
                        "RESOLVED 2025-11-06",
                        "FIRED 2025-11-07",
                        "RESOLVED 2025-11-11",
                        "FIRED 2025-11-13",
                        "RESOLVED 2025-11-25",
                        "FIRED 2026-01-12",
                        "RESOLVED 2026-01-13",
                        "FIRED 2026-01-22",
                        "RESOLVED 2026-01-27",
                        "FIRED 2026-01-29",
                        "RESOLVED 2026-02-02",
                        "FIRED 2026-02-03",
                        "RESOLVED 2026-02-06",
                        "FIRED 2026-05-13",
                        "RESOLVED 2026-05-14",
                        "FIRED 2026-05-18",
                        "RESOLVED 2026-05-26",
                        "FIRED 2026-05-27",
                        "RESOLVED 2026-06-09",
                        "FIRED 2026-06-25",
                        "RESOLVED 2026-07-02");
    }

    @Test
    void hashRibbonsConfirmTheKnownCapitulationsWithoutOneDayFlips() {
        List<String> ribbon = of("hash_ribbon_capitulation");
        assertThat(ribbon)
                .containsExactly(
                        "FIRED 2020-06-11",
                        "RESOLVED 2020-06-25",
                        "FIRED 2020-10-31",
                        "RESOLVED 2020-12-04",
                        "FIRED 2021-04-28",
                        "RESOLVED 2021-05-19",
                        "FIRED 2021-06-05",
                        "RESOLVED 2021-08-09",
                        "FIRED 2022-06-11",
                        "RESOLVED 2022-08-21",
                        "FIRED 2022-11-29",
                        "RESOLVED 2023-01-16",
                        "FIRED 2023-07-17",
                        "RESOLVED 2023-07-23",
                        "FIRED 2024-05-16",
                        "RESOLVED 2024-07-25",
                        "FIRED 2024-10-09",
                        "RESOLVED 2024-10-13",
                        "FIRED 2025-02-06",
                        "RESOLVED 2025-02-09",
                        "FIRED 2025-03-19",
                        "RESOLVED 2025-03-25");
        // docs/domain.md's episodes, each confirmed 3 days after the cross began and ended.
        String[][] known = {
            {"2021-06-03", "2021-08-07"},
            {"2022-06-09", "2022-08-19"},
            {"2022-11-27", "2023-01-14"},
            {"2024-05-14", "2024-07-23"}
        };
        for (String[] episode : known) {
            assertThat(ribbon)
                    .contains(
                            "FIRED " + LocalDate.parse(episode[0]).plusDays(2),
                            "RESOLVED " + LocalDate.parse(episode[1]).plusDays(2));
        }
        List<AlertEvent> episodes = events.stream()
                .filter(e -> e.ruleId().equals("hash_ribbon_capitulation"))
                .toList();
        for (int i = 0; i + 1 < episodes.size(); i += 2) {
            assertThat(ChronoUnit.DAYS.between(
                            episodes.get(i).day(), episodes.get(i + 1).day()))
                    .as("episode from %s", episodes.get(i).day())
                    .isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * The file has no fees, so each day's hashprice is the subsidy alone, a lower bound. Computed independently by a
     * plain script over the file:
     * <pre>
     * halvings = [2009-01-03, 2012-11-28, 2016-07-09, 2020-05-11, 2024-04-20]   # epoch e starts at height e * 210,000
     * height(d) = e * 210000 + days since halving e * (210000 // days of epoch e, or 144 a day after 2024-04-20)
     * subsidy   = (5_000_000_000 >> height // 210000) / 1e8
     * hashprice = 86400e15 * subsidy / (difficulty * 2**32) * btc_usd          # days with both
     * each day from the first row to the last: v = hashprice of the day, else of the day before; none: no change;
     *   FIRED when inactive and v < 40, RESOLVED when active and v > 42
     * </pre>
     * gives 5 August 2024 $37.44 (BTC's fall to $54k), 8 August $42.79, 5 September $39.46, 19 September $42.70, and
     * nothing before the 2024 halving (the lowest then: $53.72 on 21 November 2022). The hashprice can be read from the
     * first day to the day after the last price (8 April 2025).
     */
    @Test
    void theHashpriceFromTheSubsidyAloneFellUnderFortyDollarsTwiceIn2024() {
        assertThat(of("hashprice_below_floor"))
                .containsExactly("FIRED 2024-08-05", "RESOLVED 2024-08-08", "FIRED 2024-09-05", "RESOLVED 2024-09-19");
        assertThat(events)
                .filteredOn(e -> e.ruleId().equals("hashprice_below_floor"))
                .extracting(event -> event.figures().value())
                .satisfiesExactly(
                        v -> assertThat(v).isCloseTo(37.44, offset(0.005)),
                        v -> assertThat(v).isCloseTo(42.79, offset(0.005)),
                        v -> assertThat(v).isCloseTo(39.46, offset(0.005)),
                        v -> assertThat(v).isCloseTo(42.70, offset(0.005)));
        assertThat(replayed.readable().get("hashprice_below_floor"))
                .isEqualTo(new Span(LocalDate.parse("2020-04-11"), LocalDate.parse("2025-04-08")));
    }

    @Test
    void eventsComeInDateOrderAndAlternateFiredAndResolvedPerRule() {
        assertThat(events).extracting(AlertEvent::day).isSorted();
        events.stream().map(e -> e.stateKey()).distinct().forEach(state -> {
            List<EventKind> kinds = events.stream()
                    .filter(e -> e.stateKey().equals(state))
                    .map(AlertEvent::kind)
                    .toList();
            if (!state.equals("etf_daily_outflow")) {
                for (int i = 0; i < kinds.size(); i++) {
                    assertThat(kinds.get(i))
                            .as(state + " event " + i)
                            .isEqualTo(i % 2 == 0 ? EventKind.FIRED : EventKind.RESOLVED);
                }
            }
        });
    }
}
