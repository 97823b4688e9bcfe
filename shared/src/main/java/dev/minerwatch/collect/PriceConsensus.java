package dev.minerwatch.collect;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
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
 * <p>A value that no two sources agree on rests on one source's word, and a second opinion decides: it is
 * accepted only within the bound of a {@link Reference} (within {@link #SINGLE_SOURCE_BAND} of the last stored
 * consensus or, with nothing stored, between a tenth of and 15% above Bitcoin's all-time high), and refused as
 * unconfirmed otherwise, so that one exchange quoting 10× off while the others are down stores nothing, on a
 * first run too. Of two sources that disagree, the one within the bound is taken, if only one is. With no second
 * opinion at all, a lone quote is refused.
 */
final class PriceConsensus {

    public static final double MAX_DEVIATION = 0.02;
    /** How far from the last stored consensus a price that only one source vouches for may be. */
    public static final double SINGLE_SOURCE_BAND = 0.15;

    private PriceConsensus() {}

    /**
     * What a lone source's price is held against: the bounds it must lie within, and where they come from, such as
     * "±15% of the stored 2026-02-05 open 69280.1".
     */
    public record Reference(double low, double high, String description) {

        /** Within {@link #SINGLE_SOURCE_BAND} of a stored value, described as "the stored 2026-02-05 open". */
        public static Reference around(double value, String description) {
            return new Reference(
                    value * (1 - SINGLE_SOURCE_BAND),
                    value * (1 + SINGLE_SOURCE_BAND),
                    String.format(
                            Locale.ROOT,
                            "±%.0f%% of %s %s",
                            SINGLE_SOURCE_BAND * 100,
                            description,
                            Amounts.plain(value)));
        }

        /**
         * From a tenth of an all-time high ({@link #MAX_DRAWDOWN}) to {@link #SINGLE_SOURCE_BAND} above it (a new
         * high), described as "CoinGecko's all-time high".
         */
        public static Reference belowHigh(double high, String description) {
            return new Reference(
                    high / MAX_DRAWDOWN,
                    high * (1 + SINGLE_SOURCE_BAND),
                    "a tenth of to " + Math.round(SINGLE_SOURCE_BAND * 100) + "% above " + description + " "
                            + Amounts.plain(high));
        }

        boolean holds(double value) {
            return value >= low && value <= high;
        }

        /** The bound in words, with its figures. */
        String bound() {
            return description + " (" + Amounts.plain(round(low)) + ".." + Amounts.plain(round(high)) + ")";
        }
    }

    /**
     * How far below its all-time high Bitcoin's price can be: a tenth. Since 2012 it has not been below about an
     * eighth (January 2015: $152 against $1,242).
     */
    public static final double MAX_DRAWDOWN = 10;

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

    /** No two sources agree: a quote within the reference's bound is taken, if exactly one is. */
    private static Result oneSourceAgainstHistory(List<Observation> quotes, Reference reference, List<String> remarks) {
        List<Observation> plausible =
                quotes.stream().filter(q -> reference.holds(q.value())).toList();
        for (Observation quote : quotes) {
            if (!plausible.contains(quote)) {
                remarks.add(String.join(",", quote.sources()) + " " + quote.series() + " "
                        + Amounts.plain(quote.value())
                        + " refused as unconfirmed: no other source agrees and it is outside the bound "
                        + reference.bound() + "; not stored");
            }
        }
        if (plausible.size() != 1) {
            if (plausible.size() > 1) {
                remarks.add(quotes.get(0).series() + ": " + sourcesOf(plausible) + " disagree and each is within "
                        + reference.bound() + "; not stored");
            }
            return new Result(Optional.empty(), remarks);
        }
        Observation quote = plausible.get(0);
        remarks.add(quote.sources().get(0) + " " + quote.series() + " " + Amounts.plain(quote.value())
                + " taken on one source's word: within " + reference.bound());
        return new Result(Optional.of(quote), remarks);
    }

    /** No second opinion to hold a lone quote against: it is refused, and the report says why. */
    private static Result oneSourceWithoutHistory(List<Observation> kept, List<String> remarks) {
        for (Observation quote : kept) {
            remarks.add(String.join(",", quote.sources()) + " " + quote.series() + " " + Amounts.plain(quote.value())
                    + " refused as unconfirmed: no other source agrees, and there is no second opinion (no stored price"
                    + (quote.series() == SeriesId.BTC_USD ? ", no all-time high" : "") + ") to hold it against;"
                    + " not stored");
        }
        return new Result(Optional.empty(), remarks);
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
