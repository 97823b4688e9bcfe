package dev.minerwatch.sources;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.Observation;
import dev.minerwatch.sources.Sources.BlockchainInfo;
import dev.minerwatch.sources.Sources.CoinGecko;
import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.Sources.EtfFlowPath.EtfFlows;
import dev.minerwatch.sources.Sources.Mempool;
import dev.minerwatch.sources.Sources.SpotPriceSource;
import dev.minerwatch.sources.Sources.SpotPriceSource.SourceResult;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every provider endpoint the collectors call, each called once and judged ({@link ProviderProbe}): the contract
 * check of {@code minerwatch sources}.
 */
public final class ProviderContract {

    /** How old a daily index may be: it publishes yesterday's average by today. */
    static final Duration DAILY_INDEX_MAX_AGE = Duration.ofDays(2);
    /** How old the newest ETF session may be: a long weekend and a settlement day. */
    static final Duration ETF_SESSION_MAX_AGE = Duration.ofDays(5);

    private final HttpJsonClient http;
    private final List<ProviderProbe> probes;

    public ProviderContract(HttpJsonClient http, List<ProviderProbe> probes) {
        this.http = http;
        this.probes = List.copyOf(probes);
    }

    /** The probes of the configured sources, in the order the collectors call them. */
    public static ProviderContract of(
            HttpJsonClient http,
            List<SpotPriceSource> spot,
            CoinGecko coinGecko,
            Mempool mempool,
            BlockchainInfo blockchainInfo,
            List<EtfFlowPath> etfPaths) {
        List<ProviderProbe> probes = new ArrayList<>();
        for (SpotPriceSource source : spot) {
            probes.add(new ProviderProbe(
                    source.id(),
                    "spot prices",
                    CoinGeckoSource.MAX_QUOTE_AGE,
                    deadline -> spotReading(source, deadline)));
        }
        probes.add(new ProviderProbe(
                CoinGeckoSource.ID, "all-time high (coins/markets)", CoinGeckoSource.MAX_QUOTE_AGE, deadline -> {
                    CoinGeckoSource.AllTimeHigh ath = coinGecko.bitcoinAllTimeHigh(deadline);
                    return new ProviderProbe.Reading(
                            "BTC ATH " + Amounts.format(ath.priceUsd(), "USD") + " reached "
                                    + LocalDate.ofInstant(ath.reachedAt(), ZoneOffset.UTC),
                            Optional.of(ath.observedAt()));
                }));
        probes.add(new ProviderProbe(MempoolSource.ID, "hashrate/3d", DAILY_INDEX_MAX_AGE, deadline -> {
            MempoolSource.Hashrate hashrate = mempool.hashrate(deadline);
            return new ProviderProbe.Reading(
                    hashrate.dailyEhs().size() + " daily averages, newest "
                            + hashrate.currentEhs().map(ehs -> ehs + " EH/s").orElse("(currentHashrate 0: node down)")
                            + String.format(Locale.ROOT, ", difficulty %.2fT", hashrate.difficulty() / 1e12),
                    Optional.of(hashrate.newestAverageAt()));
        }));
        probes.add(new ProviderProbe(MempoolSource.ID, "reward-stats/144", null, deadline -> {
            MempoolSource.Fees fees = mempool.fees(deadline);
            return new ProviderProbe.Reading(
                    fees.btcPerBlock() + " BTC fees per block to height " + fees.endBlock()
                            + " (block heights, no clock time)",
                    Optional.empty());
        }));
        probes.add(new ProviderProbe(BlockchainInfoSource.ID, "charts/hash-rate", DAILY_INDEX_MAX_AGE, deadline -> {
            var daily = blockchainInfo.dailyHashrateEhs("1week", deadline);
            LocalDate newest = daily.keySet().stream().max(LocalDate::compareTo).orElseThrow();
            return new ProviderProbe.Reading(
                    daily.size() + " days, newest " + daily.get(newest) + " EH/s on " + newest,
                    Optional.of(newest.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }));
        for (EtfFlowPath path : etfPaths) {
            probes.add(new ProviderProbe(path.source(), "ETF flows", ETF_SESSION_MAX_AGE, deadline -> {
                EtfFlows flows = path.dailyNetFlows(deadline);
                LocalDate newest =
                        flows.updatedThrough().orElse(flows.sessions().lastKey());
                return new ProviderProbe.Reading(
                        flows.path() + ": " + flows.sessions().size() + " sessions "
                                + flows.sessions().firstKey() + ".."
                                + flows.sessions().lastKey()
                                + Provider.attribution(List.of(flows.source()))
                                        .map(a -> "; " + a)
                                        .orElse(""),
                        Optional.of(newest.atStartOfDay(ZoneOffset.UTC).toInstant()));
            }));
        }
        return new ProviderContract(http, probes);
    }

    private static ProviderProbe.Reading spotReading(SpotPriceSource source, Deadline deadline) throws SourceException {
        SourceResult result = source.spotPrices(deadline);
        if (!result.failures().isEmpty()) {
            throw result.failures().get(0).error();
        }
        String prices = result.observations().stream()
                .map(o -> o.series().id() + " "
                        + Amounts.format(o.value(), o.series().unit()))
                .collect(Collectors.joining(", "));
        // Coinbase and Kraken give no quote time: their observations carry the run's clock.
        Optional<Instant> time = source.id().equals(CoinGeckoSource.ID)
                ? result.observations().stream().map(Observation::observedAt).min(Instant::compareTo)
                : Optional.empty();
        return new ProviderProbe.Reading(prices, time);
    }

    /** Each probe once, in order, all within {@code budget}. */
    public List<ProviderProbe.Result> check(Instant now, Duration budget) {
        Deadline deadline = Deadline.in(budget);
        return probes.stream().map(probe -> probe.check(http, now, deadline)).toList();
    }

    /**
     * One provider endpoint checked against its contract: called once through the same client and parsed with every
     * check the collectors apply (shape, units, plausible magnitudes), its own time compared with the clock, and the
     * rate-limit headers it sent noted. What an operator runs after a deploy, and a test runs on the recorded answers.
     *
     * @param source   the provider, as failures and the client's rate-limit record name it
     * @param endpoint what is called, for the report
     * @param maxAge   how old the provider's newest data may be before it counts as stopped; null where it gives no time
     * @param call     the call and its parse
     */
    public record ProviderProbe(String source, String endpoint, Duration maxAge, Call call) {

        /** The call, parsed. */
        @FunctionalInterface
        public interface Call {
            Reading call(Deadline deadline) throws SourceException;
        }

        /** What a call showed: the figures in short, and the provider's own time where it gives one. */
        public record Reading(String summary, Optional<Instant> providerTime) {}

        /**
         * The outcome of one check.
         *
         * @param reading    what the call showed, when it answered in the expected shape and units
         * @param problem    why the endpoint does not keep its contract (unreachable, drifted, implausible, stopped)
         * @param age        how old the provider's newest data is, where it says
         * @param rateLimits the rate-limit headers of its answer
         */
        public record Result(
                ProviderProbe probe,
                Optional<Reading> reading,
                Optional<String> problem,
                Optional<Duration> age,
                Map<String, String> rateLimits) {
            public boolean ok() {
                return problem.isEmpty();
            }
        }

        /** Calls the endpoint once, by {@code deadline}, and judges the answer at {@code now}. */
        public Result check(HttpJsonClient http, Instant now, Deadline deadline) {
            Reading reading;
            try {
                reading = Sources.guarded(source, () -> call.call(deadline));
            } catch (SourceException e) {
                return new Result(
                        this,
                        Optional.empty(),
                        Optional.of(e.getMessage()),
                        Optional.empty(),
                        http.rateLimitHeaders(source));
            }
            Optional<Duration> age = reading.providerTime().map(time -> Duration.between(time, now));
            Optional<String> problem = age.filter(a -> maxAge != null && a.compareTo(maxAge) > 0)
                    .map(a -> source + ": newest data of "
                            + reading.providerTime().orElseThrow() + " is " + a.toHours() + " hours old (at most "
                            + maxAge.toHours() + " expected): the provider has stopped");
            return new Result(this, Optional.of(reading), problem, age, http.rateLimitHeaders(source));
        }
    }
}
