package dev.minerwatch.series.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * The NYSE's trading days: weekdays that are neither a regular holiday nor a special closure. Regular holidays
 * follow the exchange's rules (a Saturday holiday is observed on the Friday before, a Sunday holiday on the
 * Monday after, except that New Year's Day on a Saturday is not observed at all). Special closures (national days
 * of mourning, weather) are listed.
 */
public final class UsTradingCalendar {

    /** Unscheduled full-day closures since 2012. */
    static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(2012, 10, 29),
            LocalDate.of(2012, 10, 30), // Hurricane Sandy
            LocalDate.of(2018, 12, 5), // President George H. W. Bush
            LocalDate.of(2025, 1, 9)); // President Jimmy Carter

    private UsTradingCalendar() {}

    public static boolean isTradingDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY
                && weekday != DayOfWeek.SUNDAY
                && !isHoliday(day)
                && !SPECIAL_CLOSURES.contains(day);
    }

    /** The trading day before {@code day}. */
    public static LocalDate previousTradingDay(LocalDate day) {
        LocalDate candidate = day.minusDays(1);
        while (!isTradingDay(candidate)) {
            candidate = candidate.minusDays(1);
        }
        return candidate;
    }

    static boolean isHoliday(LocalDate day) {
        int year = day.getYear();
        return day.equals(newYearsDay(year))
                || day.equals(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3)) // Martin Luther King Jr. Day
                || day.equals(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3)) // Washington's Birthday
                || day.equals(easterSunday(year).minusDays(2)) // Good Friday
                || day.equals(last(year, Month.MAY, DayOfWeek.MONDAY)) // Memorial Day
                || year >= 2022 && day.equals(observed(LocalDate.of(year, Month.JUNE, 19))) // Juneteenth
                || day.equals(observed(LocalDate.of(year, Month.JULY, 4))) // Independence Day
                || day.equals(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1)) // Labor Day
                || day.equals(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)) // Thanksgiving
                || day.equals(observed(LocalDate.of(year, Month.DECEMBER, 25))); // Christmas
    }

    /** January 1st, or the Monday after when it is a Sunday; a Saturday New Year's Day is not observed. */
    private static LocalDate newYearsDay(int year) {
        LocalDate day = LocalDate.of(year, Month.JANUARY, 1);
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }

    private static LocalDate observed(LocalDate holiday) {
        return switch (holiday.getDayOfWeek()) {
            case SATURDAY -> holiday.minusDays(1);
            case SUNDAY -> holiday.plusDays(1);
            default -> holiday;
        };
    }

    private static LocalDate nth(int year, Month month, DayOfWeek weekday, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
    }

    private static LocalDate last(int year, Month month, DayOfWeek weekday) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.lastInMonth(weekday));
    }

    /** Western Easter Sunday (the anonymous Gregorian algorithm). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
