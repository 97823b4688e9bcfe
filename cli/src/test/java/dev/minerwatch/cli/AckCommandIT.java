package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine.StateChange;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.store.LocalStorageProvider;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ack} on the local store, with a webhook consumer listening: recorded, shown, told once, refused when moot. */
class AckCommandIT {

    private static final String PRICE_STATE = "price_below_production_cost";
    private static final String PRICE_EVENT = "2026-02-05#price_below_production_cost#1";
    private static final String NOTICE = "2026-02-05#price_below_production_cost:ack#1";

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

    @Test
    void anAcknowledgedAlertIsStoredShownByAlertsAndStatusAndToldToTheChannelsOnce() throws Exception {
        Cli.Result fired = local.run();
        assertThat(fired.exitCode()).as(fired.out() + fired.err()).isZero();
        assertThat(local.receivedIds()).contains(PRICE_EVENT);
        int before = local.received().size();

        Cli.Result acked = local.minerwatch(
                "ack",
                PRICE_EVENT,
                "--reason",
                "curtailing the old S19s",
                "--by",
                "alice",
                "--at",
                "2026-02-05T15:00:00Z");

        assertThat(acked.exitCode()).as(acked.out() + acked.err()).isZero();
        assertThat(acked.out())
                .startsWith(
                        "acknowledged " + PRICE_EVENT + " by alice at 2026-02-05T15:00:00Z: curtailing the old S19s")
                .contains("(event " + NOTICE + ")");
        assertThat(local.minerwatch("alerts").out())
                .containsPattern("2026-02-05  FIRED +critical +" + PRICE_STATE + " .*SENT.*\n"
                        + " +ACK by alice at 2026-02-05T15:00:00Z: curtailing the old S19s\n")
                .containsPattern("2026-02-05  ACKNOWLEDGED critical +" + PRICE_STATE + ":ack .*PENDING");
        assertThat(local.minerwatch("alerts", "--json").out())
                .containsPattern("\"key\":\"" + PRICE_EVENT + "\"[^\n]*\"acknowledged\":\\{\"by\":\"alice\","
                        + "\"at\":\"2026-02-05T15:00:00Z\",\"reason\":\"curtailing the old S19s\"}");
        assertThat(local.minerwatch("status", "--at", "2026-02-05T15:05:00Z").out())
                .containsPattern(PRICE_STATE + " .*\n"
                        + " +acknowledged by alice at 2026-02-05T15:00:00Z: curtailing the old S19s\n");

        Cli.Result again = local.minerwatch("ack", PRICE_EVENT, "--reason", "me too", "--by", "bob");

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out())
                .startsWith("already acknowledged by alice at 2026-02-05T15:00:00Z: curtailing the old S19s ("
                        + PRICE_EVENT + "); nothing changed");

        Cli.Result delivered = local.run();
        Cli.Result retried = local.run();

        assertThat(delivered.exitCode()).as(delivered.out() + delivered.err()).isZero();
        assertThat(retried.exitCode()).as(retried.out() + retried.err()).isZero();
        assertThat(local.received()).hasSize(before + 1);
        assertThat(local.received().get(before))
                .containsEntry("event_id", NOTICE)
                .containsEntry("status", "acknowledged")
                .containsEntry(
                        "acknowledgement",
                        "BTC price below production cost acknowledged by alice: curtailing the old S19s");
        assertThat(local.minerwatch("alerts").out())
                .containsPattern("ACKNOWLEDGED critical +" + PRICE_STATE + ":ack .*SENT");
        assertThat(local.minerwatch("ack", PRICE_EVENT, "--reason", "third", "--by", "carol")
                        .out())
                .startsWith("already acknowledged by alice");
        assertThat(local.received()).as("a retried ack sends nothing").hasSize(before + 1);
    }

    @Test
    void anUnknownEventAnEmptyReasonAResolvedAlertOrAResolutionIsRefused() {
        local.run();
        Cli.Result unknown = local.minerwatch("ack", "2026-02-05#no_such_rule#1", "--reason", "typo");
        Cli.Result empty = local.minerwatch("ack", PRICE_EVENT, "--reason", " ");
        Cli.Result missing = local.minerwatch("ack", PRICE_EVENT);

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no event '2026-02-05#no_such_rule#1' in the alert history");
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err()).contains("--reason must say why");
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("--reason");

        String resolution = resolveThePriceRule();
        Cli.Result resolved = local.minerwatch("ack", PRICE_EVENT, "--reason", "too late");
        Cli.Result ofAResolution = local.minerwatch("ack", resolution, "--reason", "what?");

        assertThat(resolved.exitCode()).isEqualTo(1);
        assertThat(resolved.err())
                .contains(PRICE_EVENT + " has resolved already (" + resolution)
                .contains("nothing to acknowledge");
        assertThat(ofAResolution.exitCode()).isEqualTo(1);
        assertThat(ofAResolution.err()).contains("is a RESOLVED event");
        assertThat(local.minerwatch("alerts").out()).doesNotContain("ACK");
    }

    @Test
    void theSitesEventsListTheAcknowledgementAsKindAcknowledgedWhichItsSchemaAllows() throws Exception {
        local.run();
        local.minerwatch("ack", PRICE_EVENT, "--reason", "on it", "--by", "alice", "--at", "2026-02-05T15:00:00Z");
        Path site = dir.resolve("site");

        Cli.Result written = local.minerwatch("site", "--out", site.toString(), "--at", "2026-02-05T15:10:00Z");

        assertThat(written.exitCode()).as(written.out() + written.err()).isZero();
        String events = Files.readString(site.resolve("api/v1/events.json"));
        assertThat(events).containsPattern("\"id\" : \"" + NOTICE + "\"[^}]*\"kind\" : \"acknowledged\"");
        assertThat(SiteCommandIT.apiSchemas()
                        .getSchema(SchemaLocation.of(SiteCommandIT.SCHEMAS + "events.schema.json"))
                        .validate(events, InputFormat.JSON))
                .isEmpty();
        assertThat(site.resolve(AlertEvent.pagePath(NOTICE))).exists();
    }

    /** Records, as an evaluation would, that the price rule resolved; returns the RESOLVED event's id. */
    private String resolveThePriceRule() {
        LocalStorageProvider provider =
                ServiceLoader.load(LocalStorageProvider.class).findFirst().orElseThrow();
        try (Storage storage = provider.open(local.dataDir())) {
            RuleLedger ledger = storage.ledger();
            RuleState active = ledger.load().states().get(PRICE_STATE);
            AlertEvent fired = ledger.history(100).stream()
                    .map(RuleLedger.HistoryEntry::event)
                    .filter(e -> e.key().equals(PRICE_EVENT))
                    .findFirst()
                    .orElseThrow();
            RuleState resolved = active.after(EventKind.RESOLVED, fired.day(), false)
                    .changedAt(fired.recordedAt().plus(Duration.ofHours(1)), active.version());
            AlertEvent resolution = new AlertEvent(
                    AlertEvent.key(fired.day(), PRICE_STATE, resolved.version()),
                    new AlertEvent.Origin(
                            fired.ruleId(),
                            fired.origin().title(),
                            fired.origin().severity(),
                            EventKind.RESOLVED),
                    fired.figures(),
                    fired.explanation(),
                    new AlertEvent.Recording("test", fired.recordedAt().plus(Duration.ofHours(1))));
            assertThat(ledger.record(
                            List.of(new StateChange(active, resolved)), List.of(resolution), Duration.ofMinutes(2)))
                    .isTrue();
            return resolution.key();
        }
    }
}
