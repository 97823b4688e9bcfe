package dev.minerwatch.rules;

import java.util.Locale;

/** How urgent an alert is; subscriptions filter on it (SMS gets critical only by default). */
public enum Severity {
    CRITICAL,
    WARNING,
    INFO;

    /** The lower-case id used in message attributes and filter policies. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
