package dev.minerwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.TestTables;
import dev.minerwatch.alerts.AlertEvaluator.EvaluationFailedException;
import dev.minerwatch.alerts.AlertEvaluator.EvaluationReport;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.collect.ScheduledInvocation;
import dev.minerwatch.config.Settings;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.rules.Silence;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.Observation;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Silences;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.SubscriptionPolicies;
import dev.minerwatch.testkit.TopicInbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** The price-versus-cost rule end to end on DynamoDB and SNS emulators: decided once, delivered once. */
@ExtendWith(LocalAwsExtension.class)
class AlertEvaluatorIT {

    /** How long a queue stays empty before the topic is taken to have delivered everything. */
    private Duration quiet;

    private static final Instant FEB_5 = Instant.parse("2026-02-05T14:10:00Z");

    private PointStore points;
    private RuleLedger ledger;
    private Silences silences;
    private SnsClient sns;
    private TopicInbox topic;
    private TopicInbox.Subscriber inbox;

    @BeforeEach
    void stack(LocalAws aws) {
        quiet = aws.deliveryQuiet();
        Settings settings = TestTables.freshTable(aws, Map.of());
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings);
        DynamoDbStorage storage = new DynamoDbStorage(dynamoDb, settings.tableName(), "on the emulator");
        points = storage.points();
        ledger = storage.ledger();
        silences = storage.silences();
        sns = AwsClients.sns(settings);
        topic = TopicInbox.create(
                sns, AwsClients.configure(SqsClient.builder(), settings, "sqs").build(), "alerts-" + UUID.randomUUID());
        inbox = topic.subscribe("inbox-" + UUID.randomUUID());
        points.record(
                new Observation(SeriesId.BTC_USD, 69_280, Instant.parse("2026-02-05T14:00:00Z"), List.of("coingecko")),
                newRun());
    }

    private AlertEvaluator evaluator(Notifier notifier, Optional<Double> cost) {
        return evaluator(notifier, cost, List.of("price_below_production_cost"));
    }

    private AlertEvaluator evaluator(Notifier notifier, Optional<Double> cost, List<String> ruleIds) {
        Settings settings = Settings.of(cost.map(c -> Map.of(Settings.PRODUCTION_COST_USD, Double.toString(c)))
                .orElse(Map.of()));
        RuleSet rules = Minerwatch.rulesOf(settings).only(ruleIds);
        return new AlertEvaluator(points, ledger, notifier, new RuleEngine(rules), Clock.fixed(FEB_5, ZoneOffset.UTC));
    }

    /** The price rule (cost $87,000) and the ETF outflow rule on the stores and notifier given, at {@code now}. */
    private AlertEvaluator evaluator(PointStore points, RuleLedger ledger, Notifier notifier, Instant now) {
        RuleSet rules = Minerwatch.rulesOf(Settings.of(Map.of(Settings.PRODUCTION_COST_USD, "87000")))
                .only(List.of("price_below_production_cost", "etf_daily_outflow"));
        return new AlertEvaluator(points, ledger, notifier, new RuleEngine(rules), Clock.fixed(now, ZoneOffset.UTC));
    }

    private AlertEvaluator evaluator(Optional<Double> cost) {
        return evaluator(AwsClients.snsNotifier(() -> sns, topic.topicArn()), cost);
    }

    private static ScheduledInvocation run(String executionId) {
        return new ScheduledInvocation(FEB_5, executionId);
    }

    @Test
    void firesOnceAndNotifiesNothingMoreOnARetryOrALaterRun() {
        EvaluationReport first = evaluator(Optional.of(87_000.0)).evaluate(run("exec-1"));
        EvaluationReport retry = evaluator(Optional.of(87_000.0)).evaluate(run("exec-1"));
        EvaluationReport later = evaluator(Optional.of(87_000.0)).evaluate(run("exec-2"));

        assertThat(first.recorded()).containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(first.delivered()).hasSize(1);
        assertThat(retry.recorded()).isEmpty();
        assertThat(retry.delivered()).isEmpty();
        assertThat(later.delivered()).isEmpty();
        List<Message> received = inbox.drainWithoutBatches(quiet);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).body())
                .contains("FIRED price_below_production_cost")
                .contains("$69,280")
                .contains("$87,000");
        assertThat(ledger.history(10)).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("SENT");
            assertThat(entry.messageId()).isEqualTo(first.delivered().get(0).messageId());
        });
    }

    @Test
    void twoConcurrentEvaluationsDeliverOnce() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<EvaluationReport>> runs = List.of("exec-a", "exec-b").stream()
                .map(id -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return evaluator(Optional.of(87_000.0)).evaluate(run(id));
                }))
                .toList();

        int recorded = 0;
        int delivered = 0;
        for (CompletableFuture<EvaluationReport> r : runs) {
            recorded += r.get().recorded().size();
            delivered += r.get().delivered().size();
        }
        assertThat(recorded).isEqualTo(1);
        assertThat(delivered).isEqualTo(1);
        assertThat(inbox.drainWithoutBatches(quiet)).hasSize(1);
    }

    @Test
    void aFailedPublishIsKeptAndDeliveredOnceByTheNextRun() {
        Notifier brokenTopic = AwsClients.snsNotifier(() -> sns, topic.topicArn() + "-deleted");

        EvaluationReport failed = evaluator(brokenTopic, Optional.of(87_000.0)).evaluate(run("exec-1"));

        assertThat(failed.recorded()).hasSize(1);
        assertThat(failed.delivered()).isEmpty();
        assertThat(failed.deliveryFailures())
                .singleElement()
                .asString()
                .contains("2026-02-05#price_below_production_cost#1");
        assertThat(ledger.load().pending()).hasSize(1);
        assertThat(inbox.drainWithoutBatches(quiet)).isEmpty();

        EvaluationReport next = evaluator(Optional.of(87_000.0)).evaluate(run("exec-2"));
        EvaluationReport after = evaluator(Optional.of(87_000.0)).evaluate(run("exec-3"));

        assertThat(next.recorded()).isEmpty();
        assertThat(next.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(after.delivered()).isEmpty();
        assertThat(ledger.load().pending()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet)).hasSize(1);
    }

    @Test
    void theSmsSubscriptionHearsCriticalAlertsAndTheEmailSubscriptionHearsEverything() {
        // The filter policies of template.yaml's defaults (SmsSeverities, EmailSeverities).
        TopicInbox.Subscriber sms = topic.subscribe("sms-" + UUID.randomUUID(), "{\"severity\": [\"critical\"]}");
        TopicInbox.Subscriber email = topic.subscribe(
                "email-" + UUID.randomUUID(),
                "{\"$or\": [{\"severity\": [\"critical\", \"warning\", \"info\"]}, {\"kind\": [\"digest\"]}]}");
        points.put(new DailyPoint(
                SeriesId.ETF_NET_FLOW_USD,
                LocalDate.parse("2026-02-04"),
                -544_940_000,
                null,
                List.of("sosovalue"),
                Instant.parse("2026-02-05T02:00:00Z"),
                false,
                Map.of()));

        EvaluationReport report = evaluator(
                        AwsClients.snsNotifier(() -> sns, topic.topicArn()),
                        Optional.of(87_000.0),
                        List.of("price_below_production_cost", "etf_daily_outflow"))
                .evaluate(run("exec-1"));

        assertThat(report.delivered()).hasSize(2);
        assertThat(sms.drainWithoutBatches(quiet))
                .singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("rule").stringValue())
                        .isEqualTo("price_below_production_cost"));
        assertThat(email.drainWithoutBatches(quiet))
                .extracting(m -> m.messageAttributes().get("rule").stringValue())
                .containsExactlyInAnyOrder("price_below_production_cost", "etf_daily_outflow");
    }

    @Test
    void usesTheStoredProductionCostWhenNoneIsConfigured() {
        // The reference figures of February 2026 (docs/domain.md): difficulty 141.67T and 19.98M BTC put the default
        // model at ~$87k.
        double cost = dev.minerwatch.economics.ProductionCostModel.DifficultyRegression.DEFAULT.costUsdPerBtc(
                new dev.minerwatch.economics.ProductionCostModel.Network(141.67e12, 19_980_000, 3.125, 0.025));
        points.put(new DailyPoint(
                SeriesId.PRODUCTION_COST_USD,
                LocalDate.parse("2026-02-05"),
                cost,
                null,
                List.of("derived"),
                Instant.parse("2026-02-05T14:00:00Z"),
                false,
                Map.of("model", "drm", "version", "1")));

        EvaluationReport report = evaluator(Optional.empty()).evaluate(run("exec-1"));

        assertThat(report.delivered()).hasSize(1);
        assertThat(inbox.drainWithoutBatches(quiet))
                .singleElement()
                .extracting(Message::body)
                .asString()
                .contains("production_cost_usd of 2026-02-05, model drm v1");
    }

    @Test
    void withoutAnyProductionCostTheRuleIsSkippedAndSaysWhy() {
        EvaluationReport report = evaluator(Optional.empty()).evaluate(run("exec-1"));

        assertThat(report.recorded()).isEmpty();
        assertThat(report.skipped()).singleElement().asString().contains("no production_cost_usd point");
        assertThat(inbox.drainWithoutBatches(quiet)).isEmpty();
    }

    @Test
    void resolvesOnceThePriceIsBackThreePercentAboveTheCost() {
        evaluator(Optional.of(87_000.0)).evaluate(run("exec-1"));
        points.record(
                new Observation(SeriesId.BTC_USD, 90_000, Instant.parse("2026-02-05T14:09:00Z"), List.of("coingecko")),
                newRun());

        EvaluationReport report = evaluator(Optional.of(87_000.0)).evaluate(run("exec-2"));

        assertThat(report.recorded()).containsExactly("2026-02-05#price_below_production_cost#2");
        assertThat(inbox.drainWithoutBatches(quiet))
                .extracting(Message::body)
                .anySatisfy(body -> assertThat(body).startsWith("RESOLVED price_below_production_cost"));
        assertThat(ledger.load().states().get("price_below_production_cost").active())
                .isFalse();
    }

    // Duplicates bounded and visible -------------------------------------------------------------------------------

    @Test
    void everyPublishedMessageCarriesItsEventsKeyAsEventIdDistinctPerEvent() {
        outflowOnFebruary4();

        EvaluationReport report = evaluator(points, ledger, sns(), FEB_5).evaluate(run("exec-1"));

        assertThat(report.recorded()).hasSize(2);
        assertThat(inbox.drainWithoutBatches(quiet))
                .extracting(m -> m.messageAttributes().get("event_id").stringValue())
                .containsExactlyInAnyOrderElementsOf(report.recorded());
    }

    @Test
    void aRunWhoseMarkSentFailsAfterThePublishFailsAndTheEventGoesOutOnceMoreWithTheSameEventId() {
        RuleLedger markSentFailsOnce =
                failingOnce(ledger, "markSent", new IllegalStateException("DynamoDB: throttled"));

        assertThatThrownBy(
                        () -> evaluator(points, markSentFailsOnce, sns(), FEB_5).evaluate(run("exec-1")))
                .hasMessageContaining("could not mark them sent")
                .hasMessageContaining("same event_id");

        assertThatTheEventGoesOutOnceMoreWithTheSameEventIdAfterTheLease();
    }

    @Test
    void theChannelsBesideThePrimaryHearOfAnEventOnlyOnceItIsRecordedSentSoASlowChannelHoldsNothing() {
        List<String> statusWhenTheChannelsHeard = new ArrayList<>();
        Notifier withASlowChannel = new Notifier() {
            @Override
            public List<Publication> publish(List<AlertMessage> messages) {
                return sns().publish(messages);
            }

            @Override
            public void recordedSent(List<AlertMessage> messages) {
                messages.forEach(message ->
                        statusWhenTheChannelsHeard.add(message.attributes().get("event_id") + " "
                                + ledger.history(10).get(0).status()));
            }
        };

        EvaluationReport first =
                evaluator(points, ledger, withASlowChannel, FEB_5).evaluate(run("exec-1"));
        EvaluationReport withinTheLease =
                evaluator(points, ledger, sns(), FEB_5.plusSeconds(60)).evaluate(run("exec-2"));

        assertThat(first.delivered()).hasSize(1);
        assertThat(statusWhenTheChannelsHeard).containsExactly("2026-02-05#price_below_production_cost#1 SENT");
        assertThat(withinTheLease.delivered()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet)).hasSize(1);
    }

    @Test
    void anEventThePrimaryDidNotTakeReachesNoChannelUntilARunRecordsItSent() {
        List<String> heard = new ArrayList<>();
        Notifier refusing = new Notifier() {
            @Override
            public List<Publication> publish(List<AlertMessage> messages) {
                return messages.stream()
                        .map(m -> Publication.rejected("sns: throttled"))
                        .toList();
            }

            @Override
            public void recordedSent(List<AlertMessage> messages) {
                messages.forEach(message -> heard.add(message.attributes().get("event_id")));
            }
        };

        evaluator(points, ledger, refusing, FEB_5).evaluate(run("exec-1"));

        assertThat(heard).isEmpty();
        assertThat(ledger.history(10))
                .singleElement()
                .extracting(RuleLedger.HistoryEntry::status)
                .isNotEqualTo("SENT");
    }

    @Test
    void aRunThatDiesAfterPublishingIsFollowedByOneMorePublishOfTheSameEventIdAndNoMore() {
        Notifier diesAfterPublishing = messages -> {
            sns().publish(messages);
            throw new IllegalStateException("the Lambda's time ran out");
        };

        assertThatThrownBy(() ->
                        evaluator(points, ledger, diesAfterPublishing, FEB_5).evaluate(run("exec-1")))
                .hasMessageContaining("time ran out");

        assertThatTheEventGoesOutOnceMoreWithTheSameEventIdAfterTheLease();
    }

    /** After a run that published and did not mark sent: nothing within its lease, one publish after, then nothing. */
    private void assertThatTheEventGoesOutOnceMoreWithTheSameEventIdAfterTheLease() {
        String key = "2026-02-05#price_below_production_cost#1";
        EvaluationReport withinTheLease =
                evaluator(points, ledger, sns(), FEB_5.plusSeconds(60)).evaluate(run("exec-2"));
        EvaluationReport afterTheLease = evaluator(
                        points, ledger, sns(), FEB_5.plus(OutboxDelivery.LEASE).plusSeconds(1))
                .evaluate(run("exec-3"));
        EvaluationReport later =
                evaluator(points, ledger, sns(), FEB_5.plusSeconds(600)).evaluate(run("exec-4"));

        assertThat(withinTheLease.delivered()).isEmpty();
        assertThat(afterTheLease.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly(key);
        assertThat(later.delivered()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet))
                .as("at most one duplicate, with the same event_id")
                .hasSize(2)
                .allSatisfy(
                        m -> assertThat(m.messageAttributes().get("event_id").stringValue())
                                .isEqualTo(key));
        assertThat(ledger.history(10))
                .singleElement()
                .extracting(RuleLedger.HistoryEntry::status)
                .isEqualTo("SENT");
    }

    @Test
    void anEventSnsRefusesForGoodIsParkedAfterItsAttemptsWhileTheOthersGoOut() {
        outflowOnFebruary4();
        Notifier tooLongForSns = messages -> sns().publish(messages.stream()
                .map(m -> m.attributes().get("rule").equals("price_below_production_cost")
                        ? new AlertMessage(
                                m.subject(), m.defaultBody(), m.email() + "x".repeat(300_000), m.sms(), m.attributes())
                        : m)
                .toList());
        String refused = "2026-02-05#price_below_production_cost#1";

        List<EvaluationReport> runs = new java.util.ArrayList<>();
        for (int i = 1; i <= OutboxDelivery.MAX_ATTEMPTS + 1; i++) {
            runs.add(evaluator(points, ledger, tooLongForSns, FEB_5).evaluate(run("exec-" + i)));
        }

        for (EvaluationReport tried : runs.subList(0, OutboxDelivery.MAX_ATTEMPTS - 1)) {
            assertThat(tried.deliveryFailures())
                    .singleElement()
                    .asString()
                    .startsWith(refused)
                    .contains("InvalidParameter");
            assertThat(tried.parked()).isEmpty();
        }
        EvaluationReport last = runs.get(OutboxDelivery.MAX_ATTEMPTS - 1);
        assertThat(last.deliveryFailures()).isEmpty();
        assertThat(last.parked()).singleElement().asString().startsWith(refused).contains("InvalidParameter");
        assertThat(runs.get(OutboxDelivery.MAX_ATTEMPTS).delivered()).isEmpty();
        assertThat(runs.get(OutboxDelivery.MAX_ATTEMPTS).deliveryFailures()).isEmpty();
        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.parked()).singleElement().satisfies(entry -> {
            assertThat(entry.event().key()).isEqualTo(refused);
            assertThat(entry.status()).isEqualTo("PARKED");
            assertThat(entry.error()).contains("InvalidParameter");
        });
        assertThat(inbox.drainWithoutBatches(quiet))
                .as("the ETF outflow went out at the first run")
                .singleElement()
                .satisfies(m -> assertThat(m.messageAttributes().get("rule").stringValue())
                        .isEqualTo("etf_daily_outflow"));
    }

    @Test
    void eventsAlreadyInTheOutboxAreDeliveredEvenWhenTheEvaluationFailsAndTheRunStillFails() {
        evaluator(points, ledger, AwsClients.snsNotifier(() -> sns, topic.topicArn() + "-deleted"), FEB_5)
                .evaluate(run("exec-1"));
        assertThat(ledger.load().pending()).hasSize(1);
        PointStore unreadable = failingOnce(points, "range", new IllegalStateException("DynamoDB: unavailable"));

        assertThatThrownBy(() -> evaluator(unreadable, ledger, sns(), FEB_5.plusSeconds(60))
                        .evaluate(run("exec-2")))
                .isInstanceOf(EvaluationFailedException.class)
                .hasMessageContaining("unavailable")
                .satisfies(
                        e -> assertThat(((EvaluationFailedException) e).report().delivered())
                                .extracting(EvaluationReport.Delivered::eventKey)
                                .containsExactly("2026-02-05#price_below_production_cost#1"));

        assertThat(inbox.drainWithoutBatches(quiet)).hasSize(1);
        assertThat(ledger.load().pending()).isEmpty();
    }

    @Test
    void anEtfSessionRevisedTwoDaysLaterToCrossTheThresholdIsNotifiedOnce() {
        RuleEngine engine = new RuleEngine(RuleSet.defaults().only(List.of("etf_daily_outflow")));
        java.util.function.Function<String, EvaluationReport> runAt =
                at -> new AlertEvaluator(points, ledger, sns(), engine, Clock.fixed(Instant.parse(at), ZoneOffset.UTC))
                        .evaluate(new ScheduledInvocation(Instant.parse(at), newRun()));
        PointStore.Change stored = points.upsert(
                new DailyPoint(
                        SeriesId.ETF_NET_FLOW_USD,
                        LocalDate.parse("2026-02-03"),
                        -400_000_000,
                        null,
                        List.of("sosovalue"),
                        Instant.parse("2026-02-04T02:00:00Z"),
                        true,
                        Map.of()),
                newRun());

        EvaluationReport first = runAt.apply("2026-02-04T14:10:00Z");
        EvaluationReport next = runAt.apply("2026-02-05T14:10:00Z");
        PointStore.Change notARevision = points.upsert(
                new DailyPoint(
                        SeriesId.ETF_NET_FLOW_USD,
                        LocalDate.parse("2026-02-03"),
                        -900_000_000,
                        null,
                        List.of("tftc"),
                        Instant.parse("2026-02-05T14:30:00Z"),
                        false,
                        Map.of()),
                newRun());
        PointStore.Change revision = points.upsert(
                new DailyPoint(
                        SeriesId.ETF_NET_FLOW_USD,
                        LocalDate.parse("2026-02-03"),
                        -600_000_000,
                        null,
                        List.of("sosovalue"),
                        Instant.parse("2026-02-05T15:00:00Z"),
                        true,
                        Map.of()),
                newRun());
        EvaluationReport afterRevision = runAt.apply("2026-02-05T16:00:00Z");
        EvaluationReport later = runAt.apply("2026-02-05T17:00:00Z");

        assertThat(stored).isEqualTo(PointStore.Change.CREATED);
        assertThat(first.recorded()).isEmpty();
        assertThat(next.recorded()).isEmpty();
        assertThat(notARevision)
                .as("another provider's open reading does not replace a final session")
                .isEqualTo(PointStore.Change.UNCHANGED);
        assertThat(revision).isEqualTo(PointStore.Change.UPDATED);
        assertThat(afterRevision.recorded()).singleElement().asString().startsWith("2026-02-03#etf_daily_outflow#");
        assertThat(afterRevision.delivered()).hasSize(1);
        assertThat(later.recorded()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("-$600.0M"));
    }

    // Silences ----------------------------------------------------------------------------------------------------

    /** The price rule (cost $87,000) on SNS, evaluated at {@code at} by a run of its own. */
    private EvaluationReport priceRuleAt(Instant at) {
        return evaluator(points, ledger, sns(), at).evaluate(new ScheduledInvocation(at, newRun()));
    }

    private void silencePriceRule(Duration lasting) {
        silences.keep(new Silence(
                "s-test",
                "price_below_production_cost",
                FEB_5.minusSeconds(60),
                FEB_5.plus(lasting),
                "maintenance",
                "test"));
    }

    @Test
    void aSilencedRuleIsDecidedAndRecordedButNotifiesNobodyAndOnceItEndsStillFiringNotifiesOnce() {
        silencePriceRule(Duration.ofHours(1));

        EvaluationReport silenced = priceRuleAt(FEB_5);
        EvaluationReport stillSilenced = priceRuleAt(FEB_5.plus(Duration.ofMinutes(30)));

        assertThat(silenced.recorded()).containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(silenced.delivered()).isEmpty();
        assertThat(silenced.silenced())
                .singleElement()
                .asString()
                .startsWith("2026-02-05#price_below_production_cost#1: held by silence s-test until "
                        + "2026-02-05T15:10:00Z (maintenance)");
        assertThat(stillSilenced.delivered()).isEmpty();
        assertThat(stillSilenced.silenced())
                .as("a held event costs nothing while it is held")
                .isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet)).isEmpty();
        assertThat(ledger.history(10)).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("SILENCED");
            assertThat(entry.silenceId()).isEqualTo("s-test");
        });

        EvaluationReport ended = priceRuleAt(FEB_5.plus(Duration.ofHours(2)));
        EvaluationReport later = priceRuleAt(FEB_5.plus(Duration.ofHours(3)));

        assertThat(ended.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(later.delivered()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet))
                .singleElement()
                .satisfies(m -> assertThat(m.body()).contains("FIRED price_below_production_cost"));
        assertThat(ledger.history(10)).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo("SENT");
            assertThat(entry.silenceId()).isEqualTo("s-test");
        });
    }

    @Test
    void aSilencedRuleThatFiredAndResolvedMeanwhileNotifiesNobodyWhenTheSilenceEnds() {
        silencePriceRule(Duration.ofHours(3));
        EvaluationReport fired = priceRuleAt(FEB_5);
        points.record(
                new Observation(SeriesId.BTC_USD, 95_000, FEB_5.plus(Duration.ofHours(1)), List.of("coingecko")),
                newRun());
        EvaluationReport resolved = priceRuleAt(FEB_5.plus(Duration.ofHours(1)));

        EvaluationReport ended = priceRuleAt(FEB_5.plus(Duration.ofHours(4)));

        assertThat(fired.silenced()).hasSize(1);
        assertThat(resolved.recorded()).singleElement().asString().endsWith("#2");
        assertThat(resolved.silenced()).hasSize(1);
        assertThat(ended.delivered()).isEmpty();
        assertThat(ended.silenced())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("dismissed; its silence ended"));
        assertThat(inbox.drainWithoutBatches(quiet)).isEmpty();
        assertThat(ledger.load().pending()).isEmpty();
        assertThat(ledger.history(10))
                .extracting(RuleLedger.HistoryEntry::status)
                .containsOnly("SILENCED");
    }

    @Test
    void aSilenceOfAnotherRuleHoldsNothing() {
        silences.keep(new Silence(
                "s-other",
                "etf_daily_outflow",
                FEB_5.minusSeconds(60),
                FEB_5.plus(Duration.ofHours(1)),
                "etf",
                "test"));

        EvaluationReport report = priceRuleAt(FEB_5);

        assertThat(report.delivered()).hasSize(1);
        assertThat(report.silenced()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet)).hasSize(1);
    }

    // Reminders ---------------------------------------------------------------------------------------------------

    /** The price rule (cost $87,000) with a reminder every hour, on SNS, evaluated at {@code at} by {@code run}. */
    private EvaluationReport remindingPriceRuleAt(Instant at, String run) {
        RuleSet rules = Minerwatch.rulesOf(Settings.of(Map.of(
                        Settings.PRODUCTION_COST_USD,
                        "87000",
                        Settings.RULES,
                        "{\"rules\": [{\"id\": \"price_below_production_cost\", \"remind_every\": \"PT1H\"}]}")))
                .only(List.of("price_below_production_cost"));
        return new AlertEvaluator(points, ledger, sns(), new RuleEngine(rules), Clock.fixed(at, ZoneOffset.UTC))
                .evaluate(new ScheduledInvocation(at, run));
    }

    @Test
    void aReminderGoesOutOncePerIntervalThroughTheOutboxHoweverOftenTheIntervalIsEvaluated() throws Exception {
        EvaluationReport fired = remindingPriceRuleAt(FEB_5, newRun());
        EvaluationReport early = remindingPriceRuleAt(FEB_5.plus(Duration.ofMinutes(59)), newRun());
        Instant anHourOn = FEB_5.plus(Duration.ofHours(1));
        List<Callable<EvaluationReport>> overlapping =
                List.of(() -> remindingPriceRuleAt(anHourOn, newRun()), () -> remindingPriceRuleAt(anHourOn, newRun()));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<EvaluationReport> both = new ArrayList<>();
        try {
            for (Future<EvaluationReport> report : pool.invokeAll(overlapping)) {
                both.add(report.get());
            }
        } finally {
            pool.shutdownNow();
        }
        String retriedRun = newRun();
        EvaluationReport second = remindingPriceRuleAt(FEB_5.plus(Duration.ofMinutes(125)), retriedRun);
        EvaluationReport retry = remindingPriceRuleAt(FEB_5.plus(Duration.ofMinutes(125)), retriedRun);

        assertThat(fired.recorded()).containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(early.recorded()).isEmpty();
        assertThat(both)
                .flatExtracting(EvaluationReport::recorded)
                .as("of two overlapping runs one records the reminder")
                .containsExactly("2026-02-05#price_below_production_cost#2");
        assertThat(second.recorded()).containsExactly("2026-02-05#price_below_production_cost#3");
        assertThat(retry.recorded()).isEmpty();
        assertThat(retry.delivered()).isEmpty();
        List<Message> received = inbox.drainWithoutBatches(quiet).stream()
                .sorted(Comparator.comparing(
                        m -> m.messageAttributes().get("event_id").stringValue()))
                .toList();
        assertThat(received)
                .extracting(Message::body)
                .as("one message per event, each with its own event_id")
                .satisfiesExactly(
                        body -> assertThat(body).startsWith("FIRED price_below_production_cost on 2026-02-05: "),
                        body -> assertThat(body)
                                .startsWith("REMINDER price_below_production_cost on 2026-02-05, still holding, active"
                                        + " for 1 h (since 2026-02-05 14:10 UTC, reminder 1 every 1 h): ")
                                .contains("event 2026-02-05#price_below_production_cost#2"),
                        body -> assertThat(body)
                                .contains("active for 2 h 5 min")
                                .contains("event 2026-02-05#price_below_production_cost#3"));
        assertThat(received)
                .extracting(m -> m.messageAttributes().get("event_id").stringValue())
                .doesNotHaveDuplicates()
                .hasSize(3);
        assertThat(ledger.history(10))
                .extracting(entry -> entry.event().kind() + " " + entry.status())
                .containsExactlyInAnyOrder("FIRED SENT", "REMINDER SENT", "REMINDER SENT");
    }

    @Test
    void remindersHeldBySilenceAreDismissedWhenItEndsAndTheStillActiveAlertNotifiesOnceThenRemindsOnSchedule() {
        silencePriceRule(Duration.ofMinutes(150));
        remindingPriceRuleAt(FEB_5, newRun());
        EvaluationReport heldReminder = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(1)), newRun());
        remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(2)), newRun());
        assertThat(heldReminder.silenced()).singleElement().asString().contains("held by silence s-test");
        assertThat(inbox.drainWithoutBatches(quiet)).isEmpty();

        EvaluationReport ended = remindingPriceRuleAt(FEB_5.plus(Duration.ofMinutes(155)), newRun());
        EvaluationReport next = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(3)), newRun());

        assertThat(ended.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(ended.silenced())
                .hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("dismissed; its silence ended"));
        assertThat(next.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly("2026-02-05#price_below_production_cost#4");
        assertThat(inbox.drainWithoutBatches(quiet))
                .extracting(Message::body)
                .satisfiesExactlyInAnyOrder(
                        body -> assertThat(body).startsWith("FIRED "),
                        body -> assertThat(body).startsWith("REMINDER ").contains("active for 3 h"));
    }

    // Escalation -------------------------------------------------------------------------------------------------

    /**
     * The price rule as a warning (which SMS does not hear), escalated to SMS after 30 minutes, evaluated at
     * {@code at}.
     */
    private EvaluationReport escalatingRuleAt(Instant at) {
        return escalatingRuleAt(at, newRun());
    }

    private EvaluationReport escalatingRuleAt(Instant at, String run) {
        RuleSet rules = Minerwatch.rulesOf(Settings.of(Map.of(
                        Settings.PRODUCTION_COST_USD,
                        "87000",
                        Settings.RULES,
                        "{\"rules\": [{\"id\": \"price_below_production_cost\", \"severity\": \"warning\","
                                + " \"escalate_after\": \"PT30M\", \"escalate_to\": \"sms\"}]}")))
                .only(List.of("price_below_production_cost"));
        return new AlertEvaluator(points, ledger, sns(), new RuleEngine(rules), Clock.fixed(at, ZoneOffset.UTC))
                .evaluate(new ScheduledInvocation(at, run));
    }

    @Test
    void anAlertUnacknowledgedAfterThirtyMinutesIsEscalatedOnceToSmsWhateverItsSeverityAndEmailHearsNothingOfIt() {
        TopicInbox.Subscriber sms = topic.subscribe("sms-" + UUID.randomUUID(), SubscriptionPolicies.SMS);
        TopicInbox.Subscriber email = topic.subscribe("email-" + UUID.randomUUID(), SubscriptionPolicies.EMAIL);

        EvaluationReport fired = escalatingRuleAt(FEB_5);
        EvaluationReport early = escalatingRuleAt(FEB_5.plus(Duration.ofMinutes(29)));
        String dueRun = newRun();
        EvaluationReport due = escalatingRuleAt(FEB_5.plus(Duration.ofMinutes(30)), dueRun);
        EvaluationReport retried = escalatingRuleAt(FEB_5.plus(Duration.ofMinutes(30)), dueRun);
        EvaluationReport later = escalatingRuleAt(FEB_5.plus(Duration.ofMinutes(45)));
        EvaluationReport hourOn = escalatingRuleAt(FEB_5.plus(Duration.ofMinutes(90)));

        assertThat(fired.recorded()).containsExactly("2026-02-05#price_below_production_cost#1");
        assertThat(early.recorded()).isEmpty();
        String escalation = "2026-02-05#price_below_production_cost:escalated-to-sms#1";
        assertThat(due.recorded()).containsExactly(escalation);
        assertThat(due.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly(escalation);
        assertThat(retried.recorded()).as("a retried run duplicates nothing").isEmpty();
        assertThat(retried.delivered()).isEmpty();
        assertThat(later.recorded()).isEmpty();
        assertThat(hourOn.recorded()).isEmpty();
        assertThat(sms.drain(quiet))
                .as("the warning never reaches SMS; its escalation does, once")
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.messageAttributes().get("deliver_to").stringValue())
                            .isEqualTo("sms");
                    assertThat(m.messageAttributes().get("kind").stringValue()).isEqualTo("escalation");
                    assertThat(m.body())
                            .contains("nobody has acknowledged it in 30 min: escalated to sms")
                            .contains("event 2026-02-05#price_below_production_cost#1");
                });
        assertThat(email.drainWithoutBatches(quiet))
                .extracting(m -> m.messageAttributes().get("event").stringValue())
                .containsExactly("FIRED");
    }

    @Test
    void anAlertAcknowledgedAtTwentyMinutesIsNeverEscalated() {
        TopicInbox.Subscriber sms = topic.subscribe("sms-" + UUID.randomUUID(), SubscriptionPolicies.SMS);
        escalatingRuleAt(FEB_5);
        acknowledge("2026-02-05#price_below_production_cost#1", "alice", FEB_5.plus(Duration.ofMinutes(20)));

        EvaluationReport after = escalatingRuleAt(FEB_5.plus(Duration.ofMinutes(30)));
        EvaluationReport muchLater = escalatingRuleAt(FEB_5.plus(Duration.ofHours(5)));

        assertThat(after.recorded()).isEmpty();
        assertThat(muchLater.recorded()).isEmpty();
        assertThat(ledger.history(20)).extracting(entry -> entry.event().kind()).doesNotContain(EventKind.ESCALATED);
        assertThat(sms.drain(quiet))
                .as("only the acknowledgement's notice, which SMS does not hear either (a warning)")
                .isEmpty();
    }

    /** Acknowledges {@code event} of the price rule's state as stored now, as {@code minerwatch ack} does. */
    private void acknowledge(String eventKey, String by, Instant at) {
        RuleState state = ledger.load().states().get("price_below_production_cost");
        AlertEvent event = ledger.history(100).stream()
                .map(RuleLedger.HistoryEntry::event)
                .filter(e -> e.key().equals(eventKey))
                .findFirst()
                .orElseThrow();
        RuleLedger.Acknowledgement ack = RuleLedger.Acknowledgement.of(event, state, by, at, "on it");
        assertThat(ledger.acknowledge(ack, ack.notice(event))).isEmpty();
    }

    private void priceAt(double usd, Instant at) {
        points.record(new Observation(SeriesId.BTC_USD, usd, at, List.of("coingecko")), newRun());
    }

    @Test
    void anAcknowledgedAlertIsToldOnceSendsNoReminderUntilItResolvesAndRemindsAgainOnceItFiresAgain() {
        remindingPriceRuleAt(FEB_5, newRun());
        EvaluationReport reminded = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(1)), newRun());
        acknowledge("2026-02-05#price_below_production_cost#2", "alice", FEB_5.plus(Duration.ofMinutes(70)));

        EvaluationReport told = remindingPriceRuleAt(FEB_5.plus(Duration.ofMinutes(80)), newRun());
        String retriedRun = newRun();
        EvaluationReport quiet1 = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(2)), retriedRun);
        EvaluationReport retry = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(2)), retriedRun);
        EvaluationReport quiet2 = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(5)), newRun());

        assertThat(reminded.recorded()).containsExactly("2026-02-05#price_below_production_cost#2");
        assertThat(told.recorded()).isEmpty();
        assertThat(told.delivered())
                .extracting(EvaluationReport.Delivered::eventKey)
                .containsExactly("2026-02-05#price_below_production_cost:ack#2");
        assertThat(quiet1.recorded()).as("acknowledged: no reminder").isEmpty();
        assertThat(quiet1.delivered()).isEmpty();
        assertThat(retry.delivered()).isEmpty();
        assertThat(quiet2.recorded()).isEmpty();
        assertThat(inbox.drainWithoutBatches(quiet))
                .extracting(Message::body)
                .satisfiesExactlyInAnyOrder(
                        body -> assertThat(body).startsWith("FIRED "),
                        body -> assertThat(body).startsWith("REMINDER "),
                        body -> assertThat(body)
                                .startsWith("BTC price below production cost acknowledged by alice: on it"));

        priceAt(95_000, FEB_5.plus(Duration.ofMinutes(330)));
        EvaluationReport resolved = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(6)), newRun());
        priceAt(69_000, FEB_5.plus(Duration.ofMinutes(390)));
        EvaluationReport again = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(7)), newRun());
        EvaluationReport remindedAgain = remindingPriceRuleAt(FEB_5.plus(Duration.ofHours(8)), newRun());

        assertThat(resolved.recorded()).containsExactly("2026-02-05#price_below_production_cost#3");
        assertThat(again.recorded()).containsExactly("2026-02-05#price_below_production_cost#4");
        assertThat(ledger.load().acknowledged())
                .as("the new episode is not acknowledged")
                .isEmpty();
        assertThat(remindedAgain.recorded()).containsExactly("2026-02-05#price_below_production_cost#5");
        assertThat(inbox.drainWithoutBatches(quiet))
                .extracting(Message::body)
                .satisfiesExactlyInAnyOrder(
                        body -> assertThat(body).startsWith("RESOLVED "),
                        body -> assertThat(body).startsWith("FIRED "),
                        body -> assertThat(body).startsWith("REMINDER ").contains("active for 1 h"));
    }

    private Notifier sns() {
        return AwsClients.snsNotifier(() -> sns, topic.topicArn());
    }

    private void outflowOnFebruary4() {
        points.put(new DailyPoint(
                SeriesId.ETF_NET_FLOW_USD,
                LocalDate.parse("2026-02-04"),
                -544_940_000,
                null,
                List.of("sosovalue"),
                Instant.parse("2026-02-05T02:00:00Z"),
                false,
                Map.of()));
    }

    /** {@code real}, except that its first call of {@code method} throws {@code failure}. */
    @SuppressWarnings("unchecked")
    private static <T> T failingOnce(T real, String method, RuntimeException failure) {
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        Class<?> port = real instanceof RuleLedger ? RuleLedger.class : PointStore.class;
        return (T) java.lang.reflect.Proxy.newProxyInstance(
                port.getClassLoader(), new Class<?>[] {port}, (proxy, m, args) -> {
                    if (m.getName().equals(method) && !failed.getAndSet(true)) {
                        throw failure;
                    }
                    try {
                        return m.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The execution id of a scheduled run of its own. */
    private static String newRun() {
        return "run-" + java.util.UUID.randomUUID();
    }
}
