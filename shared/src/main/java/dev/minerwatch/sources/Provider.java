package dev.minerwatch.sources;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every provider minerwatch calls, once: its id, which names the folder of its recorded answers in
 * {@code events/providers/}, the variable that moves its base URL ({@code <ID>_BASE_URL}, the id in capitals with
 * {@code -} as {@code _}: the rule the recorded-provider servers follow), and where it is by default.
 */
public enum Provider {
    COINGECKO("coingecko", "https://api.coingecko.com", null),
    COINBASE("coinbase", "https://api.coinbase.com", null),
    KRAKEN("kraken", "https://api.kraken.com", null),
    MEMPOOL("mempool", "https://mempool.space", null),
    BLOCKCHAIN_INFO("blockchain-info", "https://api.blockchain.info", null),
    SOSOVALUE("sosovalue", "https://openapi.sosovalue.com", null),
    /** SoSoValue's older API, on a host of its own; a stand-in for SoSoValue (the recordings) serves both. */
    SOSOVALUE_V2("sosovalue-v2", "https://api.sosovalue.xyz", SOSOVALUE),
    TFTC("tftc", "https://www.tftc.io", null);

    private final String id;
    private final String defaultUrl;
    private final Provider standIn;

    Provider(String id, String defaultUrl, Provider standIn) {
        this.id = id;
        this.defaultUrl = defaultUrl;
        this.standIn = standIn;
    }

    public String id() {
        return id;
    }

    public String baseUrlVariable() {
        return id.toUpperCase(Locale.ROOT).replace('-', '_') + "_BASE_URL";
    }

    /** The provider whose base URL this one takes when only that one is set. */
    public Optional<Provider> standIn() {
        return Optional.ofNullable(standIn);
    }

    /** The base URL when its variable is not set: the stand-in's, when that is set, else the public one. */
    public String defaultUrl(Function<String, Optional<String>> variables) {
        return standIn().flatMap(p -> variables.apply(p.baseUrlVariable())).orElse(defaultUrl);
    }

    /**
     * What a licence asks to go with the figures of {@code sources} (provider ids, as a point names them) wherever
     * they are shown: messages, reports, status. TFTC's dataset is CC BY 4.0.
     */
    public static Optional<String> attribution(Collection<String> sources) {
        return sources.contains(TftcSource.ID) ? Optional.of(TftcSource.ATTRIBUTION) : Optional.empty();
    }
}
