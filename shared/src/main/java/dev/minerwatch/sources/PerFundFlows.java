package dev.minerwatch.sources;

import java.time.LocalDate;
import java.util.Map;

/** Each fund's net flow in whole USD on one session. */
public record PerFundFlows(LocalDate day, Map<String, Double> byTicker) {
    public PerFundFlows {
        byTicker = Map.copyOf(byTicker);
    }
}
