package dev.minerwatch.series;

import java.math.BigDecimal;

/** Numbers as people and files want them: 69280.1, 141668107417558.2, -544940000; no exponent, no binary noise. */
public final class PlainNumber {

    private PlainNumber() {}

    public static String of(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
