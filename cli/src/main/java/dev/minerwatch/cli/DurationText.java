package dev.minerwatch.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A duration as people type it ({@code 2h}, {@code 3d}, {@code 1w2d}, {@code 90m}) or in ISO-8601 ({@code PT2H}). */
final class DurationText implements ITypeConverter<Duration> {

    private static final Pattern COMPACT =
            Pattern.compile("(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration duration;
        if (trimmed.startsWith("p")) {
            try {
                duration = Duration.parse(trimmed.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(text);
            }
        } else {
            Matcher parts = COMPACT.matcher(trimmed);
            if (trimmed.isEmpty() || !parts.matches()) {
                throw invalid(text);
            }
            duration = Duration.ofDays(7 * number(parts.group(1)) + number(parts.group(2)))
                    .plusHours(number(parts.group(3)))
                    .plusMinutes(number(parts.group(4)))
                    .plusSeconds(number(parts.group(5)));
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("a duration must be positive, not '" + text + "'");
        }
        return duration;
    }

    private static long number(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException(
                "'" + text + "' is not a duration: write it as 30m, 4h, 2d, 1w2d or in ISO-8601 (PT4H, P2D)");
    }
}
