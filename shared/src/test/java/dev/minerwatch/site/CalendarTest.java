package dev.minerwatch.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.sources.Sources.Mempool.DifficultyAdjustment;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.PropertyContainer;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.validate.ValidationResult;
import org.junit.jupiter.api.Test;

/** {@code calendar.ics}: the next retarget and halving, as RFC 5545 asks, read back by ical4j's strict parser. */
class CalendarTest {

    private static final Instant AT = Instant.parse("2026-02-05T15:00:00Z");

    /** Block 935,000 of the epoch that ends at 935,424; its blocks came every 9.5 minutes so far. */
    private static final DifficultyAdjustment ESTIMATE = new DifficultyAdjustment(
            85.3, 4.27, Instant.parse("2026-02-08T10:12:34Z"), 424, 935_424, Duration.ofSeconds(570));

    private static String calendar(Retarget retarget) {
        return new String(Calendar.of(retarget, AT), StandardCharsets.UTF_8);
    }

    private static net.fortuna.ical4j.model.Calendar parsed(String ics) throws Exception {
        return new CalendarBuilder().build(new ByteArrayInputStream(ics.getBytes(StandardCharsets.UTF_8)));
    }

    private static String value(PropertyContainer component, String property) {
        return component.getProperty(property).map(Property::getValue).orElseThrow();
    }

    @Test
    void theNextRetargetAndHalvingAreTwoEventsThatAStrictParserReadsBack() throws Exception {
        net.fortuna.ical4j.model.Calendar calendar = parsed(calendar(Retarget.of(ESTIMATE)));

        ValidationResult validation = calendar.validate();
        assertThat(validation.hasErrors()).as(validation.toString()).isFalse();
        assertThat(value(calendar, Property.VERSION)).isEqualTo("2.0");
        assertThat(value(calendar, Property.PRODID)).isEqualTo("-//minerwatch//minerwatch site//EN");
        assertThat(value(calendar, Property.CALSCALE)).isEqualTo("GREGORIAN");
        assertThat(value(calendar, Property.METHOD)).isEqualTo("PUBLISH");
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(2);
        VEvent retarget = events.get(0);
        assertThat(value(retarget, Property.UID)).isEqualTo("retarget-935424@minerwatch.dev");
        assertThat(value(retarget, Property.DTSTAMP)).isEqualTo("20260205T150000Z");
        assertThat(value(retarget, Property.DTSTART)).isEqualTo("20260208T101234Z");
        assertThat(value(retarget, Property.DTEND)).isEqualTo("20260208T111234Z");
        assertThat(value(retarget, Property.SUMMARY)).isEqualTo("Bitcoin difficulty retarget (estimated +4.27%)");
        assertThat(value(retarget, Property.DESCRIPTION))
                .as("unescaped and unfolded by the parser: the text as written")
                .startsWith("The difficulty adjusts at block 935424, 424 blocks after block 935000; the blocks of")
                .contains(".\nEstimated by mempool.space at 2026-02-05T15:00:00Z; the time moves");
        VEvent halving = events.get(1);
        assertThat(value(halving, Property.UID)).isEqualTo("halving-1050000@minerwatch.dev");
        assertThat(value(halving, Property.DTSTART))
                .as("114,576 blocks of ten minutes after the retarget")
                .isEqualTo(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                        .withZone(ZoneOffset.UTC)
                        .format(ESTIMATE.estimatedRetarget().plus(Duration.ofMinutes(10 * 114_576L))));
        assertThat(value(halving, Property.SUMMARY)).isEqualTo("Bitcoin halving (block 1050000)");
    }

    @Test
    void everyLineEndsInCrlfAndIsAtMost75OctetsAndTheComponentsNest() {
        String ics = calendar(Retarget.of(ESTIMATE));

        assertThat(ics).endsWith("END:VCALENDAR\r\n").doesNotContainPattern("[^\r]\n");
        List<String> open = new ArrayList<>();
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
            if (line.startsWith("BEGIN:")) {
                open.add(line.substring(6));
            } else if (line.startsWith("END:")) {
                assertThat(open).isNotEmpty().last().isEqualTo(line.substring(4));
                open.remove(open.size() - 1);
            }
        }
        assertThat(open).isEmpty();
        assertThat(ics).as("a description this long is folded").contains("\r\n ");
    }

    @Test
    void textIsEscapedAndALongLineIsFoldedNeverInsideAUtf8Character() {
        assertThat(Calendar.text("a\\b;c,d\ne\r\nf\u0007g\th")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf g\th");
        String line = "SUMMARY:" + "é".repeat(80);

        String folded = Calendar.fold(line);

        assertThat(folded).endsWith("\r\n");
        for (String part : folded.split("\r\n")) {
            assertThat(part.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(folded.replace("\r\n ", "").replace("\r\n", "")).isEqualTo(line);
        assertThat(Calendar.fold("SHORT:line")).isEqualTo("SHORT:line\r\n");
        assertThat(Calendar.fold("X:" + "a".repeat(73))).as("75 octets fit").doesNotContain("\r\n ");
        assertThat(Calendar.fold("X:" + "a".repeat(74))).as("76 do not").contains("\r\n a\r\n");
    }

    @Test
    void withoutAnEstimateTheCalendarHasNoEventAndSaysWhy() throws Exception {
        String ics = calendar(Retarget.unavailable("mempool: HTTP 503; try later, please"));

        net.fortuna.ical4j.model.Calendar calendar = parsed(ics);
        assertThat(calendar.getComponents(Component.VEVENT)).isEmpty();
        List<CalendarComponent> components = calendar.getComponents();
        assertThat(components)
                .as("RFC 5545 asks for one component at least: UTC's time zone, which shows nothing")
                .extracting(Component::getName)
                .containsExactly(Component.VTIMEZONE);
        assertThat(value(calendar, Property.METHOD)).isEqualTo("PUBLISH");
        ValidationResult validation = calendar.validate();
        assertThat(validation.hasErrors()).as(validation.toString()).isFalse();
        assertThat(ics.replace("\r\n ", ""))
                .contains("No estimate at 2026-02-05T15:00:00Z: mempool: HTTP 503\\; try later\\, please.");
    }
}
