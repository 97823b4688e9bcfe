package dev.minerwatch.functions;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.Collector;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.Map;

/** Scheduled: collects BTC and ETH prices and stores the day's points. */
public final class MarketCollectorHandler extends ScheduledFunction {

    private final Collector collector;

    public MarketCollectorHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public MarketCollectorHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
        this.collector = minerwatch.marketCollector();
    }

    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        return collector.collect(invocation, providers).toJson();
    }
}
