package dev.minerwatch.app;

import dev.minerwatch.alerts.AlertEvaluator;
import dev.minerwatch.collect.Backfill;
import dev.minerwatch.collect.EtfFlowCollector;
import dev.minerwatch.collect.MarketCollector;
import dev.minerwatch.sources.SoSoValueSource;
import dev.minerwatch.collect.NetworkCollector;
import dev.minerwatch.derive.ProductionCostModel;
import dev.minerwatch.sources.BlockchainInfoSource;
import dev.minerwatch.sources.MempoolSource;
import dev.minerwatch.config.AwsClients;
import dev.minerwatch.config.Secrets;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.notify.ConsoleNotifier;
import dev.minerwatch.notify.Notifier;
import dev.minerwatch.notify.SnsNotifier;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.sources.CoinGeckoSource;
import dev.minerwatch.sources.CoinbaseSource;
import dev.minerwatch.sources.KrakenSource;
import dev.minerwatch.sources.HttpJsonClient;
import dev.minerwatch.store.AlertStore;
import dev.minerwatch.store.PointStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Wires minerwatch's components from {@link Settings}: the one place that knows how the pieces fit. Handlers
 * and the CLI ask it for what they run; each client is created on first use, so a function builds only what
 * it needs.
 */
public final class Minerwatch {

    private final Settings settings;
    private final Clock clock;
    private final PrintWriter console;
    private DynamoDbClient dynamoDb;
    private Notifier notifier;

    public Minerwatch(Settings settings, Clock clock) {
        this(settings, clock, new PrintWriter(System.out, true));
    }

    /** With {@code console} as where notifications are printed when no SNS topic is configured. */
    public Minerwatch(Settings settings, Clock clock, PrintWriter console) {
        this.settings = settings;
        this.clock = clock;
        this.console = console;
    }

    public static Minerwatch fromEnvironment() {
        return new Minerwatch(Settings.fromEnvironment(), Clock.systemUTC());
    }

    public Settings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = AwsClients.dynamoDb(settings);
        }
        return dynamoDb;
    }

    public PointStore pointStore() {
        return new PointStore(dynamoDb(), settings.tableName());
    }

    public AlertStore alertStore() {
        return new AlertStore(dynamoDb(), settings.tableName());
    }

    /** SNS when a topic is configured, the console otherwise. */
    public synchronized Notifier notifier() {
        if (notifier == null) {
            notifier = settings.topicArn()
                    .<Notifier>map(arn -> new SnsNotifier(() -> AwsClients.sns(settings), arn))
                    .orElseGet(() -> new ConsoleNotifier(console));
        }
        return notifier;
    }

    private static HttpJsonClient http() {
        return new HttpJsonClient(Json.mapper(), Duration.ofSeconds(3), Duration.ofSeconds(8),
                HttpJsonClient.RetryPolicy.DEFAULT, duration -> Thread.sleep(duration));
    }

    public NetworkCollector networkCollector() {
        HttpJsonClient http = http();
        return new NetworkCollector(new MempoolSource(http, settings.mempoolBaseUrl()),
                new BlockchainInfoSource(http, settings.blockchainInfoBaseUrl()),
                ProductionCostModel.parse(settings.costModel()), pointStore(), clock);
    }

    public EtfFlowCollector etfFlowCollector() {
        return new EtfFlowCollector(new SoSoValueSource(http(), settings.soSoValueBaseUrl(),
                Secrets.of(settings).apiKey(Settings.SOSOVALUE_API_KEY)), pointStore(), clock);
    }

    public Backfill backfill() {
        HttpJsonClient http = http();
        return new Backfill(new MempoolSource(http, settings.mempoolBaseUrl()),
                new CoinGeckoSource(http, settings.coinGeckoBaseUrl(), Secrets.of(settings).apiKey(Settings.COINGECKO_API_KEY), clock),
                new SoSoValueSource(http, settings.soSoValueBaseUrl(), Secrets.of(settings).apiKey(Settings.SOSOVALUE_API_KEY)),
                pointStore(), clock);
    }

    public MarketCollector marketCollector() {
        HttpJsonClient http = http();
        CoinGeckoSource coinGecko = new CoinGeckoSource(http, settings.coinGeckoBaseUrl(),
                Secrets.of(settings).apiKey(Settings.COINGECKO_API_KEY), clock);
        return new MarketCollector(List.of(coinGecko,
                new CoinbaseSource(http, settings.coinbaseBaseUrl(), clock),
                new KrakenSource(http, settings.krakenBaseUrl(), clock)),
                coinGecko, pointStore());
    }

    /** The rules in force: the defaults with the configured overrides. */
    public RuleSet rules() {
        return RuleSet.configured(settings);
    }

    public AlertEvaluator alertEvaluator() {
        return new AlertEvaluator(pointStore(), alertStore(), notifier(), new RuleEngine(rules()), clock);
    }
}
