package dev.minerwatch.alerts.notify;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.rules.Severity;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which messages one channel wants: those of some rules ({@code <CHANNEL>_RULES}, comma-separated ids; {@code digest}
 * names the daily digest) and of a severity at least {@code <CHANNEL>_MIN_SEVERITY} ({@code info}, {@code warning},
 * {@code critical}; the digest has none, so only the rules pick it). A test message reaches every channel.
 *
 * @param rules   the rule ids it wants; empty: all
 * @param minimum the least severity it wants; empty: all
 */
record ChannelFilter(Set<String> rules, Optional<Severity> minimum) {

    public static final ChannelFilter ALL = new ChannelFilter(Set.of(), Optional.empty());
    /** How a filter names the daily digest among the rules. */
    public static final String DIGEST = AlertMessage.DIGEST;

    private static final String TEST = "test";

    public ChannelFilter {
        rules = Set.copyOf(rules);
    }

    /**
     * The filter of {@code rules} and {@code minimum} as the environment spells them (either may be null or blank).
     *
     * @throws IllegalArgumentException for a severity that is none of the three, naming the variable
     */
    public static ChannelFilter parse(String variablePrefix, String rules, String minimum) {
        Set<String> ids = rules == null
                ? Set.of()
                : Arrays.stream(rules.split(","))
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        Optional<Severity> least = Optional.empty();
        if (minimum != null && !minimum.isBlank()) {
            try {
                least = Optional.of(Severity.valueOf(minimum.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        variablePrefix + "_MIN_SEVERITY is '" + minimum + "'; it must be info, warning or critical");
            }
        }
        return new ChannelFilter(ids, least);
    }

    /** Whether the channel wants {@code message}. */
    public boolean wants(AlertMessage message) {
        if (TEST.equals(message.attributes().get(AlertMessage.KIND))) {
            return true;
        }
        boolean digest = DIGEST.equals(message.attributes().get(AlertMessage.KIND));
        String rule = digest ? DIGEST : message.attributes().get("rule");
        if (!rules.isEmpty() && !rules.contains(rule)) {
            return false;
        }
        if (minimum.isEmpty() || digest) {
            return true;
        }
        String severity = message.attributes().get("severity");
        // Severity's order is most severe first: wanted when at least as severe as the minimum.
        return severity != null
                && Severity.valueOf(severity.toUpperCase(Locale.ROOT)).compareTo(minimum.get()) <= 0;
    }

    @Override
    public String toString() {
        return (rules.isEmpty()
                        ? "all rules"
                        : "rules " + rules.stream().sorted().toList())
                + minimum.map(m -> ", " + m.id() + " and above").orElse("");
    }
}
