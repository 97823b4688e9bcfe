package dev.minerwatch.cli;

import dev.minerwatch.sources.ProviderContract.ProviderProbe;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code minerwatch sources}: every provider called once and held to its contract. */
@Command(
        name = "sources",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Calls each provider endpoint the collectors use once and reports, per endpoint: reachable, the "
                    + "answer in the expected shape and units (the collectors' own checks), the provider's time and its age, "
                    + "and the rate-limit headers it sent. Run it after deploying, and when a source starts failing.",
            "ETF flows: SoSoValue's current and older APIs when a key is configured, and TFTC's open dataset."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every endpoint keeps its contract",
            "1:usage error",
            "2:an endpoint is unreachable, answers in another shape or unit, or has stopped"
        })
final class SourcesCommand implements Callable<Integer> {

    /** Every call within this; each attempt is bounded by the client's own timeouts too. */
    static final Duration BUDGET = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Mixin
    LocalOptions.WithProviders options = new LocalOptions.WithProviders();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (LocalEnvironment local = options.start(Map.of())) {
            Instant now = local.clock().instant();
            List<ProviderProbe.Result> results =
                    local.minerwatch().providerContract().check(now, BUDGET);
            out.printf("minerwatch sources at %s%n%n", now);
            for (ProviderProbe.Result result : results) {
                ProviderProbe probe = result.probe();
                out.printf("  %-4s %-15s %s%n", result.ok() ? "ok" : "FAIL", probe.source(), probe.endpoint());
                result.reading().ifPresent(reading -> out.printf("       %s%n", reading.summary()));
                result.age()
                        .ifPresent(age -> out.printf(
                                "       provider time %s, %s old%n",
                                result.reading().orElseThrow().providerTime().orElseThrow(), age(age)));
                if (result.reading().isPresent() && result.age().isEmpty()) {
                    out.printf("       no provider time: its figures are as of the call%n");
                }
                out.printf(
                        "       rate-limit headers: %s%n",
                        result.rateLimits().isEmpty()
                                ? "none"
                                : result.rateLimits().entrySet().stream()
                                        .map(e -> e.getKey() + "=" + e.getValue())
                                        .collect(Collectors.joining(", ")));
                result.problem().ifPresent(problem -> out.printf("       %s%n", problem));
            }
            long failed = results.stream().filter(r -> !r.ok()).count();
            out.printf(
                    "%n%d of %d endpoints keep their contract%s%n",
                    results.size() - failed, results.size(), failed == 0 ? "" : "; " + failed + " do not (exit 2)");
            return failed == 0 ? 0 : 2;
        }
    }

    private static String age(Duration age) {
        if (age.isNegative()) {
            return "ahead by " + age.negated().toSeconds() + " s (the provider's clock)";
        }
        return age.toHours() >= 48
                ? age.toDays() + " days"
                : age.toHours() >= 1 ? age.toHours() + " h" : age.toMinutes() + " min";
    }
}
