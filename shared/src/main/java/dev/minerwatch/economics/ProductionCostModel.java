package dev.minerwatch.economics;

import dev.minerwatch.series.Amounts;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model of what producing one bitcoin costs, in USD. Every model has an id, a version and parameters, stored
 * with each point it produces, so that a cost can always be traced to how it was computed.
 */
public sealed interface ProductionCostModel {

    /** What the model needs to know about the network on a day. */
    record Network(double difficulty, double supplyBtc, double subsidyBtc, double feesBtcPerBlock) {}

    String id();

    int version();

    /** The parameters, as stored with each point. */
    Map<String, String> parameters();

    double costUsdPerBtc(Network network);

    /** id, version and parameters, for a point's details. */
    default Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>(parameters());
        details.put("model", id());
        details.put("version", Integer.toString(version()));
        return details;
    }

    /**
     * Difficulty regression: {@code cost = exp(A + B * ln(difficulty)) / supply}. The default fit (B = 1,
     * A = ln 0.0122698) goes through Checkonchain's published ~$87k of 5 February 2026.
     */
    record DifficultyRegression(String id, double a, double b) implements ProductionCostModel {
        public static final DifficultyRegression DEFAULT = new DifficultyRegression("drm", Math.log(0.0122698), 1.0);
        /** Glassnode's 2022 fit; it gives only about $38k in 2026. */
        public static final DifficultyRegression GLASSNODE_2022 =
                new DifficultyRegression("drm-glassnode-2022", 10.2560, 0.5250);

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of("A", format(a), "B", format(b));
        }

        @Override
        public double costUsdPerBtc(Network network) {
            return Math.exp(a + b * Math.log(network.difficulty())) / network.supplyBtc();
        }
    }

    /**
     * Energy: the electricity to find one BTC at a fleet efficiency, power price and PUE, times an all-in factor
     * for everything else (listed miners, 2024: 1.7 to 1.9).
     */
    record Energy(double joulesPerTh, double usdPerKwh, double pue, double allInFactor) implements ProductionCostModel {
        private static final double TWO_TO_32 = 4_294_967_296.0;

        @Override
        public String id() {
            return "energy";
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public Map<String, String> parameters() {
            return Map.of(
                    "joulesPerTh",
                    format(joulesPerTh),
                    "usdPerKwh",
                    format(usdPerKwh),
                    "pue",
                    format(pue),
                    "allInFactor",
                    format(allInFactor));
        }

        /** Electricity alone, USD per BTC. */
        public double electricityUsdPerBtc(Network network) {
            double terahashesPerBlock = network.difficulty() * TWO_TO_32 / 1e12;
            double kwhPerBlock = terahashesPerBlock * joulesPerTh / 3.6e6 * pue;
            return kwhPerBlock * usdPerKwh / (network.subsidyBtc() + network.feesBtcPerBlock());
        }

        @Override
        public double costUsdPerBtc(Network network) {
            return electricityUsdPerBtc(network) * allInFactor;
        }
    }

    /**
     * Reads a model from configuration: {@code drm} (default), {@code drm-glassnode-2022},
     * {@code drm:A=...,B=...}, or {@code energy:joulesPerTh=21.5,usdPerKwh=0.05,pue=1.1,allInFactor=1.8}.
     */
    public static ProductionCostModel parse(String spec) {
        String trimmed = spec == null ? "" : spec.trim();
        if (trimmed.isEmpty() || trimmed.equals("drm")) {
            return DifficultyRegression.DEFAULT;
        }
        if (trimmed.equals("drm-glassnode-2022")) {
            return DifficultyRegression.GLASSNODE_2022;
        }
        String[] kindAndValues = trimmed.split(":", 2);
        String kind = kindAndValues[0];
        Map<String, Double> values = new LinkedHashMap<>();
        if (kindAndValues.length == 2) {
            for (String pair : kindAndValues[1].split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("cost model '" + spec + "': '" + pair + "' is not name=value");
                }
                try {
                    double value = Double.parseDouble(kv[1].trim());
                    if (!Double.isFinite(value)) {
                        throw new NumberFormatException();
                    }
                    values.put(kv[0].trim(), value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cost model '" + spec + "': " + kv[0].trim() + "='"
                            + kv[1].trim() + "' is not a finite number");
                }
            }
        }
        return switch (kind) {
            case "drm" -> new DifficultyRegression("drm", required(spec, values, "A"), required(spec, values, "B"));
            case "energy" ->
                new Energy(
                        positive(spec, values, "joulesPerTh"),
                        positive(spec, values, "usdPerKwh"),
                        positive(spec, values, "pue"),
                        positive(spec, values, "allInFactor"));
            default ->
                throw new IllegalArgumentException(
                        "cost model '" + spec
                                + "' is unknown; use drm, drm-glassnode-2022, drm:A=..,B=.. or energy:joulesPerTh=..,usdPerKwh=..,pue=..,allInFactor=..");
        };
    }

    private static double required(String spec, Map<String, Double> values, String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("cost model '" + spec + "' needs " + name);
        }
        return value;
    }

    private static double positive(String spec, Map<String, Double> values, String name) {
        double value = required(spec, values, name);
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "cost model '" + spec + "': " + name + " must be positive, not " + value);
        }
        return value;
    }

    private static String format(double value) {
        return Amounts.plain(value);
    }
}
