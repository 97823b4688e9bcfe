package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChannelReceipts} adapter does: the channels that took an event are read back for that event
 * alone, a channel taking it twice counts once, and receipts are no alerts; of two claims of one channel for one event
 * one wins, a receipt is never claimed again, and a claim lapses or is given up by its owner. A subclass per adapter supplies a fresh,
 * empty store for each test ({@link #newStorage()}).
 */
public abstract class ChannelReceiptsContract extends FreshStorage {

    private static final Instant RECORDED = Instant.parse("2026-02-05T14:10:00Z");

    /** The receipts under test, of a fresh, empty store for each test. */
    protected ChannelReceipts receipts;

    @BeforeEach
    void takeTheReceipts() {
        receipts = storage.receipts();
    }

    @Test
    void theChannelsThatTookAnEventAreReadBackForThatEventOnlyAndTakingItTwiceIsOnce() {
        String first = "2026-02-05#price_below_production_cost#1";
        String second = "2026-02-05#etf_daily_outflow#4";

        receipts.channelTook(first, "slack", RECORDED);
        receipts.channelTook(first, "webhook", RECORDED.plusSeconds(1));
        receipts.channelTook(first, "slack", RECORDED.plusSeconds(2));
        receipts.channelTook(second, "discord", RECORDED);

        assertThat(receipts.channelsThatTook(first)).containsExactlyInAnyOrder("slack", "webhook");
        assertThat(receipts.channelsThatTook(second)).containsExactly("discord");
        assertThat(receipts.channelsThatTook("2026-02-05#price_below_production_cost#2"))
                .isEmpty();
        assertThat(storage.ledger().history(10)).as("receipts are no alerts").isEmpty();
        assertThat(storage.ledger().load().pending()).isEmpty();
    }

    @Test
    void ofTwoDeliveriesClaimingOneChannelForOneEventOnlyTheFirstMayPostAndAClaimIsNoReceipt() {
        String event = "2026-02-05#price_below_production_cost#1";

        assertThat(receipts.claim(event, "slack", "delivery-a", RECORDED, ChannelReceipts.CLAIM))
                .isTrue();
        assertThat(receipts.claim(event, "slack", "delivery-b", RECORDED.plusSeconds(1), ChannelReceipts.CLAIM))
                .isFalse();
        assertThat(receipts.claim(event, "discord", "delivery-b", RECORDED.plusSeconds(1), ChannelReceipts.CLAIM))
                .as("another channel")
                .isTrue();

        assertThat(receipts.channelsThatTook(event)).isEmpty();
    }

    @Test
    void aChannelThatTookTheEventIsNeverClaimedAgainEvenLongAfter() {
        String event = "2026-02-05#price_below_production_cost#1";
        receipts.claim(event, "slack", "delivery-a", RECORDED, ChannelReceipts.CLAIM);
        receipts.channelTook(event, "slack", RECORDED.plusSeconds(2));

        assertThat(receipts.channelsThatTook(event)).containsExactly("slack");
        assertThat(receipts.claim(
                        event, "slack", "delivery-b", RECORDED.plus(Duration.ofHours(1)), ChannelReceipts.CLAIM))
                .isFalse();
        receipts.releaseClaim(event, "slack", "delivery-a");
        assertThat(receipts.channelsThatTook(event))
                .as("a receipt is not released")
                .containsExactly("slack");
    }

    @Test
    void aClaimWhoseDeliveryDiedLapsesAndAReleasedClaimFreesTheChannelAtOnce() {
        String event = "2026-02-05#price_below_production_cost#1";
        receipts.claim(event, "slack", "died", RECORDED, ChannelReceipts.CLAIM);
        receipts.claim(event, "discord", "failed", RECORDED, ChannelReceipts.CLAIM);

        receipts.releaseClaim(event, "discord", "someone-else");
        assertThat(receipts.claim(event, "discord", "retry", RECORDED.plusSeconds(5), ChannelReceipts.CLAIM))
                .as("only its owner gives a claim up")
                .isFalse();
        receipts.releaseClaim(event, "discord", "failed");

        assertThat(receipts.claim(event, "discord", "retry", RECORDED.plusSeconds(5), ChannelReceipts.CLAIM))
                .isTrue();
        assertThat(receipts.claim(event, "slack", "retry", RECORDED.plusSeconds(5), ChannelReceipts.CLAIM))
                .isFalse();
        assertThat(receipts.claim(
                        event,
                        "slack",
                        "retry",
                        RECORDED.plus(ChannelReceipts.CLAIM).plusSeconds(1),
                        ChannelReceipts.CLAIM))
                .isTrue();
    }
}
