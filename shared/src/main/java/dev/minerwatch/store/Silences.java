package dev.minerwatch.store;

import dev.minerwatch.rules.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The port for the silences an operator keeps: each holds one rule's notifications for a while. They are kept beside
 * the rule states, so the {@linkplain RuleLedger#load() ledger's snapshot} reads them with the states; kept and ended
 * here. The contract suite ({@code SilencesContract}) specifies every adapter against this interface.
 */
public interface Silences {

    /** Keeps a new silence. */
    void keep(Silence silence);

    /**
     * Ends a silence at {@code at} (one that had ended already stays as it was).
     *
     * @return the silence as it is now kept; empty when there is none of that id
     */
    Optional<Silence> end(String id, Instant at);

    /** The silences kept, ended ones too (see {@link Silence#RETENTION}), the newest first. */
    List<Silence> all();
}
