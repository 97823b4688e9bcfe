package dev.minerwatch.functions;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.Collector;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.Map;

/** Scheduled: collects hashrate, difficulty and fees, and derives hashprice and production cost. */
public final class NetworkCollectorHandler extends ScheduledFunction {

    private final Collector collector;

    public NetworkCollectorHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public NetworkCollectorHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
        this.collector = minerwatch.networkCollector();
    }

    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        return collector.collect(invocation, providers).toJson();
    }
}
