package dev.minerwatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.Severity;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A channel's quiet hours: when a window runs, until when it holds an alert, and how the variable is spelt. */
class QuietHoursTest {

    private static QuietHours parse(String value) {
        return QuietHours.parse("SLACK_QUIET_HOURS", value, null).orElseThrow();
    }

    private static final QuietHours BERLIN_NIGHTS = parse("22:00-07:00 Europe/Berlin");

    @Test
    void aNightWindowRunsFromItsStartToTheNextMorningInItsTimeZone() {
        // 5 February 2026: Berlin is UTC+1.
        assertThat(BERLIN_NIGHTS.endOfWindowAt(Instant.parse("2026-02-05T20:59:59Z")))
                .isEmpty();
        assertThat(BERLIN_NIGHTS.endOfWindowAt(Instant.parse("2026-02-05T21:00:00Z")))
                .contains(Instant.parse("2026-02-06T06:00:00Z"));
        assertThat(BERLIN_NIGHTS.endOfWindowAt(Instant.parse("2026-02-06T01:10:00Z")))
                .as("02:10 local, the window that began yesterday")
                .contains(Instant.parse("2026-02-06T06:00:00Z"));
        assertThat(BERLIN_NIGHTS.endOfWindowAt(Instant.parse("2026-02-06T06:00:00Z")))
                .as("its end is outside it")
                .isEmpty();
    }

    @Test
    void aDaytimeWindowEndsTheSameDay() {
        QuietHours lunch = parse("12:00-13:30 UTC");

        assertThat(lunch.endOfWindowAt(Instant.parse("2026-02-05T12:45:00Z")))
                .contains(Instant.parse("2026-02-05T13:30:00Z"));
        assertThat(lunch.endOfWindowAt(Instant.parse("2026-02-05T11:59:00Z"))).isEmpty();
        assertThat(lunch.endOfWindowAt(Instant.parse("2026-02-05T13:30:00Z"))).isEmpty();
    }

    @Test
    void listedDaysAreTheNightsAWindowBeginsOn() {
        QuietHours weeknights = parse("22:00-07:00 UTC Mon-Fri");

        assertThat(weeknights.days()).hasSize(5).doesNotContain(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        assertThat(weeknights.endOfWindowAt(Instant.parse("2026-02-07T03:00:00Z")))
                .as("Saturday 03:00: Friday night's window")
                .contains(Instant.parse("2026-02-07T07:00:00Z"));
        assertThat(weeknights.endOfWindowAt(Instant.parse("2026-02-07T23:00:00Z")))
                .as("Saturday night: no window")
                .isEmpty();
        assertThat(weeknights.endOfWindowAt(Instant.parse("2026-02-09T03:00:00Z")))
                .as("Monday 03:00: Sunday began no window")
                .isEmpty();
        assertThat(parse("22:00-07:00 UTC Sat-Mon").days())
                .containsExactlyInAnyOrder(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
        assertThat(parse("9:00-10:00 UTC sun").days()).containsExactly(DayOfWeek.SUNDAY);
    }

    @Test
    void aWindowAcrossTheClockChangeEndsAtItsLocalTime() {
        // 29 March 2026: Berlin moves from UTC+1 to UTC+2 at 02:00 local.
        assertThat(BERLIN_NIGHTS.endOfWindowAt(Instant.parse("2026-03-29T00:30:00Z")))
                .contains(Instant.parse("2026-03-29T05:00:00Z"));
    }

    @Test
    void aCriticalAlertBreaksThroughUnlessTheChannelHoldsCriticalToo() {
        Instant night = Instant.parse("2026-02-06T01:10:00Z");
        AlertMessage critical = AlertMessage.of(AlertEvents.of("price_below_production_cost")
                .severity(Severity.CRITICAL)
                .build());
        AlertMessage warning = AlertMessage.of(
                AlertEvents.of("etf_daily_outflow").severity(Severity.WARNING).build());
        QuietHours holdingCritical = QuietHours.parse("SLACK_QUIET_HOURS", "22:00-07:00 Europe/Berlin", "hold")
                .orElseThrow();

        assertThat(BERLIN_NIGHTS.holds(critical, night)).isEmpty();
        assertThat(BERLIN_NIGHTS.holds(warning, night)).contains(Instant.parse("2026-02-06T06:00:00Z"));
        assertThat(holdingCritical.holds(critical, night)).contains(Instant.parse("2026-02-06T06:00:00Z"));
        assertThat(BERLIN_NIGHTS.holds(AlertMessage.test(night, "test-1"), night))
                .as("a test goes out when it comes")
                .isEmpty();
        assertThat(BERLIN_NIGHTS.holds(warning, Instant.parse("2026-02-06T12:00:00Z")))
                .isEmpty();
    }

    @Test
    void theVariableIsReadAsOneWindowAndEveryMistakeNamesItAndTheForm() {
        assertThat(QuietHours.parse("SLACK_QUIET_HOURS", " ", null)).isEmpty();
        assertThat(QuietHours.parse("SLACK_QUIET_HOURS", null, "send")).isEmpty();
        assertThat(BERLIN_NIGHTS)
                .isEqualTo(new QuietHours(
                        LocalTime.of(22, 0),
                        LocalTime.of(7, 0),
                        ZoneId.of("Europe/Berlin"),
                        java.util.EnumSet.allOf(DayOfWeek.class),
                        false));
        assertThat(BERLIN_NIGHTS.window()).isEqualTo("22:00-07:00 Europe/Berlin");
        assertThat(parse("22:00-07:00 UTC Mon-Fri").window()).isEqualTo("22:00-07:00 UTC Mon,Tue,Wed,Thu,Fri");
        for (String wrong : new String[] {
            "22-07 Europe/Berlin",
            "22:00-07:00",
            "25:00-07:00 UTC",
            "22:00-07:00 Mars/Olympus",
            "22:00-22:00 UTC",
            "22:00-07:00 UTC Mon-Fry"
        }) {
            assertThatThrownBy(() -> parse(wrong))
                    .as(wrong)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("SLACK_QUIET_HOURS is '" + wrong + "'")
                    .hasMessageContaining("22:00-07:00 Europe/Berlin");
        }
        assertThatThrownBy(() -> QuietHours.parse("SLACK_QUIET_HOURS", "22:00-07:00 UTC", "maybe"))
                .hasMessage("SLACK_QUIET_HOURS_CRITICAL is 'maybe'; it must be send (a critical alert breaks through,"
                        + " the default) or hold");
        assertThat(QuietHours.parse("SLACK_QUIET_HOURS", "22:00-07:00 UTC", " HOLD "))
                .map(QuietHours::holdCritical)
                .isEqualTo(Optional.of(true));
    }

    @Test
    void itSaysItselfAsAPersonReadsIt() {
        assertThat(BERLIN_NIGHTS).hasToString("quiet 22:00-07:00 Europe/Berlin, critical breaks through");
        assertThat(QuietHours.parse("SLACK_QUIET_HOURS", "22:00-07:00 UTC Mon-Fri", "hold")
                        .orElseThrow())
                .hasToString("quiet 22:00-07:00 UTC Mon,Tue,Wed,Thu,Fri, critical held too");
    }
}
