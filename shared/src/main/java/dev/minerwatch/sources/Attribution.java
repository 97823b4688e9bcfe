package dev.minerwatch.sources;

import java.util.Collection;
import java.util.Optional;

/** What a licence asks to go with a provider's figures wherever they are shown: messages, reports, status. */
public final class Attribution {

    private Attribution() {}

    /** The attribution figures from {@code sources} need, if any (TFTC's dataset is CC BY 4.0). */
    public static Optional<String> of(Collection<String> sources) {
        return sources.contains(TftcSource.ID) ? Optional.of(TftcSource.ATTRIBUTION) : Optional.empty();
    }
}
