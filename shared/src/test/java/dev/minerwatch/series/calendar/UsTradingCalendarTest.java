package dev.minerwatch.series.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UsTradingCalendarTest {

    private static List<LocalDate> closedWeekdays(int year) {
        return Stream.iterate(LocalDate.of(year, 1, 1), d -> d.getYear() == year, d -> d.plusDays(1))
                .filter(d -> d.getDayOfWeek().getValue() <= 5 && !UsTradingCalendar.isTradingDay(d))
                .toList();
    }

    @Test
    void theNyseHolidaysOf2024() {
        assertThat(closedWeekdays(2024))
                .containsExactly(
                        LocalDate.parse("2024-01-01"),
                        LocalDate.parse("2024-01-15"),
                        LocalDate.parse("2024-02-19"),
                        LocalDate.parse("2024-03-29"),
                        LocalDate.parse("2024-05-27"),
                        LocalDate.parse("2024-06-19"),
                        LocalDate.parse("2024-07-04"),
                        LocalDate.parse("2024-09-02"),
                        LocalDate.parse("2024-11-28"),
                        LocalDate.parse("2024-12-25"));
    }

    @Test
    void theNyseClosuresOf2025IncludeTheDayOfMourningForPresidentCarter() {
        assertThat(closedWeekdays(2025))
                .containsExactly(
                        LocalDate.parse("2025-01-01"),
                        LocalDate.parse("2025-01-09"),
                        LocalDate.parse("2025-01-20"),
                        LocalDate.parse("2025-02-17"),
                        LocalDate.parse("2025-04-18"),
                        LocalDate.parse("2025-05-26"),
                        LocalDate.parse("2025-06-19"),
                        LocalDate.parse("2025-07-04"),
                        LocalDate.parse("2025-09-01"),
                        LocalDate.parse("2025-11-27"),
                        LocalDate.parse("2025-12-25"));
    }

    @Test
    void theNyseHolidaysOf2026ObserveASaturdayIndependenceDayOnFriday() {
        assertThat(closedWeekdays(2026))
                .containsExactly(
                        LocalDate.parse("2026-01-01"),
                        LocalDate.parse("2026-01-19"),
                        LocalDate.parse("2026-02-16"),
                        LocalDate.parse("2026-04-03"),
                        LocalDate.parse("2026-05-25"),
                        LocalDate.parse("2026-06-19"),
                        LocalDate.parse("2026-07-03"),
                        LocalDate.parse("2026-09-07"),
                        LocalDate.parse("2026-11-26"),
                        LocalDate.parse("2026-12-25"));
    }

    @Test
    void aSaturdayNewYearsDayIsNotObservedOnTheFridayBefore() {
        assertThat(UsTradingCalendar.isTradingDay(LocalDate.parse("2021-12-31")))
                .isTrue();
        assertThat(UsTradingCalendar.isTradingDay(LocalDate.parse("2023-01-02")))
                .isFalse(); // Sunday Jan 1 → Monday
    }

    @Test
    void thePreviousTradingDaySkipsWeekendsHolidaysAndClosures() {
        assertThat(UsTradingCalendar.previousTradingDay(LocalDate.parse("2025-01-10")))
                .isEqualTo("2025-01-08");
        assertThat(UsTradingCalendar.previousTradingDay(LocalDate.parse("2026-02-02")))
                .isEqualTo("2026-01-30");
        assertThat(UsTradingCalendar.previousTradingDay(LocalDate.parse("2024-04-01")))
                .isEqualTo("2024-03-28");
    }

    @Test
    void everyNonZeroDayOfThePublishedFlowsIsATradingDay() throws IOException {
        // The per-fund table marks the holidays of 2024 to mid-2025 with all-zero rows; every row with a flow
        // must be a session, and every all-zero weekday row must be a holiday or closure.
        List<String> lines;
        try (var in = UsTradingCalendarTest.class.getResourceAsStream("/etf-flows-per-fund-2024-2026.csv")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        for (String line : lines.subList(2, lines.size())) { // skip the header and the bogus 2024-01-01 row
            String[] cells = line.split(",");
            LocalDate day = LocalDate.parse(cells[0]);
            boolean allZero = Double.parseDouble(cells[cells.length - 1]) == 0
                    && Stream.of(cells).skip(1).allMatch(c -> Double.parseDouble(c) == 0);
            assertThat(UsTradingCalendar.isTradingDay(day)).as(line).isEqualTo(!allZero);
        }
    }
}
