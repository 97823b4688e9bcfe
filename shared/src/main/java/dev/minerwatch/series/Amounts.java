package dev.minerwatch.series;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Writes numbers the way people read them: an amount in its unit ($69,280.5, -$544.9M, $30.99 per PH/s per day,
 * 915.85 EH/s), and a plain number as people and files want it ({@link #plain}).
 */
public final class Amounts {

    /** The largest magnitude two decimals show as zero. */
    private static final double HALF_CENT = 0.005;

    private Amounts() {}

    public static String format(double value, String unit) {
        if (unit.startsWith("USD")) {
            String dollars = dollars(value);
            return unit.equals("USD") ? dollars : dollars + unit.substring(3);
        }
        return number(value) + " " + unit;
    }

    /**
     * Dollars with cents when there are any; flows of ten million and more in millions or billions. An amount that
     * rounds to zero cents has no sign: a margin of -$0.004 is "$0", not "-$0".
     */
    private static String dollars(double value) {
        String sign = value <= -HALF_CENT ? "-" : "";
        double magnitude = Math.abs(value);
        if (magnitude >= 1e9) {
            return sign + String.format(Locale.US, "$%,.2fB", magnitude / 1e9);
        }
        if (magnitude >= 1e7) {
            return sign + String.format(Locale.US, "$%,.1fM", magnitude / 1e6);
        }
        return sign + "$" + number(magnitude);
    }

    /** Two decimals at most (half up), none when they are zeros; what rounds to zero is "0", never "-0". */
    private static String number(double value) {
        return String.format(Locale.US, "%,.2f", Math.abs(value) < HALF_CENT ? 0.0 : value)
                .replace(".00", "");
    }

    /** A number as people and files want it: 69280.1, 141668107417558.2, -544940000; no exponent, no binary noise. */
    public static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A signed fraction as a percentage: −0.2 is "-20.0%". */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
