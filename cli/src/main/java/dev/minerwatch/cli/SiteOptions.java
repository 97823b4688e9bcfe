package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.site.Site;
import dev.minerwatch.sources.http.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Option;

/** What {@code site} and {@code serve} share: the instant the ages are judged at, and how the site is drawn. */
final class SiteOptions {

    /** How long mempool's retarget estimate may take before the pages say it is unknown. */
    private static final Duration PROVIDERS = Duration.ofSeconds(10);

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "Judge the ages at this UTC instant instead of now: for a store of recorded history.")
    Instant at;

    /** The site of {@code minerwatch}'s stores, its ages judged at {@code --at} or now. */
    Site draw(Minerwatch minerwatch, Clock clock) {
        return minerwatch.site(at != null ? at : clock.instant(), Deadline.in(PROVIDERS));
    }
}
