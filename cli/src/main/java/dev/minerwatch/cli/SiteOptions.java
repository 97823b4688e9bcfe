package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.site.Site;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
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

    /** How long {@code serve} shows one retarget estimate before asking mempool again. */
    static final Duration RETARGET_FRESH_FOR = Duration.ofMinutes(10);

    private Retarget retarget;
    private Instant retargetAskedAt;

    /** The site of {@code minerwatch}'s stores, its ages judged at {@code --at} or now. */
    Site draw(Minerwatch minerwatch, Clock clock) {
        return minerwatch.site(at != null ? at : clock.instant(), Deadline.in(PROVIDERS));
    }

    /**
     * As {@link #draw}, for a site drawn again and again ({@code serve}): mempool is asked at most once every {@link
     * #RETARGET_FRESH_FOR}, so reloading a page neither waits for it nor sends it a request each time.
     */
    synchronized Site redraw(Minerwatch minerwatch, Clock clock) {
        Instant now = clock.instant();
        if (retarget == null || !now.isBefore(retargetAskedAt.plus(RETARGET_FRESH_FOR))) {
            retarget = minerwatch.retarget(at != null ? at : now, Deadline.in(PROVIDERS));
            retargetAskedAt = now;
        }
        Retarget known = retarget;
        return minerwatch.site(at != null ? at : now, () -> known);
    }
}
