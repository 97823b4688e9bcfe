package dev.minerwatch.alerts.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Gsm7Test {

    @Test
    void plainTextCountsOneSeptetPerCharacterAndExtensionCharactersTwo() {
        assertThat(Gsm7.septets("BTC $69,280")).isEqualTo(11);
        assertThat(Gsm7.septets("€[]")).isEqualTo(6);
    }

    @Test
    void aCharacterOutsideTheAlphabetIsDetected() {
        assertThat(Gsm7.septets("price ≥ cost")).isEqualTo(-1);
        assertThat(Gsm7.fitsOneSegment("price ≥ cost")).isFalse();
    }

    @Test
    void fittingReplacesForeignCharactersAndCutsAtAWord() {
        String fitted = Gsm7.fitOneSegment("≥ " + "word ".repeat(50));

        assertThat(fitted).startsWith("? word").endsWith("..");
        assertThat(Gsm7.septets(fitted)).isBetween(150, 160);
    }

    @Test
    void exactlyOneHundredSixtySeptetsStillFit() {
        assertThat(Gsm7.fitsOneSegment("a".repeat(160))).isTrue();
        assertThat(Gsm7.fitsOneSegment("a".repeat(159) + "€")).isFalse();
    }
}
