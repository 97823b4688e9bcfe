package dev.minerwatch.series;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    void dollarsShowCentsOnlyWhenThereAreAny() {
        assertThat(Amounts.format(69_280.0, "USD")).isEqualTo("$69,280");
        assertThat(Amounts.format(69_280.5, "USD")).isEqualTo("$69,280.50");
        assertThat(Amounts.format(30.99, "USD per PH/s per day")).isEqualTo("$30.99 per PH/s per day");
        assertThat(Amounts.format(-0.29, "USD per PH/s per day")).isEqualTo("-$0.29 per PH/s per day");
    }

    @Test
    void flowsOfTenMillionAndMoreAreInMillionsOrBillions() {
        assertThat(Amounts.format(9_999_999.0, "USD")).isEqualTo("$9,999,999");
        assertThat(Amounts.format(-544.94e6, "USD")).isEqualTo("-$544.9M");
        assertThat(Amounts.format(1.25e9, "USD")).isEqualTo("$1.25B");
    }

    @Test
    void anAmountThatRoundsToZeroHasNoSign() {
        assertThat(Amounts.format(-0.004, "USD per PH/s per day")).isEqualTo("$0 per PH/s per day");
        assertThat(Amounts.format(-0.0, "USD")).isEqualTo("$0");
        assertThat(Amounts.format(-0.005, "USD")).isEqualTo("-$0.01");
        assertThat(Amounts.format(-0.004, "EH/s")).isEqualTo("0 EH/s");
    }

    @Test
    void otherUnitsFollowTheNumber() {
        assertThat(Amounts.format(915.85, "EH/s")).isEqualTo("915.85 EH/s");
        assertThat(Amounts.format(141.67e12, "")).startsWith("141,670,000,000,000");
    }

    @Test
    void aFractionIsASignedPercentage() {
        assertThat(Amounts.percent(-0.2)).isEqualTo("-20.0%");
        assertThat(Amounts.percent(0.035)).isEqualTo("+3.5%");
    }
}
