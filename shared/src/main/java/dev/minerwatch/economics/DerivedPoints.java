package dev.minerwatch.economics;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The derived points, as the network collector stores them and a history is completed with them: the
 * production cost with its model's id, version, parameters and supply, and the hashprice with its inputs and where
 * its fees came from. Sources start with {@code derived}, then the sources of the inputs.
 */
public final class DerivedPoints {

    public static final String DERIVED = "derived";
    /** The detail saying where a hashprice's fees per block came from. */
    public static final String FEES = "fees";
    /**
     * The detail marking a point derived from a past day's daily points (backfill, import, replay), not from a
     * collector's readings of the day itself.
     */
    public static final String DERIVED_FROM = "derivedFrom";

    public static final String HISTORY = "history";
    /** A detail of an input point saying how it was read, in words: the provenance of what is derived from it. */
    public static final String READING = "reading";

    private DerivedPoints() {}

    /**
     * The fees per block a hashprice counts, and where they came from. Without fee data the subsidy alone gives a
     * lower bound (fees were about 1-3% of miners' revenue in 2024-2026: docs/domain.md).
     */
    public record FeesInput(double btcPerBlock, String provenance) {
        public static final FeesInput NONE = new FeesInput(0, "none: subsidy only, a lower bound");

        /** The fees of a stored or given {@code fees_btc_per_block} point: its sources, and its reading or value. */
        public static FeesInput of(DailyPoint fees) {
            String reading = fees.details().get(READING);
            return new FeesInput(
                    fees.value(),
                    String.join(",", fees.sources()) + " "
                            + (reading != null
                                    ? reading
                                    : "fees_btc_per_block " + Amounts.plain(fees.value()) + " BTC"));
        }
    }

    /**
     * What the issuance schedule gives at a block height: the subsidy a block earns and the supply so far, the inputs
     * of the production cost and the hashprice.
     */
    public record Issuance(long height, double subsidyBtc, double supplyBtc) {

        public static Issuance atHeight(long height) {
            return new Issuance(height, IssuanceSchedule.subsidyAt(height), IssuanceSchedule.supplyAt(height));
        }

        /** At the height estimated for a day: for history that comes without heights (a replayed CSV). */
        public static Issuance estimatedOn(LocalDate day) {
            return atHeight(IssuanceSchedule.estimatedHeightOn(day));
        }
    }

    public static DailyPoint productionCost(
            LocalDate day,
            ProductionCostModel model,
            ProductionCostModel.Network network,
            Map<String, String> extraDetails,
            List<String> inputSources,
            Instant asOf,
            boolean isFinal) {
        Map<String, String> details = new TreeMap<>(model.details());
        details.put("supplyBtc", Amounts.plain(network.supplyBtc()));
        details.putAll(extraDetails);
        return new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                day,
                model.costUsdPerBtc(network),
                null,
                provenance(inputSources),
                asOf,
                isFinal,
                details);
    }

    public static DailyPoint hashprice(
            LocalDate day,
            double difficulty,
            double subsidyBtc,
            FeesInput fees,
            DailyPoint price,
            List<String> inputSources,
            Map<String, String> extraDetails,
            Instant asOf,
            boolean isFinal) {
        Map<String, String> details = new TreeMap<>(Map.of(
                "difficulty",
                Amounts.plain(difficulty),
                "subsidyBtc",
                Amounts.plain(subsidyBtc),
                "feesBtcPerBlock",
                Amounts.plain(fees.btcPerBlock()),
                FEES,
                fees.provenance(),
                "btcUsd",
                Amounts.plain(price.value())));
        details.putAll(extraDetails);
        return new DailyPoint(
                SeriesId.HASHPRICE_USD_PH_DAY,
                day,
                HashpriceCalculator.usdPerPhDay(difficulty, subsidyBtc, fees.btcPerBlock(), price.value()),
                null,
                provenance(inputSources),
                asOf,
                isFinal,
                details);
    }

    /** Whether a point was derived from a past day's daily points ({@link #DERIVED_FROM}). */
    public static boolean isHistoryDerivation(DailyPoint point) {
        return HISTORY.equals(point.details().get(DERIVED_FROM));
    }

    /** Whether a hashprice counts the subsidy alone: a lower bound. */
    public static boolean isLowerBound(DailyPoint point) {
        return FeesInput.NONE.provenance().equals(point.details().get(FEES));
    }

    /** {@code derived}, then the inputs' sources in order, each once. */
    private static List<String> provenance(List<String> inputSources) {
        List<String> sources = new ArrayList<>(List.of(DERIVED));
        sources.addAll(new TreeSet<>(inputSources));
        return sources;
    }
}
