package dev.minerwatch.sources;

import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

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
            reading = SourceCall.guarded(source, () -> call.call(deadline));
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
                .map(a -> source + ": newest data of " + reading.providerTime().orElseThrow() + " is " + a.toHours()
                        + " hours old (at most " + maxAge.toHours() + " expected): the provider has stopped");
        return new Result(this, Optional.of(reading), problem, age, http.rateLimitHeaders(source));
    }
}
