package dev.minerwatch.rules;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
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
}
