package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChannelReceipts} adapter does: the channels that took an event are read back for that event
 * alone, a channel taking it twice counts once, and receipts are no alerts. A subclass per adapter supplies a fresh,
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
}
