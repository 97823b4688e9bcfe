package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code silence}, {@code silences} and {@code unsilence} on the local store, with a webhook consumer listening. */
class SilenceCommandIT {

    private static final String PRICE_RULE = "price_below_production_cost";
    private static final String PRICE_EVENT = "2026-02-05#price_below_production_cost#1";
    private static final Pattern SILENCE_ID = Pattern.compile(": (s-[0-9a-f]{8})\n");

    @TempDir
    Path dir;

    private StoreWithWebhook local;

    @BeforeEach
    void start() {
        local = new StoreWithWebhook(dir);
    }

    @AfterEach
    void stop() {
        local.close();
    }

    private static String silenceId(Cli.Result silenced) {
        Matcher id = SILENCE_ID.matcher(silenced.out());
        assertThat(id.find()).as(silenced.out() + silenced.err()).isTrue();
        return id.group(1);
    }

    @Test
    void aSilencedRuleReachesNoChannelShowsInAlertsAndNotifiesOnceWhenUnsilencedStillActive() throws Exception {
        Cli.Result silenced = local.minerwatch(
                "silence", PRICE_RULE, "--for", "2d", "--reason", "pool maintenance", "--at", "2026-02-05T00:00:00Z");
        String id = silenceId(silenced);

        Cli.Result first = local.run();

        assertThat(silenced.exitCode()).isZero();
        assertThat(silenced.out()).startsWith("silenced " + PRICE_RULE + " until 2026-02-07T00:00:00Z (2d): " + id);
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("  silenced  " + PRICE_EVENT + ": held by silence " + id);
        assertThat(first.out()).doesNotContain("BTC price below production cost");
        assertThat(local.receivedIds()).isNotEmpty().doesNotContain(PRICE_EVENT).doesNotHaveDuplicates();
        int othersDelivered = local.receivedIds().size();
        assertThat(local.minerwatch("alerts").out())
                .containsPattern(
                        "2026-02-05  FIRED +critical +" + PRICE_RULE + " .* SILENCED \\(silence " + id + "\\)");
        assertThat(local.minerwatch("silences", "--at", "2026-02-06T00:00:00Z").out())
                .contains(id)
                .contains("active")
                .contains("pool maintenance");
        assertThat(local.minerwatch("status", "--at", "2026-02-05T15:00:00Z").out())
                .contains("notifications waiting in the outbox: 1 (1 of them held by a silence)")
                .contains("silences in force: " + PRICE_RULE + " until 2026-02-07T00:00:00Z (" + id + ")");

        Cli.Result unsilenced = local.minerwatch("unsilence", id, "--at", "2026-02-05T12:00:00Z");
        Cli.Result afterwards = local.run();
        Cli.Result again = local.run();

        assertThat(unsilenced.exitCode()).isZero();
        assertThat(unsilenced.out()).startsWith("ended " + id + " (" + PRICE_RULE + ")");
        assertThat(afterwards.out()).contains("BTC price below production cost");
        assertThat(local.receivedIds()).hasSize(othersDelivered + 1).endsWith(PRICE_EVENT);
        assertThat(again.out()).contains("0 recorded, 0 delivered");
        assertThat(local.receivedIds()).hasSize(othersDelivered + 1);
        assertThat(local.minerwatch("alerts", "--json").out())
                .contains("\"key\":\"" + PRICE_EVENT + "\"")
                .containsPattern("\"status\":\"SENT\"[^\n]*\"silence\":\"" + id + "\"");
        assertThat(local.minerwatch("silences", "--at", "2026-02-06T00:00:00Z").out())
                .startsWith("no silence in force");
        assertThat(local.minerwatch("silences", "--all", "--at", "2026-02-06T00:00:00Z")
                        .out())
                .contains(id)
                .contains("ended");
    }

    @Test
    void anUnknownRuleOrAMissingReasonIsAUsageErrorAndAnUnknownSilenceADataError() {
        Cli.Result unknownRule = local.minerwatch("silence", "no_such_rule", "--for", "1h", "--reason", "typo");
        Cli.Result noReason = local.minerwatch("silence", PRICE_RULE, "--for", "1h");
        Cli.Result noEnd = local.minerwatch("silence", PRICE_RULE, "--reason", "forever?");
        Cli.Result badDuration = local.minerwatch("silence", PRICE_RULE, "--for", "soon", "--reason", "x");
        Cli.Result past = local.minerwatch("silence", PRICE_RULE, "--until", "2020-01-01", "--reason", "x");
        Cli.Result unknownSilence = local.minerwatch("unsilence", "s-00000000");

        assertThat(unknownRule.exitCode()).isEqualTo(1);
        assertThat(unknownRule.err())
                .contains("no rule 'no_such_rule' to silence")
                .contains(PRICE_RULE);
        assertThat(noReason.exitCode()).isEqualTo(1);
        assertThat(noReason.err()).contains("--reason");
        assertThat(noEnd.exitCode()).isEqualTo(1);
        assertThat(noEnd.err()).contains("--for").contains("--until");
        assertThat(badDuration.exitCode()).isEqualTo(1);
        assertThat(badDuration.err()).contains("'soon' is not a duration");
        assertThat(past.exitCode()).isEqualTo(1);
        assertThat(past.err()).contains("is not after now");
        assertThat(unknownSilence.exitCode()).isEqualTo(2);
        assertThat(unknownSilence.err()).contains("no silence 's-00000000'");
        assertThat(local.minerwatch("silences", "--all").out()).startsWith("no silences");
    }

    @Test
    void aSilenceLongerThanAMonthNeedsForceAndOneBeforeBitcoinIsRefused() {
        Cli.Result million = local.minerwatch("silence", PRICE_RULE, "--for", "1000000d", "--reason", "quiet");
        Cli.Result in1900 = local.minerwatch(
                "silence", PRICE_RULE, "--at", "1899-12-31T00:00:00Z", "--until", "1900-01-01", "--reason", "x");

        assertThat(million.exitCode()).isEqualTo(1);
        assertThat(million.err())
                .contains("would last 1000000 days, longer than 30")
                .contains("--force");
        assertThat(in1900.exitCode()).isEqualTo(1);
        assertThat(in1900.err()).contains("before Bitcoin's genesis block");
        assertThat(local.minerwatch("silences", "--all").out()).startsWith("no silences");

        Cli.Result forced =
                local.minerwatch("silence", PRICE_RULE, "--for", "60d", "--reason", "a long audit", "--force");

        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(local.minerwatch("silences").out()).contains(PRICE_RULE);
    }
}
