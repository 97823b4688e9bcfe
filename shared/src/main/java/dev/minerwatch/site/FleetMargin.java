package dev.minerwatch.site;

import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A public fleet's economics at the newest stored hashprice ({@code "public": true} on its breakeven rule): what
 * {@code metrics.txt} and {@code state.json} show of it. A fleet that is not public has none: its power price and
 * margin reach no file.
 *
 * @param rule                 the breakeven rule's id
 * @param powerUsdPerKwh       the fleet's power price, published as its rule asks
 * @param hashprice            the newest stored hashprice, USD per PH/s per day, and its day
 * @param marginUsdPerPhDay    revenue after the pool fee less power and overheads, USD per PH/s per day
 * @param breakevenUsdPerKwh   the power price at which the margin is 0 at that hashprice
 * @param breakevenHashprice   the hashprice at which the margin is 0, USD per PH/s per day
 */
record FleetMargin(
        String rule,
        double powerUsdPerKwh,
        DailyPoint hashprice,
        double marginUsdPerPhDay,
        double breakevenUsdPerKwh,
        double breakevenHashprice) {

    /** Each public fleet's margin at the overview's newest hashprice, in the rule set's order; none without one. */
    static List<FleetMargin> of(Overview overview) {
        Optional<DailyPoint> hashprice =
                overview.of(SeriesId.HASHPRICE_USD_PH_DAY).newest();
        List<FleetMargin> margins = new ArrayList<>();
        for (Overview.RuleStatus status : overview.rules()) {
            Rule rule = status.rule();
            Optional<FleetEconomics> fleet = rule.breakevenFleet().filter(f -> rule.publicFleet());
            if (fleet.isPresent() && hashprice.isPresent()) {
                double value = hashprice.get().value();
                margins.add(new FleetMargin(
                        rule.id(),
                        fleet.get().usdPerKwh(),
                        hashprice.get(),
                        fleet.get().marginUsdPerPhDay(value),
                        fleet.get().breakevenUsdPerKwh(value),
                        fleet.get().breakevenHashprice()));
            }
        }
        return margins;
    }
}
