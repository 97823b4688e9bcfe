package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.sqlite.SqliteStorage;
import dev.minerwatch.store.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code requeue}: a parked event goes out once more, once, after its cause is fixed. */
class RequeueCommandIT {

    private static final Instant PARKED_AT = AlertEvents.RECORDED;

    @TempDir
    Path dir;

    private Path store;

    @BeforeEach
    void parkTwoEvents() {
        store = dir.resolve("store");
        try (Storage storage = SqliteStorage.open(store)) {
            for (AlertEvent event : List.of(event("price_below_production_cost"), event("etf_daily_outflow"))) {
                storage.ledger().record(List.of(), List.of(event), Duration.ofMinutes(2));
                storage.ledger().park(event.key(), "run-a", "SNS: InvalidParameter: too long", PARKED_AT);
            }
        }
    }

    private Cli.Result minerwatch(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", store.toString()));
        return Cli.minerwatch(Map.of(), all.toArray(String[]::new));
    }

    @Test
    void aRequeuedEventIsDeliveredByTheNextRunOnceAndASecondRequeueIsRefused() {
        String price = event("price_below_production_cost").key();

        Cli.Result requeued = minerwatch("requeue", price);
        Cli.Result again = minerwatch("requeue", price);
        Cli.Result run = minerwatch("run", "--recorded", "--production-cost", "87000");
        Cli.Result later = minerwatch("run", "--recorded", "--production-cost", "87000");

        assertThat(requeued.exitCode()).as(requeued.err()).isZero();
        assertThat(requeued.out()).isEqualTo("requeued " + price + ": the next run delivers it\n");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).startsWith("not parked: " + price);
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("event_id=" + price);
        assertThat(later.out()).doesNotContain("event_id=" + price);
        assertThat(minerwatch("alerts", "--json").out())
                .containsPattern("\"key\":\"" + price + "\"[^\n]*\"status\":\"SENT\"")
                .containsPattern("\"key\":\"" + event("etf_daily_outflow").key() + "\"[^\n]*\"status\":\"PARKED\"");
    }

    @Test
    void allPutsEveryParkedEventBackAndThenThereIsNothingLeft() {
        Cli.Result all = minerwatch("requeue", "--all");
        Cli.Result none = minerwatch("requeue", "--all");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().lines()).hasSize(2).allMatch(line -> line.startsWith("requeued "));
        assertThat(none.exitCode()).isZero();
        assertThat(none.out()).isEqualTo("nothing is parked\n");
        assertThat(minerwatch("status", "--at", "2026-02-05T15:00:00Z").out())
                .contains("notifications waiting in the outbox: 2");
    }

    @Test
    void anEventIdAndAllTogetherOrNeitherIsAUsageError() {
        assertThat(minerwatch("requeue").exitCode()).isEqualTo(1);
        assertThat(minerwatch("requeue", "--all", "x").exitCode()).isEqualTo(1);
    }

    private static AlertEvent event(String rule) {
        return AlertEvents.of(rule).build();
    }
}
