package dev.minerwatch.collect;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Combines one series' quotes from several sources into one observation: the median of the quotes, after
 * leaving out any quote more than {@link #MAX_DEVIATION} away from the median of all of them. Two sources that
 * disagree by more than twice that cannot both be trusted.
 *
 * <p>A value that no two sources agree on rests on one source's word, and history decides: it is accepted only
 * within {@link #SINGLE_SOURCE_BAND} of the last stored consensus (the {@link Reference}), and refused as
 * unconfirmed otherwise, so that one exchange quoting 10× off while the others are down stores nothing. Of two
 * sources that disagree, the one within the band is taken, if only one is. With no stored history at all, a
 * single source is accepted (there is nothing to hold it against: the first run of a new installation, while
 * another source is down), and the report says so.
 */
final class PriceConsensus {

    public static final double MAX_DEVIATION = 0.02;
    /** How far from the last stored consensus a price that only one source vouches for may be. */
    public static final double SINGLE_SOURCE_BAND = 0.15;

    private PriceConsensus() {}

    /** What a lone source's price is held against: a stored value and what it is ("the stored 2026-02-05 open"). */
    public record Reference(double value, String description) {}

    /**
     * The combined observation, if any, and remarks on the quotes: those left out or refused, with the reason
     * and the bound, and a value accepted on one source's word.
     */
    public record Result(Optional<Observation> observation, List<String> remarks) {
        public Result {
            remarks = List.copyOf(remarks);
        }
    }

    public static Result combine(List<Observation> quotes, Optional<Reference> reference) {
        if (quotes.isEmpty()) {
            return new Result(Optional.empty(), List.of());
        }
        double median = median(quotes);
        List<Observation> kept = new ArrayList<>();
        List<String> remarks = new ArrayList<>();
        for (Observation quote : quotes) {
            double deviation = (quote.value() - median) / median;
            if (Math.abs(deviation) > MAX_DEVIATION) {
                remarks.add(String.format(
                        Locale.ROOT,
                        "%s %s %s is %+.2f%% from the median %s of %s; left out",
                        String.join(",", quote.sources()),
                        quote.series(),
                        Amounts.plain(quote.value()),
                        deviation * 100,
                        Amounts.plain(median),
                        sourcesOf(quotes)));
            } else {
                kept.add(quote);
            }
        }
        if (kept.size() >= 2) {
            return new Result(Optional.of(combined(kept)), remarks);
        }
        return reference
                .map(r -> oneSourceAgainstHistory(quotes, r, remarks))
                .orElseGet(() -> oneSourceWithoutHistory(kept, remarks));
    }

    /** No two sources agree: a quote within the band of the stored reference is taken, if exactly one is. */
    private static Result oneSourceAgainstHistory(List<Observation> quotes, Reference reference, List<String> remarks) {
        double low = reference.value() * (1 - SINGLE_SOURCE_BAND);
        double high = reference.value() * (1 + SINGLE_SOURCE_BAND);
        List<Observation> plausible = quotes.stream()
                .filter(q -> q.value() >= low && q.value() <= high)
                .toList();
        String bound = String.format(
                Locale.ROOT,
                "±%.0f%% of %s %s (%s..%s)",
                SINGLE_SOURCE_BAND * 100,
                reference.description(),
                Amounts.plain(reference.value()),
                Amounts.plain(round(low)),
                Amounts.plain(round(high)));
        for (Observation quote : quotes) {
            if (!plausible.contains(quote)) {
                remarks.add(String.format(
                        Locale.ROOT,
                        "%s %s %s refused as unconfirmed: no other source agrees and it is "
                                + "%+.2f%% from %s, outside the bound %s; not stored",
                        String.join(",", quote.sources()),
                        quote.series(),
                        Amounts.plain(quote.value()),
                        (quote.value() / reference.value() - 1) * 100,
                        reference.description(),
                        bound));
            }
        }
        if (plausible.size() != 1) {
            if (plausible.size() > 1) {
                remarks.add(quotes.get(0).series() + ": " + sourcesOf(plausible) + " disagree and each is within "
                        + bound + "; not stored");
            }
            return new Result(Optional.empty(), remarks);
        }
        Observation quote = plausible.get(0);
        remarks.add(quote.sources().get(0) + " " + quote.series() + " " + Amounts.plain(quote.value())
                + " taken on one source's word: within " + bound);
        return new Result(Optional.of(quote), remarks);
    }

    /** Nothing stored to hold a lone quote against: it stands, and the report says so. */
    private static Result oneSourceWithoutHistory(List<Observation> kept, List<String> remarks) {
        if (kept.isEmpty()) {
            return new Result(Optional.empty(), remarks);
        }
        Observation quote = kept.get(0);
        remarks.add(quote.sources().get(0) + " " + quote.series() + " " + Amounts.plain(quote.value())
                + " taken on one source's word, unconfirmed: no stored price to hold it against");
        return new Result(Optional.of(quote), remarks);
    }

    private static Observation combined(List<Observation> kept) {
        Instant asOf = kept.stream()
                .map(Observation::observedAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        return new Observation(kept.get(0).series(), median(kept), asOf, sourcesOf(kept));
    }

    private static double round(double usd) {
        return Math.round(usd * 100) / 100.0;
    }

    private static double median(List<Observation> quotes) {
        double[] values =
                quotes.stream().mapToDouble(Observation::value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static List<String> sourcesOf(List<Observation> quotes) {
        return quotes.stream()
                .flatMap(q -> q.sources().stream())
                .distinct()
                .sorted()
                .toList();
    }
}
