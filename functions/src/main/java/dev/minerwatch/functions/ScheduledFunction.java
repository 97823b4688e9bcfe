package dev.minerwatch.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.json.Json;
import dev.minerwatch.priming.Priming;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.sources.http.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * The shape every minerwatch function shares: read the scheduler's {@code Input}, run one piece of domain
 * code, log and return its report as JSON. Stream handlers over jackson-jr's simple objects keep
 * data binding off the cold path.
 *
 * <p>Under SnapStart the handler primes itself before the snapshot ({@link Priming}: no I/O, no state kept);
 * elsewhere the registration is a no-op.
 */
abstract class ScheduledFunction implements RequestStreamHandler, Resource {

    private final Minerwatch minerwatch;
    private final Clock clock;
    private int primingRounds = Priming.ROUNDS;

    ScheduledFunction(Minerwatch minerwatch, Clock clock) {
        // Every mistake at once, at init: a misconfigured function never starts (./minerwatch check shows the same).
        minerwatch.requireValidConfiguration();
        this.minerwatch = minerwatch;
        this.clock = clock;
        Core.getGlobalContext().register(this);
    }

    /**
     * Provider calls end this long before the function's own timeout, which leaves the run the time to store what
     * it collected.
     */
    static final Duration STORE_RESERVE = Duration.ofSeconds(20);

    /**
     * Runs the function's work for one invocation and returns its report: the scheduler's fields, the whole event
     * (for functions that read more of it), and the deadline its provider calls end by.
     */
    abstract Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers);

    /**
     * Primes in {@code rounds} rounds rather than {@link Priming#ROUNDS}: for a test of what priming reaches, which
     * one round shows (every handler primes the same paths); SnapStartPrimingTest primes one handler in full.
     */
    ScheduledFunction primingIn(int rounds) {
        this.primingRounds = rounds;
        return this;
    }

    Minerwatch minerwatch() {
        return minerwatch;
    }

    Clock clock() {
        return clock;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] body = input.readAllBytes();
        Object event = body.length == 0 ? null : Json.parse(body);
        Deadline providers = Deadline.in(
                Duration.ofMillis(Math.max(1_000L, context.getRemainingTimeInMillis() - STORE_RESERVE.toMillis())));
        String report = Json.write(run(ScheduledInvocation.fromJson(event, clock), event, providers));
        context.getLogger().log(report + "\n");
        output.write(report.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.Result primed = Priming.prime(new RuleEngine(minerwatch.rules()), minerwatch.settings(), primingRounds);
        System.out.println("primed before the snapshot: " + primed);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: keys and credentials are read after the restore (Secrets, AwsClients).
    }
}
