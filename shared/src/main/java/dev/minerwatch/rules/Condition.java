package dev.minerwatch.rules;

/**
 * Which side of a threshold makes a rule hold. A rule of the "below" family fires at or under its threshold and
 * resolves only above its re-arm level, which may sit higher (hysteresis); the "above" family mirrors that.
 */
enum Condition {
    BELOW("<"),
    AT_OR_BELOW("≤"),
    ABOVE(">"),
    AT_OR_ABOVE("≥");

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
        return RuleFileIds.id(this);
    }

    public static Condition fromId(String id) {
        return RuleFileIds.fromId(Condition.class, id, "condition");
    }
}
