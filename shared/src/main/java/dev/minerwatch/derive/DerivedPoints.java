package dev.minerwatch.derive;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.PlainNumber;
import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The derived points, as the network collector stores them and a replay completes a history with them: the
 * production cost with its model's id, version, parameters and supply, and the hashprice with its inputs.
 * Sources start with {@code derived}, then the sources of the inputs.
 */
public final class DerivedPoints {

    public static final String DERIVED = "derived";

    private DerivedPoints() {
    }

    public static DailyPoint productionCost(LocalDate day, ProductionCostModel model, ProductionCostModel.Network network,
                                            Map<String, String> extraDetails, List<String> inputSources, Instant asOf,
                                            boolean isFinal) {
        Map<String, String> details = new TreeMap<>(model.details());
        details.put("supplyBtc", PlainNumber.of(network.supplyBtc()));
        details.putAll(extraDetails);
        return new DailyPoint(SeriesId.PRODUCTION_COST_USD, day, model.costUsdPerBtc(network), null,
                provenance(inputSources), asOf, isFinal, details);
    }

    public static DailyPoint hashprice(LocalDate day, double difficulty, double subsidyBtc, double feesBtcPerBlock,
                                       DailyPoint price, List<String> inputSources, Instant asOf, boolean isFinal) {
        return new DailyPoint(SeriesId.HASHPRICE_USD_PH_DAY, day,
                HashpriceCalculator.usdPerPhDay(difficulty, subsidyBtc, feesBtcPerBlock, price.value()), null,
                provenance(inputSources), asOf, isFinal,
                Map.of("difficulty", PlainNumber.of(difficulty), "subsidyBtc", PlainNumber.of(subsidyBtc),
                        "feesBtcPerBlock", PlainNumber.of(feesBtcPerBlock), "btcUsd", PlainNumber.of(price.value())));
    }

    /** {@code derived}, then the inputs' sources in order, each once. */
    private static List<String> provenance(List<String> inputSources) {
        List<String> sources = new ArrayList<>(List.of(DERIVED));
        sources.addAll(new TreeSet<>(inputSources));
        return sources;
    }
}
