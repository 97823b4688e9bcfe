package dev.minerwatch.collect;

import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The derived series of past days, computed from their daily points as the collectors compute them: the production
 * cost of each day with a difficulty, and the hashprice of each day with a difficulty and a price. The fees per block
 * come from the day's {@code fees_btc_per_block} point; a day without one counts the subsidy alone, a lower bound,
 * and says so in the point's provenance ({@link DerivedPoints.FeesInput#NONE}). Supply comes from the given supplies
 * or, without one, from the issuance schedule at the day's estimated height. Every point made here is marked
 * {@link DerivedPoints#isHistoryDerivation a history derivation}.
 *
 * <p>One computation for every use: a replay completes a CSV or the stored history with it ({@link #complete}), and
 * {@code backfill} and {@code import} store it ({@link #toStore}).
 */
public final class DerivedHistory {

    /** The series a derivation reads and writes. */
    public static final List<SeriesId> SERIES = List.of(
            SeriesId.DIFFICULTY,
            SeriesId.BTC_USD,
            SeriesId.FEES_BTC_PER_BLOCK,
            SeriesId.HASHPRICE_USD_PH_DAY,
            SeriesId.PRODUCTION_COST_USD);

    private static final Map<String, String> HISTORY = Map.of(DerivedPoints.DERIVED_FROM, DerivedPoints.HISTORY);

    private DerivedHistory() {}

    /** The history with the derived points it lacks added; a derived value already in it is kept. */
    public static List<DailyPoint> complete(
            List<DailyPoint> points, Map<LocalDate, Double> supplyBtc, ProductionCostModel costModel) {
        List<DailyPoint> completed = new ArrayList<>(points);
        completed.addAll(derive(points, supplyBtc, costModel));
        return completed;
    }

    /**
     * The derived points to store for the stored days from {@code first} to {@code last}: those the store lacks, and
     * those that differ from an earlier history derivation (a price or fees known since: a lower bound becomes the
     * hashprice with fees). A derived point the collectors made from the day's own readings, or a file gave, is kept.
     * (Stored fees are never removed, so a derivation that counted them is never redone from the subsidy alone.)
     */
    public static List<DailyPoint> toStore(
            PointStore points, LocalDate first, LocalDate last, ProductionCostModel costModel) {
        return toStoreWith(points, List.of(), Map.of(), first, last, costModel);
    }

    /**
     * {@link #toStore(PointStore, LocalDate, LocalDate, ProductionCostModel)} as it will be once {@code incoming}
     * points and supplies (each replacing the stored one of its day) are stored: computed before anything is written,
     * so that the points and what is derived from them can be written together.
     */
    public static List<DailyPoint> toStoreWith(
            PointStore points,
            List<DailyPoint> incoming,
            Map<LocalDate, Double> incomingSupply,
            LocalDate first,
            LocalDate last,
            ProductionCostModel costModel) {
        Map<SeriesId, Map<LocalDate, DailyPoint>> merged = new EnumMap<>(SeriesId.class);
        for (SeriesId series : SERIES) {
            Map<LocalDate, DailyPoint> days = new HashMap<>();
            points.range(series, first, last).forEach(p -> days.put(p.day(), p));
            merged.put(series, days);
        }
        incoming.stream()
                .filter(p -> merged.containsKey(p.series())
                        && !p.day().isBefore(first)
                        && !p.day().isAfter(last))
                .forEach(p -> merged.get(p.series()).put(p.day(), p));
        Map<LocalDate, Double> supply = new TreeMap<>(points.supply(first, last));
        supply.putAll(incomingSupply);
        return toStore(
                merged.values().stream().flatMap(days -> days.values().stream()).toList(), supply, costModel);
    }

    /** The derived points to store, given the stored points of {@link #SERIES} and the stored supply of their days. */
    static List<DailyPoint> toStore(
            List<DailyPoint> stored, Map<LocalDate, Double> supplyBtc, ProductionCostModel costModel) {
        List<DailyPoint> inputs = new ArrayList<>();
        Map<SeriesId, Map<LocalDate, DailyPoint>> earlier = new EnumMap<>(SeriesId.class);
        for (DailyPoint point : stored) {
            if (DerivedPoints.isHistoryDerivation(point)) {
                earlier.computeIfAbsent(point.series(), s -> new HashMap<>()).put(point.day(), point);
            } else {
                inputs.add(point);
            }
        }
        return derive(inputs, supplyBtc, costModel).stream()
                .filter(p ->
                        replaces(p, earlier.getOrDefault(p.series(), Map.of()).get(p.day())))
                .toList();
    }

    /** What a set of derived points says about the hashprices among them that count the subsidy alone, if any. */
    public static Optional<String> lowerBounds(List<DailyPoint> derived) {
        long days = derived.stream().filter(DerivedPoints::isLowerBound).count();
        return days == 0
                ? Optional.empty()
                : Optional.of("the hashprice of " + days + (days == 1 ? " day" : " days")
                        + " without fee data counts the subsidy alone: a lower bound");
    }

    /** Whether a new history derivation is worth storing over an earlier one (null: none): it differs from it. */
    private static boolean replaces(DailyPoint derived, DailyPoint earlier) {
        return earlier == null
                || derived.value() != earlier.value()
                || !derived.details().equals(earlier.details())
                || !derived.sources().equals(earlier.sources());
    }

    /** The derived points a history lacks. */
    private static List<DailyPoint> derive(
            List<DailyPoint> points, Map<LocalDate, Double> supplyBtc, ProductionCostModel costModel) {
        Map<SeriesId, Map<LocalDate, DailyPoint>> bySeries = new EnumMap<>(SeriesId.class);
        points.forEach(
                p -> bySeries.computeIfAbsent(p.series(), s -> new HashMap<>()).put(p.day(), p));
        Map<LocalDate, DailyPoint> difficulty = new TreeMap<>(bySeries.getOrDefault(SeriesId.DIFFICULTY, Map.of()));
        Map<LocalDate, DailyPoint> fees = bySeries.getOrDefault(SeriesId.FEES_BTC_PER_BLOCK, Map.of());
        Map<LocalDate, DailyPoint> price = bySeries.getOrDefault(SeriesId.BTC_USD, Map.of());
        Map<LocalDate, DailyPoint> cost = bySeries.getOrDefault(SeriesId.PRODUCTION_COST_USD, Map.of());
        Map<LocalDate, DailyPoint> hashprice = bySeries.getOrDefault(SeriesId.HASHPRICE_USD_PH_DAY, Map.of());

        List<DailyPoint> derived = new ArrayList<>();
        // The energy model divides by the block reward: without fees it would overstate the cost, so it waits for them.
        boolean costNeedsFees = costModel instanceof ProductionCostModel.Energy;
        for (DailyPoint d : difficulty.values()) {
            LocalDate day = d.day();
            DerivedPoints.Issuance issuance = DerivedPoints.Issuance.estimatedOn(day);
            long height = issuance.height();
            double subsidy = issuance.subsidyBtc();
            DailyPoint dayFees = fees.get(day);
            if (!cost.containsKey(day) && (!costNeedsFees || dayFees != null)) {
                Double given = supplyBtc.get(day);
                double supply = given != null ? given : issuance.supplyBtc();
                Map<String, String> details = new HashMap<>(HISTORY);
                details.put("supplyFrom", given != null ? "given" : "issuance schedule at estimated height " + height);
                derived.add(DerivedPoints.productionCost(
                        day,
                        costModel,
                        new ProductionCostModel.Network(
                                d.value(), supply, subsidy, dayFees == null ? 0 : dayFees.value()),
                        details,
                        d.sources(),
                        d.asOf(),
                        d.isFinal()));
            }
            DailyPoint dayPrice = price.get(day);
            if (!hashprice.containsKey(day) && dayPrice != null) {
                List<String> inputs = new ArrayList<>(d.sources());
                inputs.addAll(dayPrice.sources());
                if (dayFees != null) {
                    inputs.addAll(dayFees.sources());
                }
                derived.add(DerivedPoints.hashprice(
                        day,
                        d.value(),
                        subsidy,
                        dayFees == null ? DerivedPoints.FeesInput.NONE : DerivedPoints.FeesInput.of(dayFees),
                        dayPrice,
                        inputs,
                        HISTORY,
                        d.asOf(),
                        d.isFinal()));
            }
        }
        return derived;
    }
}
