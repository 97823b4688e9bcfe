package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.site.Site;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.Option;

/** What {@code site} and {@code serve} share: the instant the ages are judged at, and how the site is drawn. */
final class SiteOptions {

    @Option(
            names = "--at",
            paramLabel = "INSTANT",
            converter = InstantText.class,
            description = "Judge the ages at this UTC instant instead of now: for a store of recorded history.")
    Instant at;

    /** The site of {@code minerwatch}'s stores, its ages judged at {@code --at} or now. */
    Site draw(Minerwatch minerwatch, Clock clock) {
        return Site.of(
                minerwatch.pointStore(),
                minerwatch.ruleLedger(),
                minerwatch.rules(),
                at != null ? at : clock.instant());
    }
}
