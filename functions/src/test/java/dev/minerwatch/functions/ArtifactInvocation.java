package dev.minerwatch.functions;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.localaws.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.crac.Resource;

/**
 * The child JVM of {@link ArtifactIT}: with the Lambda artifact as its class path, builds one handler from the
 * environment, primes it as SnapStart does before a snapshot (in one round), prints {@code PRIMED <handler>}, invokes it once with its event and prints the
 * handler's report after {@code REPORT }.
 *
 * <p>Arguments: the handler class, the event file, the instant of the clock (the providers' recording time), and
 * {@code prime} (build and prime only: no I/O) or {@code invoke}.
 */
public final class ArtifactInvocation {

    private ArtifactInvocation() {}

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.fixed(Instant.parse(args[2]), ZoneOffset.UTC);
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0])
                .getConstructor(Minerwatch.class, Clock.class)
                .newInstance(new Minerwatch(Settings.fromEnvironment(), clock), clock);
        // One round loads every class the full priming loads, which is what the artifact is checked for here;
        // SnapStartPrimingTest primes in full, once.
        if (handler instanceof ScheduledFunction scheduled) {
            scheduled.primingIn(1);
        }
        ((Resource) handler).beforeCheckpoint(null);
        System.out.println("PRIMED " + args[0]);
        if (args[3].equals("prime")) {
            return;
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(Files.readAllBytes(Path.of(args[1]))),
                report,
                LocalLambdaContext.quiet(handler.getClass().getSimpleName()));
        System.out.println("REPORT " + report.toString(StandardCharsets.UTF_8));
    }
}
