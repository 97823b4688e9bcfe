package dev.minerwatch.derive;

/** Bitcoin's issuance: 50 BTC per block, halved every 210,000 blocks. */
public final class IssuanceSchedule {

    public static final long HALVING_INTERVAL = 210_000;
    /** 50 BTC in satoshis; each halving is an integer right shift, as in Bitcoin Core. */
    private static final long INITIAL_SUBSIDY_SATS = 5_000_000_000L;
    private static final double SATS_PER_BTC = 1e8;

    private IssuanceSchedule() {
    }

    /** The block subsidy in BTC at a height: 6.25 from 630,000, 3.125 from 840,000. */
    public static double subsidyAt(long height) {
        requireHeight(height);
        return subsidySats(height / HALVING_INTERVAL) / SATS_PER_BTC;
    }

    /** Coins issued by blocks 0 through {@code height} inclusive (the genesis output counted as issued). */
    public static double supplyAt(long height) {
        requireHeight(height);
        long supplySats = 0;
        long remaining = height + 1;
        for (int epoch = 0; remaining > 0 && epoch < 64; epoch++) {
            long blocks = Math.min(remaining, HALVING_INTERVAL);
            supplySats += blocks * subsidySats(epoch);
            remaining -= blocks;
        }
        return supplySats / SATS_PER_BTC;
    }

    private static long subsidySats(long halvings) {
        return halvings >= 64 ? 0 : INITIAL_SUBSIDY_SATS >> halvings;
    }

    private static void requireHeight(long height) {
        if (height < 0) {
            throw new IllegalArgumentException("block height " + height + " is negative");
        }
    }
}
