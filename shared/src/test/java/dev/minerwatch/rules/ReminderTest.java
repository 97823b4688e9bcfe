package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.RuleState.DaysRead;
import dev.minerwatch.series.SeriesId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code remind_every}: while a rule stays active, one reminder per whole interval since it fired, each an event of
 * its own (a new state version, so recorded and delivered once), saying how long the rule has been active.
 */
class ReminderTest {

    private static final SeriesId BTC = SeriesId.BTC_USD;

    /** The latest price under 100 fires; over 110 resolves; a reminder every six hours while it holds. */
    private static ThresholdRule priceUnder(Duration remindEvery) {
        return new ThresholdRule(
                new RuleInfo("price_under", "price under 100", Severity.CRITICAL, "it is cheap", remindEvery),
                BTC,
                Timing.LATEST,
                Condition.BELOW,
                ThresholdRule.Level.fixed(100),
                110.0,
                1.0,
                false);
    }

    private static EngineRun firedAtMidnight(Duration remindEvery) {
        EngineRun run = EngineRun.of(priceUnder(remindEvery)).daily(BTC, "2026-02-05", 90, 95, 96, 97);
        assertThat(run.live("2026-02-05T00:05:00Z")).containsExactly("FIRED 2026-02-05");
        return run;
    }

    @Test
    void aReminderGoesOutOncePerWholeIntervalWhileTheRuleStaysActive() {
        EngineRun run = firedAtMidnight(Duration.ofHours(6));

        assertThat(run.live("2026-02-05T06:04:59Z")).as("not yet six hours").isEmpty();
        assertThat(run.live("2026-02-05T06:05:00Z")).containsExactly("REMINDER 2026-02-05");
        assertThat(run.live("2026-02-05T06:05:00Z"))
                .as("the same instant again")
                .isEmpty();
        assertThat(run.live("2026-02-05T06:20:00Z")).isEmpty();
        assertThat(run.live("2026-02-05T12:05:00Z")).containsExactly("REMINDER 2026-02-05");

        assertThat(run.events)
                .extracting(AlertEvent::key)
                .as("each a version of its own: a distinct event_id")
                .containsExactly("2026-02-05#price_under#1", "2026-02-05#price_under#2", "2026-02-05#price_under#3");
        assertThat(run.state("price_under").remindersSent()).isEqualTo(2);
    }

    @Test
    void aReminderSaysHowLongTheRuleHasBeenActiveWithTheFiguresOfItsNewestReading() {
        EngineRun run = firedAtMidnight(Duration.ofHours(12));

        run.live("2026-02-06T12:35:00Z");

        AlertEvent reminder = run.events.get(1);
        assertThat(reminder.kind()).isEqualTo(EventKind.REMINDER);
        assertThat(reminder.day()).hasToString("2026-02-06");
        assertThat(reminder.figures().value()).isEqualTo(95);
        assertThat(reminder.figures().threshold()).isEqualTo(100);
        assertThat(reminder.origin().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(reminder.explanation().detail())
                .startsWith("still holding, active for 1 day 12 h 30 min (since 2026-02-05 00:05 UTC, reminder 3 every"
                        + " 12 h): ")
                .endsWith(run.read(priceUnder(null), "2026-02-06").detail());
    }

    @Test
    void afterAnOutageTheIntervalsMissedAreOneReminderNotABurst() {
        EngineRun run = firedAtMidnight(Duration.ofHours(6));

        assertThat(run.live("2026-02-06T07:05:00Z")).containsExactly("REMINDER 2026-02-06");
        assertThat(run.state("price_under").remindersSent())
                .as("31 hours: the fifth interval")
                .isEqualTo(5);
        assertThat(run.live("2026-02-06T11:05:00Z")).isEmpty();
        assertThat(run.live("2026-02-06T12:05:00Z")).containsExactly("REMINDER 2026-02-06");
    }

    @Test
    void resolvingEndsTheRemindersAndFiringAgainCountsFromTheNewFiring() {
        EngineRun run = EngineRun.of(priceUnder(Duration.ofHours(6))).daily(BTC, "2026-02-05", 90, 120, 90);
        run.live("2026-02-05T00:05:00Z");

        assertThat(run.live("2026-02-06T00:05:00Z")).containsExactly("RESOLVED 2026-02-06");
        assertThat(run.state("price_under").activeSince()).isNull();
        assertThat(run.live("2026-02-06T18:05:00Z"))
                .as("inactive: nothing to remind of")
                .isEmpty();
        assertThat(run.live("2026-02-07T03:00:00Z")).containsExactly("FIRED 2026-02-07");
        assertThat(run.state("price_under").activeSince()).isEqualTo(Instant.parse("2026-02-07T03:00:00Z"));
        assertThat(run.state("price_under").remindersSent()).isZero();
        assertThat(run.live("2026-02-07T08:59:00Z")).isEmpty();
        assertThat(run.live("2026-02-07T09:00:00Z")).containsExactly("REMINDER 2026-02-07");
    }

    @Test
    void anAcknowledgedStateSendsNoReminderButStillResolvesAndTheNextEpisodeRemindsAgain() {
        EngineRun run = EngineRun.of(priceUnder(Duration.ofHours(6))).daily(BTC, "2026-02-05", 90, 90, 120, 90);
        run.live("2026-02-05T00:05:00Z");
        assertThat(run.live("2026-02-05T06:05:00Z")).containsExactly("REMINDER 2026-02-05");
        run.acknowledged.add("price_under");

        assertThat(run.live("2026-02-05T12:05:00Z"))
                .as("acknowledged: no reminder")
                .isEmpty();
        assertThat(run.live("2026-02-06T18:05:00Z")).isEmpty();
        assertThat(run.state("price_under").remindersSent())
                .as("nothing counted while acknowledged")
                .isEqualTo(1);
        assertThat(run.live("2026-02-07T00:05:00Z"))
                .as("an acknowledged alert still resolves")
                .containsExactly("RESOLVED 2026-02-07");
        run.acknowledged.clear(); // the store's acknowledgement covers the episode that has ended
        assertThat(run.live("2026-02-08T00:05:00Z")).containsExactly("FIRED 2026-02-08");
        assertThat(run.live("2026-02-08T06:05:00Z")).containsExactly("REMINDER 2026-02-08");
    }

    @Test
    void anAcknowledgementOfAnotherStateHoldsNoReminderBack() {
        EngineRun run = firedAtMidnight(Duration.ofHours(6));
        run.acknowledged.add("another_rule");

        assertThat(run.live("2026-02-05T06:05:00Z")).containsExactly("REMINDER 2026-02-05");
    }

    @Test
    void aRuleWithoutRemindEverySendsNone() {
        EngineRun run = firedAtMidnight(null);

        assertThat(run.live("2026-02-08T00:05:00Z")).isEmpty();
        assertThat(run.state("price_under").activeSince())
                .as("kept all the same, for a remind_every added later")
                .isEqualTo(Instant.parse("2026-02-05T00:05:00Z"));
    }

    @Test
    void withoutAReadingOfItsNewestDayTheReminderWaitsForOne() {
        EngineRun run = EngineRun.of(priceUnder(Duration.ofHours(6))).daily(BTC, "2026-02-05", 90);
        run.live("2026-02-05T00:05:00Z");

        assertThat(run.live("2026-02-07T00:05:00Z"))
                .as("no point for the day or the day before")
                .isEmpty();
        run.daily(BTC, "2026-02-07", 93);
        assertThat(run.live("2026-02-07T00:20:00Z")).containsExactly("REMINDER 2026-02-07");
    }

    @Test
    void aStateStoredBeforeRemindersCountsItsIntervalsFromItsNextEvaluation() {
        EngineRun run = EngineRun.of(priceUnder(Duration.ofHours(6))).daily(BTC, "2026-02-05", 90, 91);
        run.states.put(
                "price_under",
                new RuleState(
                        "price_under",
                        true,
                        4,
                        null,
                        java.time.LocalDate.parse("2026-02-04"),
                        Instant.parse("2026-02-04T00:05:00Z"),
                        DaysRead.NONE));

        assertThat(run.live("2026-02-05T00:05:00Z")).isEmpty();
        assertThat(run.state("price_under").activeSince()).isEqualTo(Instant.parse("2026-02-05T00:05:00Z"));
        assertThat(run.live("2026-02-05T06:05:00Z")).containsExactly("REMINDER 2026-02-05");
    }

    @Test
    void aRuleFileSetsRemindEveryAsAnIso8601DurationOnARuleThatStaysActive() throws Exception {
        RuleSet rules = RuleSet.parse(Json.parseObject("""
                {"version": "t", "rules": [{"id": "cheap", "kind": "threshold", "title": "cheap", "severity": "info",
                  "meaning": "m", "series": "btc_usd", "condition": "below", "threshold": 100, "rearm": 110,
                  "remind_every": "P1DT12H"}]}"""));

        assertThat(rules.rules())
                .singleElement()
                .extracting(rule -> rule.info().remindEvery())
                .isEqualTo(Duration.ofHours(36));
        assertThat(new RuleInfo("r", "t", Severity.INFO, "m", RuleInfo.MIN_REMIND_EVERY).remindEvery())
                .as("the shortest allowed")
                .isEqualTo(Duration.ofHours(1));
        assertThat(List.of("PT59M", "twelve hours", "P1D+", "PT-2H"))
                .allSatisfy(every -> assertThatThrownBy(() -> RuleSet.parse(Json.parseObject("""
                                {"version": "t", "rules": [{"id": "cheap", "kind": "threshold", "title": "cheap",
                                  "severity": "info", "meaning": "m", "series": "btc_usd", "condition": "below",
                                  "threshold": 100, "remind_every": "%s"}]}""".formatted(every))))
                        .hasMessageStartingWith("rule cheap, field remind_every: ")
                        .hasMessageContaining(every));
        assertThatThrownBy(() -> RuleSet.parse(Json.parseObject("""
                        {"version": "t", "rules": [{"id": "outflow", "kind": "threshold", "title": "outflow",
                          "severity": "info", "meaning": "m", "series": "etf_net_flow_usd", "condition": "below",
                          "threshold": -500000000, "each_day": true, "remind_every": "PT12H"}]}""")))
                .hasMessage("rule outflow, field remind_every: a rule that fires each day never stays active, so"
                        + " there is nothing to remind of");
    }
}
