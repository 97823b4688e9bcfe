package dev.minerwatch.rules;

import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One notification-worthy transition of a rule, with everything a subscriber needs to judge it: which rule and what
 * happened ({@link Origin}), the figures that decided it ({@link Figures}), where they came from and what they mean
 * ({@link Explanation}), and the run that recorded it ({@link Recording}). A figure added to an event goes into the
 * part it belongs to; the parts keep the event from growing into one long list of positional values.
 *
 * @param key         unique and stable: {@code <day>#<rule state key>#<state version>}; the idempotency key of delivery
 * @param origin      the rule and the transition
 * @param figures     the figures that caused the event
 * @param explanation where the figures came from and what they mean
 * @param recording   the run that recorded the event
 */
public record AlertEvent(String key, Origin origin, Figures figures, Explanation explanation, Recording recording) {

    public AlertEvent {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(recording, "recording");
    }

    /**
     * The rule that made the event and the transition it made.
     *
     * @param ruleId   the rule's id
     * @param title    the rule's title, for subscribers
     * @param severity the rule's severity
     * @param kind     what happened: fired, resolved, a reminder or the digest
     */
    public record Origin(String ruleId, String title, Severity severity, EventKind kind) {

        public Origin {
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * The figures that caused the event.
     *
     * @param series     the series the rule watches
     * @param day        the day the event is about
     * @param value      the figure that caused the event, in {@code unit}
     * @param threshold  the threshold it was compared with
     * @param rearmLevel the level at which the rule resolves; NaN for a rule that never resolves (one event per day)
     * @param unit       the unit of value, threshold and re-arm level
     * @param asOf       when the value was observed
     * @param dayFinal   whether the value's day was over (a non-final day may still change)
     */
    public record Figures(
            SeriesId series,
            LocalDate day,
            double value,
            double threshold,
            double rearmLevel,
            String unit,
            Instant asOf,
            boolean dayFinal) {

        public Figures {
            Objects.requireNonNull(series, "series");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(asOf, "asOf");
        }
    }

    /**
     * Where the figures came from and what they mean.
     *
     * @param sources        where the value came from
     * @param thresholdBasis where the threshold came from, such as a cost model and its version
     * @param detail         one sentence that explains the figures
     * @param meaning        what the rule means, for subscribers
     */
    public record Explanation(List<String> sources, String thresholdBasis, String detail, String meaning) {

        public Explanation {
            sources = List.copyOf(sources);
        }
    }

    /**
     * The run that recorded the event.
     *
     * @param executionId the scheduler execution (or replay) that recorded the event
     * @param recordedAt  when it was recorded
     */
    public record Recording(String executionId, Instant recordedAt) {}

    public static String key(LocalDate day, String stateKey, long version) {
        return day + "#" + stateKey + "#" + version;
    }

    /**
     * The path of the page of the event with {@code key} under the dashboard's root: {@code events/<key>.html} with
     * its {@code #} as {@code .}, and the {@code /} of a per-series state and the {@code :} of the digest's as {@code -}
     * (a rule id has neither {@code -} nor {@code .}), so every page is one file directly under {@code events/}, a name
     * any file system and URL takes as it is. The one rule for it: the site writes the page there, and every message
     * about the event links to it, so the two never disagree.
     */
    public static String pagePath(String key) {
        // Whatever a key holds, the page is one file directly under events/: any other character becomes - too.
        return "events/" + key.replace('#', '.').replaceAll("[^A-Za-z0-9._-]", "-") + ".html";
    }

    /** The path of this event's page under the dashboard's root ({@link #pagePath(String)}). */
    public String pagePath() {
        return pagePath(key);
    }

    /** The state key of the rule that made the event: the middle part of its key. */
    public String stateKey() {
        return stateKeyOf(key).orElseThrow();
    }

    /** The version of the rule state that made the event: the last part of its key. */
    public long stateVersion() {
        return Long.parseLong(key.substring(key.lastIndexOf('#') + 1));
    }

    /**
     * The state key in an event key ({@code <day>#<state key>#<version>}); empty for an id of another form (a message
     * published by hand, a group's).
     */
    public static Optional<String> stateKeyOf(String key) {
        int first = key.indexOf('#');
        int last = key.lastIndexOf('#');
        return first < last ? Optional.of(key.substring(first + 1, last)) : Optional.empty();
    }

    /** The day the event is about. */
    public LocalDate day() {
        return figures.day();
    }

    /** The id of the rule that made the event. */
    public String ruleId() {
        return origin.ruleId();
    }

    /** What happened: fired, resolved, a reminder or the digest. */
    public EventKind kind() {
        return origin.kind();
    }

    /** When the event was recorded. */
    public Instant recordedAt() {
        return recording.recordedAt();
    }

    /** Whether the rule that made the event resolves; a rule that fires each day never does. */
    public boolean resolves() {
        return !Double.isNaN(figures.rearmLevel());
    }

    /** Signed distance of the value from the threshold, as a fraction of the threshold (−0.2 = 20% below). */
    public double distance() {
        double threshold = figures.threshold();
        return threshold == 0 ? Double.NaN : (figures.value() - threshold) / Math.abs(threshold);
    }
}
