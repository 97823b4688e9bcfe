package dev.minerwatch.rules;

import static dev.minerwatch.rules.EngineRun.info;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A backtest: the engine over a whole history, the end of each day in turn, states carried in memory. */
class RuleEngineReplayTest {

    private static final ThresholdRule HASHRATE_BELOW = RuleEngineTest.HASHRATE_BELOW;
    /** One rule id, two states: each series' staleness is its own. */
    private static final List<Rule> STALE = List.of(
            new StalenessRule(info("stale"), SeriesId.HASHRATE_EHS, null, 2),
            new StalenessRule(info("stale"), SeriesId.BTC_USD, null, 2));

    private static History hashrate(double... values) {
        EngineRun run = EngineRun.history().daily(SeriesId.HASHRATE_EHS, "2026-02-01", values);
        return History.complete(run.points);
    }

    private static RuleEngine engine(List<Rule> rules) {
        return new RuleEngine(new RuleSet("test", rules, null));
    }

    @Test
    void everyDayOfTheHistoryIsDecidedInOrderAsItsEndWouldHaveDecidedIt() {
        RuleEngine.Replay replay = engine(List.of(HASHRATE_BELOW)).replay(hashrate(120, 95, 99, 105, 111, 90));

        assertThat(replay.events())
                .extracting(e -> e.kind() + " " + e.day())
                .containsExactly("FIRED 2026-02-02", "RESOLVED 2026-02-05", "FIRED 2026-02-06");
        assertThat(replay.events())
                .allSatisfy(e -> assertThat(e.recording().executionId()).isEqualTo("replay"));
        assertThat(replay.replayed()).isEqualTo(new Span(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-06")));
        assertThat(replay.ruleIds()).containsExactly("hashrate_below");
        assertThat(replay.readable())
                .containsEntry(
                        "hashrate_below", new Span(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-06")));
        assertThat(replay.nanos())
                .as("the engine's own time")
                .isPositive()
                .isLessThan(Duration.ofMinutes(1).toNanos());
    }

    @Test
    void aReplayOfSomeDaysDecidesOnlyThoseAndARuleReadsOnlyTheDaysItsDataCovers() {
        RuleEngine.Replay replay = engine(List.of(HASHRATE_BELOW))
                .replay(
                        hashrate(120, 95, 99, 105, 111, 90),
                        new Span(LocalDate.parse("2026-01-30"), LocalDate.parse("2026-02-04")));

        assertThat(replay.events()).extracting(e -> e.kind() + " " + e.day()).containsExactly("FIRED 2026-02-02");
        assertThat(replay.readable())
                .containsEntry(
                        "hashrate_below", new Span(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-04")));
    }

    @Test
    void aRuleWithAStatePerSeriesReadsADayWhenAnyOfItsStatesCan() {
        RuleEngine.Replay replay = engine(STALE).replay(hashrate(120, 121, 122));

        assertThat(replay.ruleIds()).containsExactly("stale");
        assertThat(replay.readable()).containsKey("stale");
    }

    @Test
    void nothingToReplayIsSaid() {
        assertThatThrownBy(() -> engine(List.of(HASHRATE_BELOW)).replay(History.complete(List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to replay: no points");
    }

    @Test
    void aRuleOfClosedDaysReadsTheNewestClosedDayAndARuleOfTheLatestTheOpenOne() {
        RuleEngine.EvaluationTime now = RuleEngine.EvaluationTime.live(java.time.Instant.parse("2026-02-05T15:00:00Z"));
        Rule latest = RuleSet.defaults()
                .only(List.of("price_below_production_cost"))
                .rules()
                .get(0);

        assertThat(HASHRATE_BELOW.dayRead(now)).isEqualTo(LocalDate.parse("2026-02-04"));
        assertThat(latest.dayRead(now)).isEqualTo(LocalDate.parse("2026-02-05"));
    }
}
