package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which invocations may change the site: all but an evaluation's record that says it changed nothing. */
class SiteHandlerTest {

    private static Map<String, Object> record(Map<String, Object> response) {
        return Map.of("requestContext", Map.of("condition", "Success"), "responsePayload", response);
    }

    private static Map<String, Object> evaluation(int stateChanges, List<String> recorded, List<String> delivered) {
        return Map.of(
                "recorded", recorded,
                "delivered", delivered,
                "parked", List.of(),
                "silenced", List.of(),
                "stateChanges", stateChanges);
    }

    @Test
    void anEvaluationThatChangedNothingDoesNot() {
        assertThat(SiteHandler.changesTheSite(record(evaluation(0, List.of(), List.of()))))
                .isFalse();
    }

    @Test
    void anEvaluationThatChangedARuleStateRecordedOrDeliveredDoes() {
        assertThat(SiteHandler.changesTheSite(record(evaluation(1, List.of(), List.of()))))
                .isTrue();
        assertThat(SiteHandler.changesTheSite(record(evaluation(0, List.of("e"), List.of()))))
                .isTrue();
        assertThat(SiteHandler.changesTheSite(record(evaluation(0, List.of(), List.of("e")))))
                .isTrue();
    }

    @Test
    void theDigestsRecordTheScheduleAndAManualRunDo() {
        assertThat(SiteHandler.changesTheSite(record(Map.of("published", 1)))).isTrue();
        assertThat(SiteHandler.changesTheSite(Map.of("scheduledTime", "2026-02-05T14:57:00Z")))
                .isTrue();
        assertThat(SiteHandler.changesTheSite(null)).isTrue();
    }
}
