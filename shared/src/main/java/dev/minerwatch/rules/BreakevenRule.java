package dev.minerwatch.rules;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A miner's own fleet under water: the margin of its machines at the day's hashprice (revenue after the pool fee,
 * less power and overheads, USD per PH/s per day) under 0. It resolves when the margin rises above the re-arm
 * margin, so a fleet that hovers at break-even does not flap.
 *
 * @param rearmMarginUsdPhDay the margin above which the rule resolves; null for 2% of the fleet's cost
 * @param publicFleet         the rule file's {@code "public": true}: the fleet's margin may be published on the site
 *                            (its metrics, its events' figures); by default nothing of it is, as its power price is
 *                            the operator's business
 * @param nextRetarget        the rule file's {@code "project": "next_retarget"}: the rule judges the margin after the
 *                            next retarget, at the day's estimate of it ({@code retarget_change_pct}), and fires when
 *                            that margin is under 0 while today's is not: a warning ahead of time
 */
record BreakevenRule(
        RuleInfo info,
        Timing timing,
        FleetEconomics fleet,
        Double rearmMarginUsdPhDay,
        boolean publicFleet,
        boolean nextRetarget)
        implements Rule {

    /** The re-arm margin when none is given, as a fraction of the fleet's cost. */
    static final double DEFAULT_REARM_FRACTION = 0.02;

    /** The unit of the rule's value, threshold and re-arm level: "-$1.20 margin per PH/s per day". */
    public static final String MARGIN_UNIT = Rule.FLEET_MARGIN_UNIT;

    private static final SeriesId HASHPRICE = SeriesId.HASHPRICE_USD_PH_DAY;

    public BreakevenRule {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(fleet, "fleet");
        if (rearmMarginUsdPhDay != null && !(rearmMarginUsdPhDay >= 0 && Double.isFinite(rearmMarginUsdPhDay))) {
            throw new IllegalArgumentException(
                    info.id() + ": rearm_margin_usd_ph_day " + rearmMarginUsdPhDay + " must be a number of at least 0");
        }
    }

    /** A fleet that is not public, as every fleet is unless its rule says otherwise, judged today. */
    BreakevenRule(RuleInfo info, Timing timing, FleetEconomics fleet, Double rearmMarginUsdPhDay) {
        this(info, timing, fleet, rearmMarginUsdPhDay, false, false);
    }

    /** The rule file's value of {@code project} that judges the margin after the next retarget. */
    static final String NEXT_RETARGET = "next_retarget";

    private static final SeriesId RETARGET = SeriesId.RETARGET_CHANGE_PCT;

    @Override
    public Optional<FleetEconomics> breakevenFleet() {
        return Optional.of(fleet);
    }

    @Override
    public String kind() {
        return "breakeven";
    }

    @Override
    public SeriesId series() {
        return HASHPRICE;
    }

    @Override
    public Map<SeriesId, Integer> lookbackDays() {
        return nextRetarget ? Map.of(HASHPRICE, 1, RETARGET, 1) : Map.of(HASHPRICE, 1);
    }

    /** The margin above which the rule resolves. */
    public double rearmMargin() {
        return rearmMarginUsdPhDay != null ? rearmMarginUsdPhDay : DEFAULT_REARM_FRACTION * fleet.costUsdPerPhDay();
    }

    @Override
    public Reading read(History history, LocalDate day, Instant now) {
        Optional<DailyPoint> subject = timing.point(history, HASHPRICE, day);
        if (subject.isEmpty()) {
            return Reading.noData(() -> timing.missing(HASHPRICE, day));
        }
        double hashprice = subject.get().value();
        double margin = fleet.marginUsdPerPhDay(hashprice);
        double rearm = rearmMargin();
        if (nextRetarget) {
            return readProjected(history, day, subject.get(), margin, rearm);
        }
        Signal signal = Condition.BELOW.fires(margin, 0)
                ? Signal.FIRE
                : Condition.BELOW.resolves(margin, rearm) ? Signal.RESOLVE : Signal.HOLD;
        String basis = "fleet of rule " + id() + ": " + fleet.describe() + "; break-even hashprice "
                + Amounts.format(fleet.breakevenHashprice(), HASHPRICE.unit());
        Supplier<String> detail = () -> "margin " + Amounts.format(margin, HASHPRICE.unit()) + " on "
                + subject.get().day()
                + " at a hashprice of " + Amounts.format(hashprice, HASHPRICE.unit()) + " (revenue "
                + Amounts.format(fleet.revenueUsdPerPhDay(hashprice), "USD") + " after the pool fee, cost "
                + Amounts.format(fleet.costUsdPerPhDay(), "USD") + "); break-even power price "
                + FleetEconomics.powerPrice(fleet.breakevenUsdPerKwh(hashprice)) + ", break-even hashprice "
                + Amounts.format(fleet.breakevenHashprice(), "USD") + "; " + fleet.describe()
                + "; resolves above a margin of " + Amounts.format(rearm, "USD");
        return new Reading(signal, subject.get().day(), margin, 0, rearm, MARGIN_UNIT, subject.get(), basis, detail);
    }

    /**
     * The margin after the next retarget at the day's estimate: fires when it is under 0 while today's is not, resolves
     * above the re-arm margin; while today's margin is under water too, the plain rule speaks, and this one holds.
     */
    private Reading readProjected(History history, LocalDate day, DailyPoint subject, double margin, double rearm) {
        Optional<DailyPoint> estimate = timing.point(history, RETARGET, day);
        if (estimate.isEmpty()) {
            return Reading.noData(() -> timing.missing(RETARGET, day));
        }
        double change = estimate.get().value();
        FleetEconomics.MarginProjection projection = new FleetEconomics.MarginProjection(fleet, subject.value(), 0, 0);
        double projected = projection.marginAfterRetarget(change);
        Signal signal = Condition.BELOW.fires(projected, 0) && !Condition.BELOW.fires(margin, 0)
                ? Signal.FIRE
                : Condition.BELOW.resolves(projected, rearm) ? Signal.RESOLVE : Signal.HOLD;
        String basis = "fleet of rule " + id() + " after the next retarget: " + fleet.describe()
                + "; break-even hashprice " + Amounts.format(fleet.breakevenHashprice(), HASHPRICE.unit());
        Supplier<String> detail = () -> "margin " + Amounts.format(projected, HASHPRICE.unit())
                + " after the next retarget at mempool's estimate of "
                + String.format(java.util.Locale.ROOT, "%+.2f%%", change)
                + " on " + estimate.get().day() + " (a hashprice of "
                + Amounts.format(projection.hashpriceAfterRetarget(change), HASHPRICE.unit()) + "), against "
                + Amounts.format(margin, HASHPRICE.unit()) + " today at " + Amounts.format(subject.value(), "USD")
                + "; " + fleet.describe() + "; resolves above a margin of " + Amounts.format(rearm, "USD");
        return new Reading(signal, subject.day(), projected, 0, rearm, MARGIN_UNIT, subject, basis, detail);
    }

    /** The fields of this kind in a rule file, besides the common ones. */
    static final Set<String> FIELDS = Set.of(
            "evaluate",
            "joules_per_th",
            "usd_per_kwh",
            "pue",
            "pool_fee_pct",
            "other_usd_per_ph_day",
            "rearm_margin_usd_ph_day",
            "public",
            "project");

    static BreakevenRule fromFile(RuleEntry entry, RuleInfo info) {
        return new BreakevenRule(
                info,
                entry.timing(Timing.LATEST),
                new FleetEconomics(
                        entry.number("joules_per_th"),
                        entry.number("usd_per_kwh"),
                        entry.number("pue", 1.0),
                        entry.number("pool_fee_pct", 0.0),
                        entry.number("other_usd_per_ph_day", 0.0)),
                entry.has("rearm_margin_usd_ph_day") ? entry.number("rearm_margin_usd_ph_day") : null,
                entry.bool("public", false),
                project(entry));
    }

    /** {@code project}: absent (today's margin) or {@code next_retarget}. */
    private static boolean project(RuleEntry entry) {
        if (!entry.has("project")) {
            return false;
        }
        String project = entry.text("project");
        if (!project.equals(NEXT_RETARGET)) {
            throw entry.error("project", "'" + project + "' is unknown; use " + NEXT_RETARGET);
        }
        return true;
    }
}
