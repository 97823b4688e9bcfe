package dev.minerwatch.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The child of the cold-start harness: a fresh JVM with the Lambda artifact on its class path that constructs
 * one handler and invokes it once, as the Lambda runtime does, then prints its timings and peak RSS.
 *
 * <p>Arguments: the handler class, the event file, the clock (an instant, so that recorded quotes are
 * fresh) or {@code floor} for the empty handler, and optionally {@code primed}: the handler's SnapStart priming
 * ({@code beforeCheckpoint}) then runs between construction and the first invocation, which approximates the
 * first invocation after a restore.
 */
public final class FirstInvocation {

    private FirstInvocation() {}

    public static void main(String[] args) throws Exception {
        long mainAt = System.currentTimeMillis();
        long start = System.nanoTime();
        RequestStreamHandler handler;
        if (args[2].equals("floor")) {
            handler = (RequestStreamHandler)
                    Class.forName(args[0]).getConstructor().newInstance();
        } else {
            Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
            Minerwatch minerwatch = new Minerwatch(Settings.fromEnvironment(), clock);
            handler = (RequestStreamHandler) Class.forName(args[0])
                    .getConstructor(Minerwatch.class, Clock.class)
                    .newInstance(minerwatch, clock);
        }
        long constructed = System.nanoTime();
        if (args.length > 3 && args[3].equals("primed")) {
            ((org.crac.Resource) handler).beforeCheckpoint(null);
        }
        AwsWaitInterceptor.takeWaitedMs(); // priming's in-memory answers are the function's own time
        long primed = System.nanoTime();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))),
                response,
                new LocalLambdaContext(args[0], 1024, 60, null));
        long invoked = System.nanoTime();
        System.out.printf(
                "RESULT mainAt=%d initMs=%.1f primeMs=%.1f invokeMs=%.1f awsWaitMs=%.1f rssKb=%d response=%s%n",
                mainAt,
                (constructed - start) / 1e6,
                (primed - constructed) / 1e6,
                (invoked - primed) / 1e6,
                AwsWaitInterceptor.takeWaitedMs(),
                peakRssKb(),
                response.toString().length());
    }

    private static long peakRssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
