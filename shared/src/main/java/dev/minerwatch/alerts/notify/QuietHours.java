package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a channel is quiet ({@code <CHANNEL>_QUIET_HOURS}, such as {@code 22:00-07:00 Europe/Berlin} or {@code
 * 22:00-07:00 UTC Mon-Fri}): each night from {@code start} to {@code end} in {@code zone}, beginning on the listed days
 * (all when none are listed; a window that starts on Friday night ends on Saturday morning). The evaluation never
 * pauses: an alert the channel would get inside a window is held until the window ends, and then goes out with the
 * others held as one message. A critical alert breaks through, unless {@code <CHANNEL>_QUIET_HOURS_CRITICAL=hold}.
 *
 * @param start        when a window begins, local time
 * @param end          when it ends, local time: the next day when not after {@code start}
 * @param zone         the time zone of both
 * @param days         the days a window begins on
 * @param holdCritical whether a critical alert is held too
 */
record QuietHours(LocalTime start, LocalTime end, ZoneId zone, Set<DayOfWeek> days, boolean holdCritical) {

    private static final Pattern FORM = Pattern.compile(
            "(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s+(\\S+)(?:\\s+([A-Za-z]{3})(?:-([A-Za-z]{3}))?)?");

    public QuietHours {
        days = Set.copyOf(days);
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours that start when they end (" + start + ") are no window");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("quiet hours on no day");
        }
    }

    /**
     * The quiet hours of {@code <prefix>_QUIET_HOURS} with {@code <prefix>_QUIET_HOURS_CRITICAL}, as {@code variables}
     * give them ({@code SLACK}, {@code SMS}): how a channel and a subscription read theirs.
     *
     * @throws IllegalArgumentException naming the variable that is wrong
     */
    static Optional<QuietHours> of(String prefix, java.util.function.Function<String, Optional<String>> variables) {
        String variable = prefix + ChannelType.QUIET_HOURS;
        return parse(
                variable,
                variables.apply(variable).orElse(null),
                variables.apply(prefix + ChannelType.QUIET_HOURS_CRITICAL).orElse(null));
    }

    /**
     * The quiet hours {@code value} of {@code variable} spells, with {@code critical} ({@code send}, the default, or
     * {@code hold}) of {@code variable}{@code _CRITICAL}; empty when {@code value} is blank.
     *
     * @throws IllegalArgumentException naming the variable and its value, and the form it takes
     */
    public static Optional<QuietHours> parse(String variable, String value, String critical) {
        boolean hold = false;
        if (critical != null && !critical.isBlank()) {
            switch (critical.strip().toLowerCase(Locale.ROOT)) {
                case "hold" -> hold = true;
                case "send" -> hold = false;
                default ->
                    throw new IllegalArgumentException(variable + "_CRITICAL is '" + critical
                            + "'; it must be send (a critical alert breaks through, the default) or hold");
            }
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Matcher form = FORM.matcher(value.strip());
        String expected = "; it takes the form 22:00-07:00 Europe/Berlin, or 22:00-07:00 UTC Mon-Fri";
        if (!form.matches()) {
            throw new IllegalArgumentException(variable + " is '" + value + "'" + expected);
        }
        try {
            LocalTime start = LocalTime.parse(padded(form.group(1)));
            LocalTime end = LocalTime.parse(padded(form.group(2)));
            ZoneId zone = ZoneId.of(form.group(3));
            Set<DayOfWeek> days = form.group(4) == null
                    ? EnumSet.allOf(DayOfWeek.class)
                    : span(day(form.group(4)), day(form.group(5) == null ? form.group(4) : form.group(5)));
            return Optional.of(new QuietHours(start, end, zone, days, hold));
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is '" + value + "': " + e.getMessage() + expected, e);
        }
    }

    private static String padded(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return day;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is no day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
    }

    /** The days from {@code first} to {@code last}, across the week's end ({@code Sat-Mon}). */
    private static Set<DayOfWeek> span(DayOfWeek first, DayOfWeek last) {
        Set<DayOfWeek> days = EnumSet.of(first);
        for (DayOfWeek day = first; day != last; ) {
            day = day.plus(1);
            days.add(day);
        }
        return days;
    }

    /** When the window {@code at} is in ends; empty when {@code at} is in none. */
    public Optional<Instant> endOfWindowAt(Instant at) {
        LocalDate today = LocalDate.ofInstant(at, zone);
        // A window that began yesterday may still run; one that begins today may have begun.
        for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant begins = ZonedDateTime.of(day, start, zone).toInstant();
            Instant ends = ZonedDateTime.of(end.isAfter(start) ? day : day.plusDays(1), end, zone)
                    .toInstant();
            if (!at.isBefore(begins) && at.isBefore(ends)) {
                return Optional.of(ends);
            }
        }
        return Optional.empty();
    }

    /**
     * Until when the channel holds {@code message} at {@code at}: the end of the window, for an alert inside one
     * that does not break through (a critical one does unless {@link #holdCritical}); empty when it goes out now.
     * Only alerts are held: the digest and a test go out when they come.
     */
    public Optional<Instant> holds(AlertMessage message, Instant at) {
        if (!message.isAlert()
                || !holdCritical && "critical".equals(message.attributes().get("severity"))) {
            return Optional.empty();
        }
        return endOfWindowAt(at);
    }

    /** The window as a person reads it: {@code 22:00-07:00 Europe/Berlin}, {@code 22:00-07:00 UTC Mon-Fri}. */
    public String window() {
        return start + "-" + end + " " + zone + (days.size() == 7 ? "" : " " + dayNames());
    }

    private String dayNames() {
        return days.stream()
                .sorted()
                .map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
                .collect(java.util.stream.Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "quiet " + window() + (holdCritical ? ", critical held too" : ", critical breaks through");
    }
}
