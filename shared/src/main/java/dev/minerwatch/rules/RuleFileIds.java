package dev.minerwatch.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enum constants as rule files spell them: the lower-case name ({@code at_or_below}, {@code closed_days}). */
final class RuleFileIds {

    private RuleFileIds() {}

    static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant spelled {@code id}; the error names the field and every accepted spelling. */
    static <E extends Enum<E>> E fromId(Class<E> type, String id, String field) {
        for (E constant : type.getEnumConstants()) {
            if (id(constant).equals(id)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + " '" + id + "' is unknown; use "
                + Arrays.stream(type.getEnumConstants()).map(RuleFileIds::id).collect(Collectors.joining(", ")));
    }
}
