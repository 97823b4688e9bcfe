package dev.minerwatch.economics;

/**
 * Hashprice, as Luxor's Hashrate Index defines it: the USD one PH/s of hashing earns in a day (docs/domain.md).
 * {@code 86400 s * 1e15 H/s / (difficulty * 2^32) blocks, times the block reward and the price}.
 */
final class HashpriceCalculator {

    private static final double TWO_TO_32 = 4_294_967_296.0;

    private HashpriceCalculator() {}

    /** USD per PH/s per day. */
    static double usdPerPhDay(double difficulty, double subsidyBtc, double feesBtcPerBlock, double priceUsd) {
        if (!(difficulty > 0) || !(priceUsd > 0) || subsidyBtc < 0 || feesBtcPerBlock < 0) {
            throw new IllegalArgumentException(
                    "hashprice needs a positive difficulty and price and non-negative rewards: " + "difficulty "
                            + difficulty + ", subsidy " + subsidyBtc + ", fees " + feesBtcPerBlock + ", price "
                            + priceUsd);
        }
        double blocksPerPhDay = 86_400 * 1e15 / (difficulty * TWO_TO_32);
        return blocksPerPhDay * (subsidyBtc + feesBtcPerBlock) * priceUsd;
    }
}
