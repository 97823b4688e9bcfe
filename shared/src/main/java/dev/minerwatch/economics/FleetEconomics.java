package dev.minerwatch.economics;

import dev.minerwatch.series.Amounts;
import java.util.List;
import java.util.Locale;

/**
 * A miner's own economics, per PH/s per day: what a fleet of given efficiency earns at a hashprice and what its
 * power costs (docs/rules.md, "breakeven"). One PH/s at {@code J/TH} draws {@code J/TH} kW, so it uses
 * {@code J/TH × 24} kWh a day at the machines and {@code J/TH × 24 × PUE} at the meter.
 *
 * @param joulesPerTh      the machines' efficiency, joules per terahash
 * @param usdPerKwh        the power price
 * @param pue              power usage effectiveness: facility power over machine power (1 = nothing lost to cooling)
 * @param poolFeePct       the pool's fee, percent of revenue
 * @param otherUsdPerPhDay hosting and other overheads, USD per PH/s per day
 */
public record FleetEconomics(
        double joulesPerTh, double usdPerKwh, double pue, double poolFeePct, double otherUsdPerPhDay) {

    /**
     * No machine ever sold is outside these: under 1 is J/GH typed for J/TH, over 500 J/PH or W per PH/s (21,500 for
     * an S19 XP).
     */
    static final double MIN_JOULES_PER_TH = 1;

    static final double MAX_JOULES_PER_TH = 500;
    /** No grid sells power at a dollar a kWh: a larger figure is cents typed for dollars (5.5 for $0.055). */
    static final double MAX_USD_PER_KWH = 1;

    public FleetEconomics {
        require(
                "joules_per_th",
                joulesPerTh,
                joulesPerTh >= MIN_JOULES_PER_TH && joulesPerTh <= MAX_JOULES_PER_TH,
                "must be between 1 and 500 (joules per terahash)");
        require(
                "usd_per_kwh",
                usdPerKwh,
                usdPerKwh >= 0 && usdPerKwh < MAX_USD_PER_KWH,
                "must be at least 0 and under 1 (dollars, not cents, per kWh)");
        require("pue", pue, pue >= 1 && pue <= 3, "must be between 1 and 3");
        require(
                "pool_fee_pct",
                poolFeePct,
                poolFeePct >= 0 && poolFeePct < 100,
                "must be at least 0 and under 100 (percent: 2 is 2%)");
        require("other_usd_per_ph_day", otherUsdPerPhDay, otherUsdPerPhDay >= 0, "must be at least 0");
    }

    private static void require(String field, double value, boolean valid, String rule) {
        if (!Double.isFinite(value) || !valid) {
            throw new InvalidFigure(field, value, rule);
        }
    }

    /** A figure no fleet can have, named as a rule file names it: "pue 0.8 must be between 1 and 3". */
    public static final class InvalidFigure extends IllegalArgumentException {
        private final String field;

        InvalidFigure(String field, double value, String rule) {
            super(field + " " + (Double.isFinite(value) ? Amounts.plain(value) : String.valueOf(value)) + " " + rule);
            this.field = field;
        }

        /** The rule file's name of the figure, such as {@code pool_fee_pct}. */
        public String field() {
            return field;
        }
    }

    /** kWh at the meter for one PH/s over one day. */
    public double kwhPerPhDay() {
        return joulesPerTh * 24 * pue;
    }

    public double energyUsdPerPhDay() {
        return kwhPerPhDay() * usdPerKwh;
    }

    /** Energy and overheads. */
    public double costUsdPerPhDay() {
        return energyUsdPerPhDay() + otherUsdPerPhDay;
    }

    /** What the pool pays for one PH/s over a day at {@code hashprice}: the hashprice less the pool fee. */
    public double revenueUsdPerPhDay(double hashprice) {
        return hashprice * (1 - poolFeePct / 100);
    }

    /** Revenue less cost; under 0 the fleet mines at a loss. */
    public double marginUsdPerPhDay(double hashprice) {
        return revenueUsdPerPhDay(hashprice) - costUsdPerPhDay();
    }

    /** The hashprice at which the margin is 0. */
    public double breakevenHashprice() {
        return costUsdPerPhDay() / (1 - poolFeePct / 100);
    }

    /** The power price at which the margin is 0 at {@code hashprice}; under 0 when the overheads alone exceed revenue. */
    public double breakevenUsdPerKwh(double hashprice) {
        return (revenueUsdPerPhDay(hashprice) - otherUsdPerPhDay) / kwhPerPhDay();
    }

    /** The inputs as a rule file writes them: "21.5 J/TH, $0.0550/kWh, PUE 1.1, pool fee 2%". */
    public String describe() {
        return plain(joulesPerTh) + " J/TH, " + describeSite();
    }

    /** What the machines run on, whatever they are: "$0.0550/kWh, PUE 1.1, pool fee 2%". */
    public String describeSite() {
        return powerPrice(usdPerKwh) + ", PUE " + plain(pue) + ", pool fee " + plain(poolFeePct) + "%"
                + (otherUsdPerPhDay > 0 ? ", other costs $" + plain(otherUsdPerPhDay) + " per PH/s per day" : "");
    }

    /** A power price to a hundredth of a cent: "$0.0545/kWh". */
    public static String powerPrice(double usdPerKwh) {
        return (usdPerKwh < 0 ? "-" : "") + String.format(Locale.ROOT, "$%.4f/kWh", Math.abs(usdPerKwh));
    }

    private static String plain(double value) {
        return Amounts.plain(value);
    }

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
                throw new IllegalArgumentException(
                        "fees per block " + feesBtcPerBlock + " must be a number of at least 0");
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
}
