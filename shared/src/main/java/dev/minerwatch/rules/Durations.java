package dev.minerwatch.rules;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Durations and instants as a reminder says them to people. */
final class Durations {

    /** An instant to the minute, in UTC: {@code 2026-02-05 00:05 UTC}. */
    public static final DateTimeFormatter UTC_MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private Durations() {}

    /** {@code 1 day 6 h}, {@code 12 h 30 min}, {@code 45 min}: whole minutes, the zero parts left out. */
    public static String words(Duration duration) {
        long days = duration.toDays();
        int hours = duration.toHoursPart();
        int minutes = duration.toMinutesPart();
        List<String> parts = new ArrayList<>();
        if (days > 0) {
            parts.add(days + (days == 1 ? " day" : " days"));
        }
        if (hours > 0) {
            parts.add(hours + " h");
        }
        if (minutes > 0 || parts.isEmpty()) {
            parts.add(minutes + " min");
        }
        return String.join(" ", parts);
    }
}
