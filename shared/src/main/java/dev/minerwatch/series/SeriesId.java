package dev.minerwatch.series;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The daily series minerwatch stores, with their canonical ids and units (docs/contracts.md). */
public enum SeriesId {
    BTC_USD("btc_usd", "USD"),
    ETH_USD("eth_usd", "USD"),
    BTC_ATH_USD("btc_ath_usd", "USD"),
    HASHRATE_EHS("hashrate_ehs", "EH/s"),
    DIFFICULTY("difficulty", "protocol difficulty"),
    FEES_BTC_PER_BLOCK("fees_btc_per_block", "BTC"),
    HASHPRICE_USD_PH_DAY("hashprice_usd_ph_day", "USD per PH/s per day"),
    PRODUCTION_COST_USD("production_cost_usd", "USD per BTC"),
    ETF_NET_FLOW_USD("etf_net_flow_usd", "USD", true),
    /**
     * mempool's estimate, that day, of the change the next retarget makes to the difficulty, in percent: the blocks of
     * the epoch so far against the ten minutes the protocol steers to.
     */
    RETARGET_CHANGE_PCT("retarget_change_pct", "%");

    private static final Map<String, SeriesId> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(SeriesId::id, Function.identity()));

    private final String id;
    private final String unit;
    private final boolean tradingSessions;

    SeriesId(String id, String unit) {
        this(id, unit, false);
    }

    SeriesId(String id, String unit, boolean tradingSessions) {
        this.id = id;
        this.unit = unit;
        this.tradingSessions = tradingSessions;
    }

    /**
     * Whether the series is dated by US trading session rather than by UTC day: a row dated on a weekend,
     * holiday or special closure is not a session and carries no information.
     */
    public boolean tradingSessions() {
        return tradingSessions;
    }

    /** The canonical id, as used in CSV headers, table keys and messages. */
    public String id() {
        return id;
    }

    public String unit() {
        return unit;
    }

    /** Whether its values may be below zero: a net flow, a change. */
    public boolean signed() {
        return this == ETF_NET_FLOW_USD || this == RETARGET_CHANGE_PCT;
    }

    /** Looks a series up by its canonical id, such as {@code btc_usd}. */
    public static SeriesId fromId(String id) {
        SeriesId series = BY_ID.get(id);
        if (series == null) {
            throw new IllegalArgumentException("unknown series '" + id + "'; known: " + BY_ID.keySet());
        }
        return series;
    }

    @Override
    public String toString() {
        return id;
    }
}
