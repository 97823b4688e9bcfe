package dev.minerwatch.rules;

import java.util.Locale;

/**
 * When a rule looks at the data. Price thresholds may act on the latest observation of the day; rules on
 * smoothed or streak data read closed days only, each day once, in order (PRODUCT.md).
 */
public enum Timing {
    LATEST, CLOSED_DAYS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Timing fromId(String id) {
        for (Timing t : values()) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("evaluate '" + id + "' is unknown; use latest or closed_days");
    }
}
