package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChannelReceipts} adapter does: the channels that took an event are read back for that event
 * alone, a channel taking it twice counts once, and receipts are no alerts; of two claims of one channel for one event
 * one wins, a receipt is never claimed again, and a claim lapses or is given up by its owner; a daily cap
 * counts each event once, refuses past its maximum (one winner at the boundary) and records the held events, and its
 * summary is taken once; a post deferred by a channel's quiet hours is kept once per channel and event (one winner of
 * two concurrent defers), read back by due time and removed by its release alone, and is no receipt and no alert. A
 * subclass per adapter supplies a fresh, empty store for each test ({@link #newStorage()}).
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

    private static final LocalDate DAY = LocalDate.parse("2026-02-05");

    private static ChannelReceipts.Cap cap(int max, String title) {
        return new ChannelReceipts.Cap(DAY, max, title, "FIRED");
    }

    private ChannelReceipts.Claim capped(String event, String channel, String owner, Instant at, int max) {
        return receipts.claim(event, channel, owner, at, ChannelReceipts.CLAIM, cap(max, "title of " + event));
    }

    @Test
    void aCapOfTwoRefusesTheThirdClaimOfTheDayAndRecordsItsEventAsHeld() {
        assertThat(capped("e1", "slack", "a", RECORDED, 2)).isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(capped("e2", "slack", "a", RECORDED, 2)).isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(capped("e3", "slack", "a", RECORDED, 2)).isEqualTo(ChannelReceipts.Claim.OVER_CAP);
        assertThat(capped("e3", "slack", "retry", RECORDED.plusSeconds(60), 2))
                .as("a retry of a held event is held again, and recorded once")
                .isEqualTo(ChannelReceipts.Claim.OVER_CAP);
        assertThat(capped("e3", "discord", "a", RECORDED, 2))
                .as("each channel has its own count")
                .isEqualTo(ChannelReceipts.Claim.CLAIMED);

        assertThat(receipts.held(DAY))
                .containsExactly(new ChannelReceipts.Held("slack", DAY, "e3", "title of e3", "FIRED"));
        assertThat(receipts.held(DAY.plusDays(1))).isEmpty();
        assertThat(receipts.channelsThatTook("e3")).isEmpty();
    }

    @Test
    void aRetriedClaimOfAnEventAlreadyCountedDoesNotCountTwice() {
        assertThat(capped("e1", "slack", "a", RECORDED, 2)).isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(capped("e1", "slack", "b", RECORDED.plusSeconds(1), 2))
                .as("held by the first delivery's claim")
                .isEqualTo(ChannelReceipts.Claim.HELD_ELSEWHERE);
        receipts.releaseClaim("e1", "slack", "a"); // its post failed
        assertThat(capped("e1", "slack", "retry", RECORDED.plusSeconds(60), 2))
                .isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(capped(
                        "e1",
                        "slack",
                        "late",
                        RECORDED.plus(ChannelReceipts.CLAIM).plusSeconds(120),
                        2))
                .as("its retry's delivery died: the claim lapses, and is taken again without a count")
                .isEqualTo(ChannelReceipts.Claim.CLAIMED);
        receipts.channelTook("e1", "slack", RECORDED.plusSeconds(400));
        assertThat(capped("e1", "slack", "again", RECORDED.plusSeconds(500), 2))
                .isEqualTo(ChannelReceipts.Claim.HELD_ELSEWHERE);

        assertThat(capped("e2", "slack", "a", RECORDED.plusSeconds(600), 2))
                .as("e1 counted once: one left")
                .isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(capped("e3", "slack", "a", RECORDED.plusSeconds(600), 2)).isEqualTo(ChannelReceipts.Claim.OVER_CAP);
        assertThat(receipts.channelsThatTook("e1")).containsExactly("slack");
    }

    @Test
    void ofTwoConcurrentClaimersAtTheCapExactlyOneWins() throws Exception {
        assertThat(capped("e1", "slack", "a", RECORDED, 2)).isEqualTo(ChannelReceipts.Claim.CLAIMED);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ChannelReceipts.Claim>> claims = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (String event : List.of("e2", "e3")) {
                claims.add(threads.submit(() -> {
                    start.await();
                    return capped(event, "slack", "owner-" + event, RECORDED, 2);
                }));
            }
            start.countDown();
        }
        List<ChannelReceipts.Claim> answers =
                claims.stream().map(Future::resultNow).toList();
        assertThat(answers).containsExactlyInAnyOrder(ChannelReceipts.Claim.CLAIMED, ChannelReceipts.Claim.OVER_CAP);
        assertThat(receipts.held(DAY)).hasSize(1);
    }

    @Test
    void aNewDayStartsAtZero() {
        assertThat(capped("e1", "slack", "a", RECORDED, 1)).isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(capped("e2", "slack", "a", RECORDED, 1)).isEqualTo(ChannelReceipts.Claim.OVER_CAP);
        ChannelReceipts.Cap tomorrow = new ChannelReceipts.Cap(DAY.plusDays(1), 1, "t", "FIRED");
        assertThat(receipts.claim(
                        "e3", "slack", "a", RECORDED.plus(Duration.ofDays(1)), ChannelReceipts.CLAIM, tomorrow))
                .isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(receipts.held(DAY.plusDays(1))).isEmpty();
    }

    @Test
    void theSummaryOfAChannelsDayIsTakenOnce() {
        assertThat(capped("e1", "slack", "a", RECORDED, 1)).isEqualTo(ChannelReceipts.Claim.CLAIMED);
        assertThat(receipts.takeCapSummary("slack", DAY)).isTrue();
        assertThat(receipts.takeCapSummary("slack", DAY)).isFalse();
        assertThat(capped("e2", "slack", "a", RECORDED, 1))
                .as("the summary leaves the count as it is")
                .isEqualTo(ChannelReceipts.Claim.OVER_CAP);
        assertThat(receipts.takeCapSummary("discord", DAY))
                .as("another channel")
                .isTrue();
        assertThat(receipts.takeCapSummary("slack", DAY.plusDays(1)))
                .as("another day")
                .isTrue();
    }

    private static final Instant QUIET_HOURS_END = Instant.parse("2026-02-05T22:00:00Z");

    /** The alert message of {@code eventId}, as the JSON text a channel is given. */
    private static String message(String eventId, String title) {
        return """
                {"event_id":"%s","rule":"price_below_production_cost","severity":"CRITICAL","kind":"FIRED",\
                "title":"%s","series":"btc_usd","day":"2026-02-05","value":61234.5,"threshold":63000.0,\
                "unit":"USD","as_of":"2026-02-05T14:10:00Z","sources":["coingecko","kraken"]}""".formatted(eventId, title);
    }

    private static ChannelReceipts.Deferred deferred(String channel, String eventId, Instant due) {
        return new ChannelReceipts.Deferred(channel, eventId, due, message(eventId, "BTC below production cost"));
    }

    @Test
    void aDeferredPostIsKeptUntilUndeferredAndReadBackByDueTime() {
        ChannelReceipts.Deferred lateSlack =
                deferred("slack", "2026-02-05#price_below_production_cost#1", QUIET_HOURS_END.plusMillis(250));
        ChannelReceipts.Deferred earlySlack = deferred("slack", "2026-02-05#etf_daily_outflow#4", QUIET_HOURS_END);
        ChannelReceipts.Deferred earlyDiscordB =
                deferred("discord", "2026-02-05#price_below_production_cost#1", QUIET_HOURS_END);
        ChannelReceipts.Deferred earlyDiscordA = deferred("discord", "2026-02-05#etf_daily_outflow#4", QUIET_HOURS_END);

        for (ChannelReceipts.Deferred post : List.of(lateSlack, earlySlack, earlyDiscordB, earlyDiscordA)) {
            assertThat(receipts.defer(post)).as("first defer of %s", post).isTrue();
        }

        assertThat(receipts.deferred())
                .as("by due time (to the millisecond, not as text), then channel, then event id")
                .containsExactly(earlyDiscordA, earlyDiscordB, earlySlack, lateSlack);
        assertThat(receipts.deferred().get(3).message())
                .as("the message is given back as it was written")
                .isEqualTo(message("2026-02-05#price_below_production_cost#1", "BTC below production cost"));

        receipts.undefer("slack", "2026-02-05#etf_daily_outflow#4");
        assertThat(receipts.deferred()).containsExactly(earlyDiscordA, earlyDiscordB, lateSlack);
    }

    @Test
    void deferringOneChannelAndEventTwiceKeepsTheFirst() {
        String event = "2026-02-05#price_below_production_cost#1";
        ChannelReceipts.Deferred first = deferred("slack", event, QUIET_HOURS_END);
        ChannelReceipts.Deferred retried = new ChannelReceipts.Deferred(
                "slack", event, QUIET_HOURS_END.plusSeconds(7200), message(event, "a retried delivery's title"));

        assertThat(receipts.defer(first)).isTrue();
        assertThat(receipts.defer(retried))
                .as("a retried or duplicate delivery, whatever its due time")
                .isFalse();
        assertThat(receipts.defer(first)).as("the same post again").isFalse();

        assertThat(receipts.deferred()).as("message and due time unchanged").containsExactly(first);
    }

    @Test
    void undeferringRemovesOnlyThatChannelsPostAndUndeferringNothingIsHarmless() {
        String event = "2026-02-05#price_below_production_cost#1";
        String other = "2026-02-05#etf_daily_outflow#4";
        ChannelReceipts.Deferred slack = deferred("slack", event, QUIET_HOURS_END);
        ChannelReceipts.Deferred discord = deferred("discord", event, QUIET_HOURS_END);
        ChannelReceipts.Deferred slackOther = deferred("slack", other, QUIET_HOURS_END);
        receipts.defer(slack);
        receipts.defer(discord);
        receipts.defer(slackOther);

        receipts.undefer("slack", event);
        assertThat(receipts.deferred()).containsExactly(discord, slackOther);

        receipts.undefer("slack", event);
        receipts.undefer("telegram", event);
        receipts.undefer("discord", "2026-02-05#price_below_production_cost#2");
        assertThat(receipts.deferred()).as("nothing to remove: nothing removed").containsExactly(discord, slackOther);

        assertThat(receipts.defer(deferred("slack", event, QUIET_HOURS_END.plusSeconds(60))))
                .as("once released, the channel and event may be deferred again")
                .isTrue();
    }

    @Test
    void ofTwoConcurrentDefersOfOneChannelAndEventExactlyOneWins() throws Exception {
        String event = "2026-02-05#price_below_production_cost#1";
        List<ChannelReceipts.Deferred> posts = List.of(
                new ChannelReceipts.Deferred("slack", event, QUIET_HOURS_END, message(event, "delivery a")),
                new ChannelReceipts.Deferred(
                        "slack", event, QUIET_HOURS_END.plusSeconds(60), message(event, "delivery b")));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> defers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (ChannelReceipts.Deferred post : posts) {
                defers.add(threads.submit(() -> {
                    start.await();
                    return receipts.defer(post);
                }));
            }
            start.countDown();
        }
        List<Boolean> answers = defers.stream().map(Future::resultNow).toList();

        assertThat(answers).containsExactlyInAnyOrder(true, false);
        assertThat(receipts.deferred()).containsExactly(posts.get(answers.indexOf(true)));
    }

    @Test
    void deferredPostsAreNoReceiptsAndNoAlerts() {
        String event = "2026-02-05#price_below_production_cost#1";
        receipts.defer(deferred("slack", event, QUIET_HOURS_END));

        assertThat(receipts.channelsThatTook(event)).as("deferred is not taken").isEmpty();
        assertThat(receipts.claim(event, "slack", "delivery-a", RECORDED, ChannelReceipts.CLAIM))
                .as("the post, once due, is claimed as any other")
                .isTrue();
        assertThat(storage.ledger().history(10))
                .as("deferred posts are no alerts")
                .isEmpty();
        assertThat(storage.ledger().load().pending()).isEmpty();
    }

    @Test
    void aDeferredPostNeedsItsMessage() {
        assertThatThrownBy(() -> new ChannelReceipts.Deferred("slack", "e1", QUIET_HOURS_END, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelReceipts.Deferred("slack", "e1", null, "{}"))
                .isInstanceOf(NullPointerException.class);
    }
}
