package dev.minerwatch.sources;

import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * mempool.space's mining API: daily hashrate averages and the current difficulty ({@code /hashrate/3d}), the
 * fees of the last 144 blocks ({@code /reward-stats/144}), and the history of fees per block
 * ({@code /blocks/fees/{period}}). Hashrates arrive in H/s and are returned in EH/s; satoshi amounts arrive as
 * strings or numbers.
 */
final class MempoolSource implements Sources.Mempool {

    static final double HASHES_PER_EXAHASH = 1e18;
    static final double MIN_EHS = 1;
    static final double MAX_EHS = Plausibility.maxMagnitude(SeriesId.HASHRATE_EHS);
    static final double MIN_DIFFICULTY = 1e12;
    static final double MAX_DIFFICULTY = Plausibility.maxMagnitude(SeriesId.DIFFICULTY);
    static final double SATS_PER_BTC = 1e8;
    static final double MAX_FEES_SATS_PER_BLOCK = Plausibility.maxMagnitude(SeriesId.FEES_BTC_PER_BLOCK) * SATS_PER_BTC;
    static final double MAX_HEIGHT = 100_000_000;

    private final HttpJsonClient http;
    private final URI baseUrl;

    MempoolSource(HttpJsonClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    /** The last three days: what a scheduled run needs. */
    @Override
    public Hashrate hashrate(Deadline deadline) throws SourceException {
        return hashrate("3d", deadline);
    }

    /** Daily averages over a period mempool.space offers: 3d, 1m, 3m, 6m, 1y, 2y or 3y. */
    @Override
    public Hashrate hashrate(String period, Deadline deadline) throws SourceException {
        Object root = http.get(ID, URI.create(baseUrl + "/api/v1/mining/hashrate/" + period), Map.of(), deadline);
        List<?> list = JsonFields.array(ID, root, "hashrates");
        if (list.isEmpty()) {
            throw SourceException.malformed(ID, "hashrates", "is an empty array");
        }
        Map<LocalDate, Double> daily = new TreeMap<>();
        Instant newest = Instant.MIN;
        for (int i = 0; i < list.size(); i++) {
            String at = "hashrates." + i;
            Instant time = JsonFields.epochSeconds(ID, root, at + ".timestamp");
            newest = time.isAfter(newest) ? time : newest;
            double ehs = toEhs(JsonFields.numberWithin(
                    ID, root, at + ".avgHashrate", MIN_EHS * HASHES_PER_EXAHASH, MAX_EHS * HASHES_PER_EXAHASH, "H/s"));
            daily.put(LocalDate.ofInstant(time, ZoneOffset.UTC), ehs);
        }
        double difficulty = JsonFields.numberWithin(ID, root, "currentDifficulty", MIN_DIFFICULTY, MAX_DIFFICULTY, "");
        return new Hashrate(daily, currentEhs(root), difficulty, adjustments(root), newest);
    }

    /** The node's current estimate; 0 is what mempool answers while its Bitcoin node is unreachable: no value. */
    private static Optional<Double> currentEhs(Object root) throws SourceException {
        if (JsonFields.number(ID, root, "currentHashrate") == 0) {
            return Optional.empty();
        }
        return Optional.of(toEhs(JsonFields.numberWithin(
                ID, root, "currentHashrate", MIN_EHS * HASHES_PER_EXAHASH, MAX_EHS * HASHES_PER_EXAHASH, "H/s")));
    }

    /** H/s to EH/s, kept to 1 TH/s (1e-6 EH/s) so that the division leaves no binary noise. */
    static double toEhs(double hashesPerSecond) {
        return Math.round(hashesPerSecond / 1e12) / 1e6;
    }

    /**
     * The adjustments, when the answer lists them (the short periods may not). Entries have been keyed both
     * {@code time} and {@code timestamp}: either is accepted.
     */
    private static Map<LocalDate, Double> adjustments(Object root) throws SourceException {
        Map<LocalDate, Double> adjustments = new TreeMap<>();
        if (!JsonFields.has(root, "difficulty")) {
            return adjustments;
        }
        List<?> list = JsonFields.array(ID, root, "difficulty");
        for (int i = 0; i < list.size(); i++) {
            String at = "difficulty." + i;
            String timeField = JsonFields.has(list.get(i), "time") ? ".time" : ".timestamp";
            Instant time = JsonFields.epochSeconds(ID, root, at + timeField);
            double difficulty =
                    JsonFields.numberWithin(ID, root, at + ".difficulty", MIN_DIFFICULTY, MAX_DIFFICULTY, "");
            adjustments.put(LocalDate.ofInstant(time, ZoneOffset.UTC), difficulty);
        }
        return adjustments;
    }

    /**
     * The fees per block over a period ({@code /blocks/fees/{period}}: {@code [{avgHeight, timestamp, avgFees}]},
     * one entry per bucket of time, fees in satoshis), by UTC day. mempool's buckets divide the day evenly (30 min for
     * 1m up to 12 h for 3y), so each lies inside one UTC day.
     */
    @Override
    public FeeHistory feeHistory(String period, Deadline deadline) throws SourceException {
        Object root = http.get(ID, URI.create(baseUrl + "/api/v1/mining/blocks/fees/" + period), Map.of(), deadline);
        String field = "blocks/fees/" + period;
        if (!(root instanceof List<?> buckets)) {
            throw SourceException.malformed(ID, field, "value " + JsonFields.shown(root) + " is not an array");
        }
        if (buckets.isEmpty()) {
            throw SourceException.malformed(ID, field, "is an empty array");
        }
        Map<LocalDate, long[]> sums = new TreeMap<>(); // day -> {fees, heights, buckets}
        for (int i = 0; i < buckets.size(); i++) {
            Instant time = JsonFields.epochSeconds(ID, root, i + ".timestamp");
            long height = (long) JsonFields.numberWithin(ID, root, i + ".avgHeight", 0, MAX_HEIGHT, "");
            long sats = Math.round(
                    JsonFields.numberWithin(ID, root, i + ".avgFees", 0, MAX_FEES_SATS_PER_BLOCK, "sat per block"));
            long[] sum = sums.computeIfAbsent(LocalDate.ofInstant(time, ZoneOffset.UTC), day -> new long[3]);
            sum[0] += sats;
            sum[1] += height;
            sum[2]++;
        }
        Map<LocalDate, DayFees> daily = new TreeMap<>();
        sums.forEach((day, sum) -> daily.put(
                day,
                new DayFees(Math.round((double) sum[0] / sum[2]), Math.round((double) sum[1] / sum[2]), (int) sum[2])));
        return new FeeHistory(period, daily);
    }

    @Override
    public DifficultyAdjustment difficultyAdjustment(Deadline deadline) throws SourceException {
        Object root = http.get(ID, URI.create(baseUrl + "/api/v1/difficulty-adjustment"), Map.of(), deadline);
        return new DifficultyAdjustment(
                JsonFields.numberWithin(ID, root, "progressPercent", 0, 100, "%"),
                JsonFields.numberWithin(ID, root, "difficultyChange", -75, 300, "%"),
                JsonFields.epochMillis(ID, root, "estimatedRetargetDate"),
                (long) JsonFields.numberWithin(ID, root, "remainingBlocks", 0, RETARGET_INTERVAL_BLOCKS, "blocks"),
                (long) JsonFields.numberWithin(
                        ID, root, "nextRetargetHeight", RETARGET_INTERVAL_BLOCKS, MAX_HEIGHT, ""),
                Duration.ofMillis((long) JsonFields.numberWithin(
                        ID, root, "timeAvg", MIN_BLOCK_INTERVAL_MS, MAX_BLOCK_INTERVAL_MS, "ms")));
    }

    /** An epoch's mean block interval is bounded by the retarget's factor of 4 around ten minutes. */
    private static final double MIN_BLOCK_INTERVAL_MS = 150_000, MAX_BLOCK_INTERVAL_MS = 2_400_000;

    /** Blocks between two difficulty adjustments. */
    static final int RETARGET_INTERVAL_BLOCKS = 2016;

    @Override
    public Fees fees(Deadline deadline) throws SourceException {
        Object root = http.get(ID, URI.create(baseUrl + "/api/v1/mining/reward-stats/144"), Map.of(), deadline);
        long start = (long) JsonFields.numberWithin(ID, root, "startBlock", 0, 100_000_000, "");
        long end = (long) JsonFields.numberWithin(ID, root, "endBlock", start, 100_000_000, "");
        double totalFeeSats = JsonFields.numberWithin(ID, root, "totalFee", 0, 21e14, "sat");
        long blocks = end - start + 1;
        return new Fees(totalFeeSats / 1e8 / blocks, end);
    }
}
