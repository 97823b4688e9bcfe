package dev.minerwatch.rules;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One alert rule: a kind from a small vocabulary with the parameters a rule file gives it. A rule is pure: it
 * reads the history up to a day and says what it sees; {@link RuleEngine} turns that into events and state.
 */
public sealed interface Rule
        permits ThresholdRule,
                MovingAverageCrossRule,
                StreakRule,
                RollingSumRule,
                DrawdownRule,
                StalenessRule,
                BreakevenRule {

    RuleInfo info();

    default String id() {
        return info().id();
    }

    /** The rule's title, as a subject line shows it. */
    default String title() {
        return info().title();
    }

    default Severity severity() {
        return info().severity();
    }

    /** Where an alert of the rule goes when nobody has acknowledged it in time ({@code escalate_after}, {@code escalate_to}). */
    default java.util.Optional<Escalation> escalation() {
        return java.util.Optional.ofNullable(info().escalation());
    }

    /** The rule kind, as written in rule files. */
    String kind();

    /** The series the rule watches; its events are about it. */
    SeriesId series();

    Timing timing();

    /**
     * The day an evaluation at {@code time} reads first: the newest closed day for a rule of closed days, the latest
     * day otherwise (what a status or a dashboard shows as the rule's reading now).
     */
    default LocalDate dayRead(RuleEngine.EvaluationTime time) {
        return timing() == Timing.CLOSED_DAYS ? time.lastClosedDay() : time.latestDay();
    }

    /** For each series the rule reads, how many days before the evaluated day it needs. */
    Map<SeriesId, Integer> lookbackDays();

    /** What the rule sees on {@code day}, reading nothing after it; {@code now} is when data ages are measured. */
    Reading read(History history, LocalDate day, Instant now);

    /** True for a rule that fires once per qualifying day and never resolves. */
    default boolean eachDay() {
        return false;
    }

    /**
     * True for a rule that watches how old its series' newest point is: the digest and the status command list
     * these as each series' freshness rather than among the rules.
     */
    default boolean watchesFreshness() {
        return false;
    }

    /** The unit of a breakeven rule's value, threshold and re-arm level: "-$1.20 margin per PH/s per day". */
    String FLEET_MARGIN_UNIT = "USD margin per PH/s per day";

    /** The fleet a breakeven rule judges; empty for every other kind (the digest and the CLI show its margin). */
    default Optional<FleetEconomics> breakevenFleet() {
        return Optional.empty();
    }

    /**
     * Whether the fleet of a breakeven rule may be published on the site ({@code "public": true}); false for every
     * other rule, and for a fleet by default: its power price and margin are the operator's business.
     */
    default boolean publicFleet() {
        return false;
    }

    /** Where the rule's state is kept: its id, unless the rule is kept per series. */
    default String stateKey() {
        return id();
    }

    /** The minimum points a mean over {@code days} needs: four days in five. */
    static int coverage(int days) {
        return (int) Math.ceil(days * 0.8);
    }

    /**
     * A rule's escalation ({@code escalate_after}, {@code escalate_to}): an alert of the rule still active and
     * unacknowledged {@code after} it fired is sent to {@code to}, once per episode, whatever that channel's own filters.
     *
     * @param after how long after the alert fired, at least {@link #MIN_AFTER}
     * @param to    a channel's name ({@code slack}, ...) or {@code sms}, the SNS SMS subscription
     */
    record Escalation(Duration after, String to) {

        /** The least wait: the evaluator runs every quarter hour, so a shorter one would escalate at the next run anyway. */
        public static final Duration MIN_AFTER = Duration.ofMinutes(15);

        /** The target that is the topic's SMS subscription rather than a channel. */
        public static final String SMS = "sms";

        /** What marks the rule state key of an escalation's notice, before the target. */
        private static final String MARK = ":escalated-to-";

        public Escalation {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(to, "to");
            if (after.compareTo(MIN_AFTER) < 0) {
                throw new IllegalArgumentException("field escalate_after: " + after + " is shorter than " + MIN_AFTER
                        + ": the evaluator runs every quarter hour");
            }
            if (!to.matches("[a-z][a-z0-9]*")) {
                throw new IllegalArgumentException(
                        "field escalate_to: '" + to + "' is not a channel's name (slack, telegram, ...) or sms");
            }
        }

        /**
         * The notice that escalates {@code fired}, the {@code FIRED} event of an episode nobody acknowledged: an {@code
         * ESCALATED} event of its rule and figures, keyed {@code <day>#<state key>:escalated-to-<target>#<version>} after
         * the event it escalates, so it is recorded once per episode however often it is decided.
         *
         * @param executionId the run that decides it
         * @param at          when
         */
        public AlertEvent notice(AlertEvent fired, String executionId, Instant at) {
            AlertEvent.Origin origin = fired.origin();
            AlertEvent.Explanation explanation = fired.explanation();
            String title = origin.title() == null ? origin.ruleId() : origin.title();
            return new AlertEvent(
                    AlertEvent.key(fired.day(), fired.stateKey() + MARK + to, fired.stateVersion()),
                    new AlertEvent.Origin(origin.ruleId(), origin.title(), origin.severity(), EventKind.ESCALATED),
                    fired.figures(),
                    new AlertEvent.Explanation(
                            explanation.sources(),
                            explanation.thresholdBasis(),
                            title + " has held since " + Durations.UTC_MINUTE.format(fired.recordedAt())
                                    + " and nobody has acknowledged it in " + Durations.words(after) + ": escalated to "
                                    + to,
                            explanation.meaning()),
                    new AlertEvent.Recording(executionId, at));
        }

        /** The target an escalation's notice goes to, read from its rule state key; empty for any other event. */
        public static Optional<String> targetOf(AlertEvent event) {
            int mark = event.stateKey().lastIndexOf(MARK);
            return event.kind() == EventKind.ESCALATED && mark >= 0
                    ? Optional.of(event.stateKey().substring(mark + MARK.length()))
                    : Optional.empty();
        }

        /** The key of the event an escalation's notice escalates (its {@code FIRED}); empty for any other event. */
        public static Optional<String> escalatedKey(AlertEvent event) {
            int mark = event.stateKey().lastIndexOf(MARK);
            return event.kind() == EventKind.ESCALATED && mark >= 0
                    ? Optional.of(
                            AlertEvent.key(event.day(), event.stateKey().substring(0, mark), event.stateVersion()))
                    : Optional.empty();
        }
    }
}
