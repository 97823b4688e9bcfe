package dev.minerwatch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** An instant in ISO-8601 ({@code 2026-12-03T10:00:00Z}, with an offset, or a date: its start in UTC). */
final class InstantText implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not an instant: write it as 2026-12-03T10:00:00Z, "
                    + "2026-12-03T11:00:00+01:00 or 2026-12-03 (its start in UTC)");
        }
    }
}
