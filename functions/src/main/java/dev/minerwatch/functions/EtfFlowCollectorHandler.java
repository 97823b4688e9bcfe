package dev.minerwatch.functions;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.collect.Collector;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.util.Map;

/** Scheduled: collects US spot BTC ETF daily net flows (the API key is read from SSM at init). */
public final class EtfFlowCollectorHandler extends ScheduledFunction {

    private final Collector collector;

    public EtfFlowCollectorHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given: for running the handler in-process ({@code ./minerwatch invoke}, tests). */
    public EtfFlowCollectorHandler(Minerwatch minerwatch, Clock clock) {
        super(minerwatch, clock);
        this.collector = minerwatch.etfFlowCollector();
    }

    @Override
    Map<String, Object> run(ScheduledInvocation invocation, Object event, Deadline providers) {
        return collector.collect(invocation, providers).toJson();
    }
}
