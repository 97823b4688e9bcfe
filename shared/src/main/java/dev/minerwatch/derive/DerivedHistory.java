package dev.minerwatch.derive;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.PlainNumber;
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
        for (DailyPoint d : difficulty.values()) {
            LocalDate day = d.day();
            long height = IssuanceSchedule.estimatedHeightOn(day);
            double subsidy = IssuanceSchedule.subsidyAt(height);
            Double supply = supplyBtc.get(day);
            String supplyBasis = supply != null ? "given" : "issuance schedule at estimated height " + height;
            double circulating = supply != null ? supply : IssuanceSchedule.supplyAt(height);
            DailyPoint dayFees = fees.get(day);
            boolean needsFees = costModel instanceof ProductionCostModel.Energy;
            if (!cost.containsKey(day) && (!needsFees || dayFees != null)) {
                var network = new ProductionCostModel.Network(d.value(), circulating, subsidy,
                        dayFees == null ? 0 : dayFees.value());
                Map<String, String> details = new TreeMap<>(costModel.details());
                details.put("supplyBtc", PlainNumber.of(circulating));
                details.put("supplyFrom", supplyBasis);
                completed.add(new DailyPoint(SeriesId.PRODUCTION_COST_USD, day, costModel.costUsdPerBtc(network), null,
                        List.of("derived"), d.asOf(), d.isFinal(), details));
            }
            DailyPoint dayPrice = price.get(day);
            if (!hashprice.containsKey(day) && dayFees != null && dayPrice != null) {
                completed.add(new DailyPoint(SeriesId.HASHPRICE_USD_PH_DAY, day,
                        HashpriceCalculator.usdPerPhDay(d.value(), subsidy, dayFees.value(), dayPrice.value()), null,
                        List.of("derived"), d.asOf(), d.isFinal(), Map.of("subsidyBtc", PlainNumber.of(subsidy))));
            }
        }
        return completed;
    }
}
