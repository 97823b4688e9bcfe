package dev.minerwatch.site;

import dev.minerwatch.sources.Sources.Mempool.DifficultyAdjustment;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code calendar.ics}: the next difficulty retarget and the next halving as an iCalendar (RFC 5545), for a calendar
 * application to subscribe to. Each event's {@code UID} is its block height, so a subscribed calendar moves the one
 * event as the estimate moves, and a new one appears once the height is passed. Without mempool's estimate the
 * calendar has no event (only UTC's time zone, as a calendar needs a component) and says why in its description.
 *
 * <p>As the RFC asks: lines end in CRLF and are folded at 75 octets (never inside a UTF-8 character), text values are
 * escaped ({@code \\}, {@code \;}, {@code \,}, {@code \n}), and times are UTC ({@code Z}).
 */
final class Calendar {

    /** The path of the calendar under the site's root. */
    static final String PATH = "calendar.ics";
    /** The longest line, in octets, without its CRLF. */
    static final int MOST_OCTETS = 75;
    /** How long each event lasts in a calendar: an estimate is no instant, and an hour shows in every view. */
    static final Duration LENGTH = Duration.ofHours(1);

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String DOMAIN = "@minerwatch.dev";
    private static final List<String> UTC_ZONE = List.of(
            "BEGIN:VTIMEZONE",
            "TZID:UTC",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
            "END:VTIMEZONE");
    private static final String ORGANIZER = "mailto:noreply@minerwatch.dev";

    private Calendar() {}

    /** The calendar of {@code retarget}'s estimate, stamped {@code at}. */
    static byte[] of(Retarget retarget, Instant at) {
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCALENDAR");
        lines.add("VERSION:2.0");
        lines.add("PRODID:-//minerwatch//minerwatch site//EN");
        lines.add("CALSCALE:GREGORIAN");
        lines.add("METHOD:PUBLISH");
        lines.add("X-WR-CALNAME:" + text("minerwatch: Bitcoin retarget and halving"));
        DifficultyAdjustment estimate = retarget.estimateIfKnown().orElse(null);
        if (estimate != null) {
            lines.add("X-WR-CALDESC:"
                    + text("mempool.space's estimates at block " + estimate.height() + ", drawn " + at + "."));
            retarget(lines, estimate, at);
            halving(lines, estimate, at);
        } else {
            lines.add("X-WR-CALDESC:" + text("No estimate at " + at + ": " + retarget.unavailable() + "."));
            // RFC 5545 3.6: a calendar holds one component at least. UTC's time zone shows no event and means
            // nothing else.
            lines.addAll(UTC_ZONE);
        }
        lines.add("END:VCALENDAR");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.writeBytes(fold(line).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static void retarget(List<String> lines, DifficultyAdjustment estimate, Instant at) {
        String change = String.format(Locale.ROOT, "%+.2f%%", estimate.difficultyChangePercent());
        event(
                lines,
                "retarget-" + estimate.nextRetargetHeight(),
                at,
                estimate.estimatedRetarget(),
                "Bitcoin difficulty retarget (estimated " + change + ")",
                "The difficulty adjusts at block " + estimate.nextRetargetHeight() + ", " + estimate.remainingBlocks()
                        + " blocks after block " + estimate.height() + "; the blocks of this epoch so far point to a"
                        + " change of " + change + ".\nEstimated by mempool.space at " + at
                        + "; the time moves with the blocks.");
    }

    private static void halving(List<String> lines, DifficultyAdjustment estimate, Instant at) {
        event(
                lines,
                "halving-" + estimate.nextHalvingHeight(),
                at,
                estimate.estimatedHalving(),
                "Bitcoin halving (block " + estimate.nextHalvingHeight() + ")",
                "The block subsidy halves at block " + estimate.nextHalvingHeight() + ", "
                        + (estimate.nextHalvingHeight() - estimate.height()) + " blocks after block "
                        + estimate.height() + ".\nEstimated at " + at + ": this epoch's blocks at their mean"
                        + " interval so far, later ones at ten minutes each.");
    }

    private static void event(
            List<String> lines, String uid, Instant at, Instant start, String summary, String description) {
        lines.add("BEGIN:VEVENT");
        lines.add("UID:" + uid + DOMAIN);
        lines.add("DTSTAMP:" + UTC.format(at));
        // iTIP's PUBLISH (RFC 5546 3.2.1) wants an organizer: the project's no-reply address, never an operator's.
        lines.add("ORGANIZER;CN=minerwatch:" + ORGANIZER);
        lines.add("DTSTART:" + UTC.format(start));
        lines.add("DTEND:" + UTC.format(start.plus(LENGTH)));
        lines.add("SUMMARY:" + text(summary));
        lines.add("DESCRIPTION:" + text(description));
        lines.add("TRANSP:TRANSPARENT");
        lines.add("END:VEVENT");
    }

    /** A TEXT value escaped as RFC 5545 3.3.11 asks: backslash, semicolon, comma and line breaks. */
    static String text(String value) {
        return value.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r\n", "\\n")
                .replace("\n", "\\n")
                .replace("\r", "\\n")
                .replaceAll("[\\p{Cntrl}&&[^\t]]", " "); // RFC 5545's TEXT holds no other control character
    }

    /**
     * One content line, folded as RFC 5545 3.1 asks: no line longer than 75 octets, each continuation starting with a
     * space, a UTF-8 character never split; every line ends in CRLF.
     */
    static String fold(String line) {
        StringBuilder folded = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int size = character.getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > MOST_OCTETS) {
                folded.append("\r\n ");
                octets = 1;
            }
            folded.append(character);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return folded.append("\r\n").toString();
    }
}
