package dev.minerwatch.alerts.digest;

import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.history.History;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** The digest's text, for the tests of other packages (the site's, which publishes it without private fleets). */
public final class DigestTexts {

    private DigestTexts() {}

    /** The digest of {@code day} over {@code history} and {@code rules}, without a retarget estimate or states. */
    public static String of(LocalDate day, Instant now, History history, RuleSet rules) {
        return DailyDigest.of(
                        day, day, now, history, rules, Optional.empty(), Map.of(), Retarget.unavailable("not asked"))
                .text();
    }
}
