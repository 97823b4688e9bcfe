package dev.minerwatch.collect;

import dev.minerwatch.series.Observation;
import dev.minerwatch.series.PlainNumber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Combines one series' quotes from several sources into one observation: the median of the quotes, after
 * leaving out any quote more than {@link #MAX_DEVIATION} away from the median of all of them. Two sources that
 * disagree by more than twice that cannot both be trusted, and give no value.
 */
public final class PriceConsensus {

    public static final double MAX_DEVIATION = 0.02;

    private PriceConsensus() {
    }

    /** The combined observation, if any, and the quotes left out with the reason. */
    public record Result(Optional<Observation> observation, List<String> excluded) {
        public Result {
            excluded = List.copyOf(excluded);
        }
    }

    public static Result combine(List<Observation> quotes) {
        if (quotes.isEmpty()) {
            return new Result(Optional.empty(), List.of());
        }
        double median = median(quotes);
        List<Observation> kept = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Observation quote : quotes) {
            double deviation = (quote.value() - median) / median;
            if (Math.abs(deviation) > MAX_DEVIATION) {
                excluded.add(String.format(Locale.ROOT, "%s %s %s is %+.2f%% from the median %s of %s; left out",
                        String.join(",", quote.sources()), quote.series(), PlainNumber.of(quote.value()), deviation * 100,
                        PlainNumber.of(median), sourcesOf(quotes)));
            } else {
                kept.add(quote);
            }
        }
        if (kept.isEmpty()) {
            return new Result(Optional.empty(), excluded);
        }
        Instant asOf = kept.stream().map(Observation::observedAt).max(Comparator.naturalOrder()).orElseThrow();
        return new Result(Optional.of(new Observation(quotes.get(0).series(), median(kept), asOf, sourcesOf(kept))), excluded);
    }

    private static double median(List<Observation> quotes) {
        double[] values = quotes.stream().mapToDouble(Observation::value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static List<String> sourcesOf(List<Observation> quotes) {
        return quotes.stream().flatMap(q -> q.sources().stream()).distinct().sorted().toList();
    }
}
