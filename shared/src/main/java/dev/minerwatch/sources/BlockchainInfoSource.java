package dev.minerwatch.sources;

import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * blockchain.com's hash-rate chart, the fallback for hashrate history. Values are in TH/s (its {@code /stats}
 * endpoint reports GH/s: not used), keyed by Unix seconds at 00:00 UTC; returned here in EH/s.
 */
final class BlockchainInfoSource implements Sources.BlockchainInfo {

    static final double TERAHASHES_PER_EXAHASH = 1e6;

    private final HttpJsonClient http;
    private final URI baseUrl;

    BlockchainInfoSource(HttpJsonClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** Daily hashrate in EH/s by UTC day, over the last {@code timespan} (such as {@code 1week} or {@code 1year}). */
    @Override
    public Map<LocalDate, Double> dailyHashrateEhs(String timespan, Deadline deadline) throws SourceException {
        Object root = http.get(
                ID,
                URI.create(baseUrl + "/charts/hash-rate?timespan=" + timespan + "&format=json&sampled=false"),
                Map.of(),
                deadline);
        String status = JsonFields.text(ID, root, "status");
        if (!status.equals("ok")) {
            throw SourceException.malformed(ID, "status", "value '" + status + "' is not ok");
        }
        String unit = JsonFields.text(ID, root, "unit");
        if (!unit.contains("TH/s")) {
            throw SourceException.malformed(ID, "unit", "value '" + unit + "' is not TH/s");
        }
        List<?> values = JsonFields.array(ID, root, "values");
        if (values.isEmpty()) {
            throw SourceException.malformed(ID, "values", "is an empty array");
        }
        Map<LocalDate, Double> daily = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            Instant time = JsonFields.epochSeconds(ID, root, "values." + i + ".x");
            double ehs = MempoolSource.toEhs(1e12
                    * JsonFields.numberWithin(
                            ID,
                            root,
                            "values." + i + ".y",
                            MempoolSource.MIN_EHS * TERAHASHES_PER_EXAHASH,
                            MempoolSource.MAX_EHS * TERAHASHES_PER_EXAHASH,
                            "TH/s"));
            daily.put(LocalDate.ofInstant(time, ZoneOffset.UTC), ehs);
        }
        return daily;
    }
}
