package dev.minerwatch.bench;

import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Sums the time every AWS request of the process spends on the wire and in the emulator (from the request's
 * transmission to its response), so that the cold-start harness can tell the function's time from moto_server's,
 * which answers in Python what DynamoDB answers in milliseconds. A global interceptor of the bench's class path
 * only: the Lambda artifact carries none.
 */
public final class AwsWaitInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> SENT_AT = new ExecutionAttribute<>("minerwatch.bench.sentAt");
    private static final LongAdder WAITED_NANOS = new LongAdder();

    /** The wait so far, and back to zero. */
    static double takeWaitedMs() {
        return WAITED_NANOS.sumThenReset() / 1e6;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT_AT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sentAt = attributes.getAttribute(SENT_AT);
        if (sentAt != null) {
            WAITED_NANOS.add(System.nanoTime() - sentAt);
        }
    }
}
