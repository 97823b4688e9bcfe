package dev.minerwatch.rules;

/**
 * When a rule looks at the data. Price thresholds may act on the latest observation of the day; rules on
 * smoothed or streak data read closed days only, each day once, in order (PRODUCT.md).
 */
public enum Timing {
    LATEST,
    CLOSED_DAYS;

    public String id() {
        return RuleFileIds.id(this);
    }

    public static Timing fromId(String id) {
        return RuleFileIds.fromId(Timing.class, id, "evaluate");
    }
}
