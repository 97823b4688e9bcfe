package dev.minerwatch.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void aDurationIsSaidInDaysHoursAndWholeMinutesLeavingOutTheZeroParts() {
        assertThat(Durations.words(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Durations.words(Duration.ofDays(2).plusMinutes(30))).isEqualTo("2 days 30 min");
        assertThat(Durations.words(Duration.ofHours(1))).isEqualTo("1 h");
        assertThat(Durations.words(Duration.ofHours(36).plusMinutes(5))).isEqualTo("1 day 12 h 5 min");
        assertThat(Durations.words(Duration.ofMinutes(45).plusSeconds(59))).isEqualTo("45 min");
        assertThat(Durations.words(Duration.ofSeconds(20))).isEqualTo("0 min");
    }

    @Test
    void anInstantIsSaidToTheMinuteInUtc() {
        assertThat(Durations.UTC_MINUTE.format(Instant.parse("2026-02-05T00:05:59Z")))
                .isEqualTo("2026-02-05 00:05 UTC");
    }
}
