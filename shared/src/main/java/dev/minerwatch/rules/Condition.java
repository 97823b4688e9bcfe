package dev.minerwatch.rules;

import java.util.Locale;

/**
 * Which side of a threshold makes a rule hold. A rule of the "below" family fires at or under its threshold and
 * resolves only above its re-arm level, which may sit higher (hysteresis); the "above" family mirrors that.
 */
public enum Condition {
    BELOW("<"), AT_OR_BELOW("≤"), ABOVE(">"), AT_OR_ABOVE("≥");

    private final String symbol;

    Condition(String symbol) {
        this.symbol = symbol;
    }

    public boolean fires(double value, double threshold) {
        return switch (this) {
            case BELOW -> value < threshold;
            case AT_OR_BELOW -> value <= threshold;
            case ABOVE -> value > threshold;
            case AT_OR_ABOVE -> value >= threshold;
        };
    }

    /** Strictly past the re-arm level, on the side away from the threshold. */
    public boolean resolves(double value, double rearm) {
        return belowFamily() ? value > rearm : value < rearm;
    }

    public boolean belowFamily() {
        return this == BELOW || this == AT_OR_BELOW;
    }

    public String symbol() {
        return symbol;
    }

    /** The id used in rule files: {@code below}, {@code at_or_below}, {@code above}, {@code at_or_above}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Condition fromId(String id) {
        for (Condition c : values()) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("condition '" + id + "' is unknown; use below, at_or_below, above or at_or_above");
    }
}
