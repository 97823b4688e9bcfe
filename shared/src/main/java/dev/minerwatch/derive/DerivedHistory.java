package dev.minerwatch.derive;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completes a history that came without derived series (a replayed CSV): the production cost of each day with
 * a difficulty, and the hashprice of each day with a difficulty, fees and a price, computed as the collectors
 * compute them. A derived value already in the history is kept. Supply comes from the given supplies or, without
 * one, from the issuance schedule at the day's estimated height.
 */
public final class DerivedHistory {

    private DerivedHistory() {
    }

    public static List<DailyPoint> complete(List<DailyPoint> points, Map<LocalDate, Double> supplyBtc,
                                            ProductionCostModel costModel) {
        Map<SeriesId, Map<LocalDate, DailyPoint>> bySeries = new EnumMap<>(SeriesId.class);
        points.forEach(p -> bySeries.computeIfAbsent(p.series(), s -> new HashMap<>()).put(p.day(), p));
        Map<LocalDate, DailyPoint> difficulty = new TreeMap<>(bySeries.getOrDefault(SeriesId.DIFFICULTY, Map.of()));
        Map<LocalDate, DailyPoint> fees = bySeries.getOrDefault(SeriesId.FEES_BTC_PER_BLOCK, Map.of());
        Map<LocalDate, DailyPoint> price = bySeries.getOrDefault(SeriesId.BTC_USD, Map.of());
        Map<LocalDate, DailyPoint> cost = bySeries.getOrDefault(SeriesId.PRODUCTION_COST_USD, Map.of());
        Map<LocalDate, DailyPoint> hashprice = bySeries.getOrDefault(SeriesId.HASHPRICE_USD_PH_DAY, Map.of());

        List<DailyPoint> completed = new ArrayList<>(points);
        boolean needsFees = costModel instanceof ProductionCostModel.Energy;
        for (DailyPoint d : difficulty.values()) {
            LocalDate day = d.day();
            boolean missingCost = !cost.containsKey(day);
            boolean missingHashprice = !hashprice.containsKey(day);
            if (!missingCost && !missingHashprice) {
                continue;
            }
            long height = IssuanceSchedule.estimatedHeightOn(day);
            double subsidy = IssuanceSchedule.subsidyAt(height);
            DailyPoint dayFees = fees.get(day);
            if (missingCost && (!needsFees || dayFees != null)) {
                Double given = supplyBtc.get(day);
                double supply = given != null ? given : IssuanceSchedule.supplyAt(height);
                completed.add(DerivedPoints.productionCost(day, costModel, new ProductionCostModel.Network(d.value(),
                                supply, subsidy, dayFees == null ? 0 : dayFees.value()),
                        Map.of("supplyFrom", given != null ? "given" : "issuance schedule at estimated height " + height),
                        d.sources(), d.asOf(), d.isFinal()));
            }
            DailyPoint dayPrice = price.get(day);
            if (missingHashprice && dayFees != null && dayPrice != null) {
                List<String> inputs = new ArrayList<>(d.sources());
                inputs.addAll(dayPrice.sources());
                completed.add(DerivedPoints.hashprice(day, d.value(), subsidy, dayFees.value(), dayPrice, inputs,
                        d.asOf(), d.isFinal()));
            }
        }
        return completed;
    }
}
