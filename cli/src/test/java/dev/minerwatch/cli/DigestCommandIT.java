package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minerwatch digest} end to end on a local store filled by one recorded cycle. */
class DigestCommandIT {

    @TempDir
    Path dir;

    private String store;

    @BeforeEach
    void oneRecordedCycle() {
        store = dir.resolve("store").toString();
        Cli.Result run = Cli.minerwatch("run", "--recorded", "--data-dir", store, "--production-cost", "87000");
        assertThat(run.exitCode()).as(run.out() + run.err()).isIn(0, 2);
    }

    @Test
    void theDigestPrintsTheDaysFiguresFromTheStoreAndTheRecordedRetarget() {
        Cli.Result digest = Cli.minerwatch("digest", "--recorded", "--data-dir", store);

        assertThat(digest.exitCode()).as(digest.err()).isZero();
        assertThat(digest.out())
                .startsWith("minerwatch digest 2026-02-05: BTC $69,280")
                .contains("minerwatch digest for 2026-02-05 (as of 2026-02-05T14:05:00Z)")
                .contains(
                        "next retarget -11.16% expected around 2026-02-09 (77.1% of the epoch done, 461 blocks to go);"
                                + " next halving at block 1050000, expected around 2028-04-14 (115037 blocks to go)")
                .contains("price_below_production_cost: ACTIVE since 2026-02-05")
                .contains("Freshness:");
    }

    @Test
    void withADashboardThePublishedDigestLinksToIt() {
        Cli.Result digest = Cli.minerwatch(
                Map.of("DASHBOARD_URL", "https://d123.cloudfront.net/"),
                "digest",
                "--recorded",
                "--data-dir",
                store,
                "--publish");

        assertThat(digest.exitCode()).as(digest.err()).isZero();
        assertThat(digest.out()).contains("│ On the dashboard: https://d123.cloudfront.net/\n");
    }

    @Test
    void publishingSendsTheDigestOncePerDayAndTheTimeZoneSetsTheDay() {
        Cli.Result first = Cli.minerwatch("digest", "--recorded", "--data-dir", store, "--publish");
        Cli.Result again = Cli.minerwatch("digest", "--recorded", "--data-dir", store, "--publish");
        Cli.Result tokyo = Cli.minerwatch(
                "digest", "--recorded", "--data-dir", store, "--publish", "--timezone", "Pacific/Kiritimati");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("attributes {event=DIGEST, event_id=2026-02-05#digest:daily#1, kind=digest}")
                .contains("digest of 2026-02-05: recorded, 1 delivered, 0 failed");
        assertThat(again.out())
                .contains("skipped   the digest of 2026-02-05 was recorded already")
                .contains("digest of 2026-02-05: not recorded again, 0 delivered, 0 failed")
                .doesNotContain("Subject:");
        // 14:05 UTC is 04:05 the next day at UTC+14.
        assertThat(tokyo.out()).contains("digest of 2026-02-06: recorded, 1 delivered");
        Cli.Result alerts = Cli.minerwatch("alerts", "--data-dir", store);
        assertThat(alerts.out().lines().filter(line -> line.contains("DIGEST"))).hasSize(2);
    }

    @Test
    void anUnknownTimeZoneIsSaidPlainly() {
        Cli.Result result = Cli.minerwatch("digest", "--recorded", "--data-dir", store, "--timezone", "Mars/Olympus");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("DIGEST_TIMEZONE=Mars/Olympus is not a time zone");
    }

    @Test
    void theRecordedAnswersHoldTheRetargetEstimate() {
        assertThat(RepositoryLayout.recordedProviders().resolve("mempool/api/v1/difficulty-adjustment.json"))
                .isRegularFile();
    }
}
