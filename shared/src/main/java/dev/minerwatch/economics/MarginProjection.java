package dev.minerwatch.economics;

import java.util.List;

/**
 * A fleet's margin ahead of time: today's, after the next retarget at an estimated difficulty change, after the next
 * halving, and under price shocks. Hashprice is the revenue of a hash: it moves inversely with the difficulty, in step
 * with the price, and at a halving only the subsidy halves, the fees stay, so a block's reward falls from {@code
 * subsidy + fees} to {@code subsidy / 2 + fees}.
 *
 * @param fleet           the fleet's figures
 * @param hashprice       today's hashprice, USD per PH/s per day
 * @param height          the chain's height now, which fixes the subsidy
 * @param feesBtcPerBlock the fees a block earns now, BTC; 0 when unknown (the halving then halves the whole reward: the
 *                        projection errs towards a loss)
 */
public record MarginProjection(FleetEconomics fleet, double hashprice, long height, double feesBtcPerBlock) {

    /** The price shocks every projection shows, in percent. */
    public static final List<Double> PRICE_SHOCKS = List.of(-10.0, -20.0, -30.0);

    public MarginProjection {
        if (!(hashprice > 0 && Double.isFinite(hashprice))) {
            throw new IllegalArgumentException("hashprice " + hashprice + " must be a number above 0");
        }
        if (!(feesBtcPerBlock >= 0 && Double.isFinite(feesBtcPerBlock))) {
            throw new IllegalArgumentException("fees per block " + feesBtcPerBlock + " must be a number of at least 0");
        }
        if (height < 0) {
            throw new IllegalArgumentException("height " + height + " must be at least 0");
        }
    }

    /** Today's margin, USD per PH/s per day. */
    public double margin() {
        return fleet.marginUsdPerPhDay(hashprice);
    }

    /**
     * The hashprice once the difficulty has changed by {@code changePercent} (the protocol bounds a change to −75% and
     * +300%): the same coins shared among more, or fewer, hashes.
     */
    public double hashpriceAfterRetarget(double changePercent) {
        if (!(changePercent >= -75 && changePercent <= 300)) {
            throw new IllegalArgumentException(
                    "a difficulty change of " + changePercent + "% is outside −75% to +300%");
        }
        return hashprice / (1 + changePercent / 100);
    }

    /** The margin once the difficulty has changed by {@code changePercent}. */
    public double marginAfterRetarget(double changePercent) {
        return fleet.marginUsdPerPhDay(hashpriceAfterRetarget(changePercent));
    }

    /** The subsidy a block earns now, BTC. */
    public double subsidyBtc() {
        return IssuanceSchedule.subsidyAt(height);
    }

    /** The hashprice once the subsidy has halved at {@code hashprice}, the fees staying what they are now. */
    public double hashpriceAfterHalving(double hashprice) {
        double subsidy = subsidyBtc();
        return hashprice * (subsidy / 2 + feesBtcPerBlock) / (subsidy + feesBtcPerBlock);
    }

    /** The margin once the difficulty has changed by {@code changePercent} and then the subsidy has halved. */
    public double marginAfterHalving(double changePercent) {
        return fleet.marginUsdPerPhDay(hashpriceAfterHalving(hashpriceAfterRetarget(changePercent)));
    }

    /** The margin at a price {@code shockPercent} away from today's (−10: a tenth lower), the difficulty as it is. */
    public double marginUnderPriceShock(double shockPercent) {
        if (!(shockPercent > -100 && Double.isFinite(shockPercent))) {
            throw new IllegalArgumentException("a price shock of " + shockPercent + "% must be above −100%");
        }
        return fleet.marginUsdPerPhDay(hashprice * (1 + shockPercent / 100));
    }
}
