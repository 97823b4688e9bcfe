package dev.minerwatch.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduledInvocationTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-02-06T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsTheSchedulersTimeAndExecutionId() throws Exception {
        ScheduledInvocation invocation = ScheduledInvocation.fromJson(
                Json.parse("{\"scheduledTime\":\"2026-02-05T14:05:00Z\",\"executionId\":\"e-1\"}"), NOW);

        assertThat(invocation.scheduledTime()).isEqualTo(Instant.parse("2026-02-05T14:05:00Z"));
        assertThat(invocation.executionId()).isEqualTo("e-1");
        assertThat(invocation.day()).isEqualTo(LocalDate.parse("2026-02-05"));
    }

    @Test
    void aManualInvocationRunsNowUnderAFreshExecutionId() throws Exception {
        ScheduledInvocation first = ScheduledInvocation.fromJson(Json.parse("{}"), NOW);
        ScheduledInvocation second = ScheduledInvocation.fromJson(null, NOW);

        assertThat(first.scheduledTime()).isEqualTo(NOW.instant());
        assertThat(first.executionId()).startsWith("manual-").isNotEqualTo(second.executionId());
    }

    @Test
    void anUnsubstitutedPlaceholderIsAClearError() throws Exception {
        assertThatThrownBy(() -> ScheduledInvocation.fromJson(
                        Json.parse("{\"scheduledTime\":\"<aws.scheduler.scheduled-time>\"}"), NOW))
                .hasMessageContaining("scheduledTime")
                .hasMessageContaining("<aws.scheduler.scheduled-time>");
    }
}
