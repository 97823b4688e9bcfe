package dev.minerwatch.sources;

import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.SourceException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One way to US spot BTC ETF daily net flows. The collector and the backfill take the configured paths best
 * first (SoSoValue's current API, its older one, TFTC's open dataset) and fall back along them.
 */
public interface EtfFlowPath {

    /** The provider, as a failure names it. */
    String source();

    /** The daily net flows this path publishes. */
    EtfFlows dailyNetFlows(Deadline deadline) throws SourceException;

    /**
     * The per-fund split of the newest session, where this path needs a further call for it; empty where it has none
     * (or carries the split in {@link #dailyNetFlows} already).
     */
    default Optional<PerFundFlows> perFundFlows(Deadline deadline) throws SourceException {
        return Optional.empty();
    }

    /**
     * US spot BTC ETF daily net flows as one path answered them: whole USD by US trading session.
     *
     * @param source         the provider, as stored in each point's sources ({@code sosovalue}, {@code tftc})
     * @param path           which of the provider's APIs answered, as stored in each point's details
     * @param sessions       each session's net flow, with its per-fund split where the answer carries one
     * @param updatedThrough the newest session the provider says it has settled, where it says so
     */
    public record EtfFlows(
            String source, String path, SortedMap<LocalDate, Session> sessions, Optional<LocalDate> updatedThrough) {

        /** One session: the total, and each fund's flow where given (ticker to whole USD). */
        public record Session(double netFlowUsd, Map<String, Double> perFundUsd) {
            public Session {
                perFundUsd = Collections.unmodifiableSortedMap(new TreeMap<>(perFundUsd));
            }
        }

        public EtfFlows {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(path, "path");
            sessions = Collections.unmodifiableSortedMap(new TreeMap<>(sessions));
            Objects.requireNonNull(updatedThrough, "updatedThrough");
        }
    }

    /** Each fund's net flow in whole USD on one session. */
    public record PerFundFlows(LocalDate day, Map<String, Double> byTicker) {
        public PerFundFlows {
            byTicker = Map.copyOf(byTicker);
        }
    }
}
