package dev.minerwatch.app;

import dev.minerwatch.alerts.AlertEvaluator;
import dev.minerwatch.alerts.channels.ChannelRegistry;
import dev.minerwatch.alerts.digest.DigestPublisher;
import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.Channel;
import dev.minerwatch.alerts.notify.ChannelForwarder;
import dev.minerwatch.alerts.notify.Notifier;
import dev.minerwatch.alerts.subscribers.Subscribers;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.DynamoDbStorage;
import dev.minerwatch.collect.Backfill;
import dev.minerwatch.collect.Collector;
import dev.minerwatch.config.Settings;
import dev.minerwatch.economics.ProductionCostModel;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.site.Site;
import dev.minerwatch.sources.Provider;
import dev.minerwatch.sources.ProviderContract;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.Sources.CoinGecko;
import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.LocalStorageProvider;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.Silences;
import dev.minerwatch.store.Storage;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.Lazy;

/**
 * Wires minerwatch's components from {@link Settings}: the one place that knows how the pieces fit. Handlers
 * and the CLI ask it for what they run; each client is created on first use, so a function builds only what
 * it needs.
 *
 * <p>The store is DynamoDB when a table or a DynamoDB endpoint is configured; otherwise the local store a
 * {@link LocalStorageProvider} on the class path opens (the CLI's SQLite), and DynamoDB's default table where there
 * is none (the Lambda artifact carries none).
 */
public final class Minerwatch implements AutoCloseable {

    private final Settings settings;
    private final Clock clock;
    private final PrintWriter console;
    private final List<String> channelFailures = new CopyOnWriteArrayList<>();
    private final Lazy<DynamoDbClient> dynamoDb;
    private final HttpJsonClient.Connector providers;
    /** Read once: the init's check and every use case that evaluates rules share the one reading. */
    private final Lazy<RuleConfiguration.Outcome> rules;

    private Notifier notifier;
    private Supplier<Optional<String>> ackKey;
    private Storage storage;

    public Minerwatch(Settings settings, Clock clock) {
        this(settings, clock, new PrintWriter(System.out, true));
    }

    /** With {@code console} as where notifications are printed when no SNS topic is configured. */
    public Minerwatch(Settings settings, Clock clock, PrintWriter console) {
        this(settings, clock, console, () -> AwsClients.dynamoDb(settings), HttpJsonClient.NETWORK);
    }

    /** With the DynamoDB client and the providers' connections given: the SnapStart priming's, in memory. */
    public Minerwatch(
            Settings settings,
            Clock clock,
            PrintWriter console,
            Supplier<DynamoDbClient> dynamoDb,
            HttpJsonClient.Connector providers) {
        this.settings = settings;
        this.clock = clock;
        this.console = console;
        this.dynamoDb = new Lazy<>(dynamoDb);
        this.providers = providers;
        this.rules = new Lazy<>(() -> RuleConfiguration.load(settings));
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

    public DynamoDbClient dynamoDb() {
        return dynamoDb.getValue();
    }

    /** The store these settings select, opened on first use. */
    public synchronized Storage storage() {
        if (storage == null) {
            storage = openStorage();
        }
        return storage;
    }

    private Storage openStorage() {
        if (!settings.dynamoDbConfigured()) {
            var local = ServiceLoader.load(LocalStorageProvider.class).findFirst();
            if (local.isPresent()) {
                return local.get().open(settings.dataDir());
            }
        }
        return new DynamoDbStorage(
                dynamoDb(),
                settings.tableName(),
                settings.awsEndpoint("dynamodb").map(e -> "at " + e).orElse("in " + settings.region()));
    }

    public PointStore pointStore() {
        return storage().points();
    }

    public RuleLedger ruleLedger() {
        return storage().ledger();
    }

    public Silences silences() {
        return storage().silences();
    }

    /** Closes the store if one was opened (a local database connection); AWS clients live as long as the process. */
    @Override
    public synchronized void close() {
        if (storage != null) {
            storage.close();
            storage = null;
        }
    }

    /**
     * SNS when a topic is configured, the console otherwise; and beside it the channels the environment configures;
     * each message linked to its page on the dashboard when {@link Settings#DASHBOARD_URL} is set, and each alert to
     * the function that acknowledges it when {@link Settings#ACK_URL} is.
     */
    public synchronized Notifier notifier() {
        if (notifier == null) {
            Notifier topic = settings.topicArn()
                    .<Notifier>map(arn -> AwsClients.snsNotifier(() -> AwsClients.sns(settings), arn))
                    .orElseGet(() -> Notifier.console(console, this::localRecipients));
            Notifier primary;
            try {
                primary = Notifier.withQuietSubscriptions(topic, settings::get, channelReceipts(), clock);
            } catch (IllegalArgumentException e) {
                // The function's init check has refused the mistake already in AWS; locally the subscriptions hear
                // everything at once, and the mistake is said.
                channelFailed("the subscriptions' quiet hours are left out: " + e.getMessage());
                primary = topic;
            }
            // A mistake in one channel's variables leaves that channel out, named, and the others (the console,
            // SNS) deliver; the function's init check has refused the mistake already in AWS.
            List<String> problems = new ArrayList<>();
            List<Channel> channels = ChannelRegistry.configured(settings, problems);
            problems.forEach(problem -> channelFailed("a channel is left out: " + problem));
            Notifier all = channels.isEmpty()
                    ? primary
                    : Notifier.withChannels(
                            primary, new ChannelForwarder(channels, channelReceipts(), clock), this::channelFailed);
            Notifier acked = settings.ackUrl()
                    .map(ack -> Notifier.ackLinked(ack, ackKey(), clock, all))
                    .orElse(all);
            notifier = settings.dashboardUrl()
                    .map(dashboard -> Notifier.linkedTo(dashboard, acked))
                    .orElse(acked);
        }
        return notifier;
    }

    /**
     * The subscribers recorded in the local store ({@code ./minerwatch subscribe} without a topic) that would get
     * {@code message}: what the console says under it. None when the store cannot say.
     */
    private List<String> localRecipients(AlertMessage message) {
        try {
            return Subscribers.recipients(
                    Subscribers.inStore(storage().subscribers(), clock).list(), message);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The key the acknowledgement's links are signed with ({@link Settings#ACK_KEY}, or the SSM SecureString {@code
     * ACK_KEY_PARAMETER} names): read once, at init, or under SnapStart on first use after the restore.
     */
    private synchronized Supplier<Optional<String>> ackKey() {
        if (ackKey == null) {
            ackKey = AwsClients.apiKey(settings, Settings.ACK_KEY);
        }
        return ackKey;
    }

    /**
     * What a request to an acknowledgement's link comes to ({@link #checkAckLink}, {@link #acknowledgeFromLink}).
     * The link's refusals first: no key configured, malformed, forged, expired; then the event's: unknown (or no
     * alert), resolved; then what is to be done: a confirmation, acknowledged now, or acknowledged already.
     */
    public enum LinkOutcome {
        NO_KEY,
        MALFORMED,
        FORGED,
        EXPIRED,
        UNKNOWN,
        RESOLVED,
        CONFIRM,
        ACKNOWLEDGED,
        ALREADY_ACKNOWLEDGED
    }

    /**
     * The outcome of a link, the event it names once the link is valid (null before), and for an acknowledgement
     * (now or earlier) who, when and why.
     */
    public record LinkAck(LinkOutcome outcome, AlertEvent event, String by, Instant at, String reason) {

        public static LinkAck of(LinkOutcome outcome) {
            return new LinkAck(outcome, null, null, null, null);
        }
    }

    /**
     * What the acknowledgement's link with the parameters {@code e} (the event id), {@code x} (the expiry) and {@code
     * s} (the signature), decoded, would acknowledge: it records nothing (a GET, which mail scanners follow too).
     */
    public LinkAck checkAckLink(String e, String x, String s) {
        return new LinkAcknowledgements(ruleLedger(), ackKey(), clock).check(e, x, s);
    }

    /**
     * Acknowledges what the link names, as {@code ./minerwatch ack} does: by {@code by} ("link" when blank), for
     * {@code reason} ("acknowledged from the link" when blank); once per episode.
     */
    public LinkAck acknowledgeFromLink(String e, String x, String s, String by, String reason) {
        return new LinkAcknowledgements(ruleLedger(), ackKey(), clock).acknowledge(e, x, s, by, reason);
    }

    private void channelFailed(String failure) {
        channelFailures.add(failure);
        console.println("warning: " + failure);
        console.flush();
    }

    /**
     * What went wrong with the chat and webhook channels beside the primary notifier so far: a channel left out for a
     * mistake in its variables, a message a channel did not take. Empty when every channel took every message.
     */
    public List<String> channelFailures() {
        return List.copyOf(channelFailures);
    }

    /**
     * How long a scheduled collection may spend on providers: the functions time out after 60 s, and what was
     * collected must still be stored (AWS calls are bounded on their own: {@link AwsClients}).
     */
    static final Duration COLLECTION_PROVIDER_BUDGET = Duration.ofSeconds(40);
    /** The same for a backfill, whose function times out after 900 s. */
    static final Duration BACKFILL_PROVIDER_BUDGET = Duration.ofMinutes(10);

    private HttpJsonClient http() {
        return new HttpJsonClient(
                Duration.ofSeconds(3),
                Duration.ofSeconds(8),
                HttpJsonClient.RetryPolicy.DEFAULT,
                duration -> Thread.sleep(duration),
                providers);
    }

    /** The network's collection: hashrate, difficulty, fees, and hashprice and production cost derived from them. */
    public Collector networkCollector() {
        return Collector.network(
                sources(http()),
                ProductionCostModel.parse(settings.costModel()),
                pointStore(),
                clock,
                COLLECTION_PROVIDER_BUDGET);
    }

    /** The ETF flows' collection, along the configured paths best first. */
    public Collector etfFlowCollector() {
        return Collector.etfFlows(etfFlowPaths(sources(http())), pointStore(), clock, COLLECTION_PROVIDER_BUDGET);
    }

    /**
     * Where ETF flows come from, best first: with a SoSoValue key, its current API, then its older one; always
     * TFTC's open dataset, which needs no key.
     */
    private List<EtfFlowPath> etfFlowPaths(Sources sources) {
        return sources.etfFlowPaths(
                settings.soSoValueKeyConfigured()
                        ? Optional.of(AwsClients.apiKey(settings, Settings.SOSOVALUE_API_KEY))
                        : Optional.empty());
    }

    /** Every provider's source over {@code http}, at the base URLs the environment sets ({@link Provider}). */
    private Sources sources(HttpJsonClient http) {
        return new Sources(http, provider -> baseUrl(settings, provider), clock);
    }

    /** A provider's base URL: {@code <ID>_BASE_URL}, else its default. */
    static URI baseUrl(Settings settings, Provider provider) {
        return settings.baseUrl(provider.baseUrlVariable(), provider.defaultUrl(settings::get));
    }

    public Backfill backfill() {
        Sources sources = sources(http());
        return new Backfill(
                sources.mempool(),
                coinGecko(sources),
                etfFlowPaths(sources),
                ProductionCostModel.parse(settings.costModel()),
                pointStore(),
                clock,
                BACKFILL_PROVIDER_BUDGET);
    }

    /** Every configured provider endpoint, to be checked once against its contract ({@code minerwatch sources}). */
    public ProviderContract providerContract() {
        HttpJsonClient http = http();
        Sources sources = sources(http);
        CoinGecko coinGecko = coinGecko(sources);
        return ProviderContract.of(
                http,
                sources.spotPrices(coinGecko),
                coinGecko,
                sources.mempool(),
                sources.blockchainInfo(),
                etfFlowPaths(sources));
    }

    /** The market's collection: BTC and ETH prices by consensus, and Bitcoin's all-time high. */
    public Collector marketCollector() {
        return Collector.market(
                sources(http()),
                AwsClients.apiKey(settings, Settings.COINGECKO_API_KEY),
                pointStore(),
                COLLECTION_PROVIDER_BUDGET);
    }

    private CoinGecko coinGecko(Sources sources) {
        return sources.coinGecko(AwsClients.apiKey(settings, Settings.COINGECKO_API_KEY));
    }

    /** The rules in force: the defaults with the configured overrides. */
    public RuleSet rules() {
        return rules.getValue().rulesOrThrow();
    }

    /**
     * The rules {@code settings} put in force ({@link RuleConfiguration}): for what reads rules and runs nothing, such
     * as a replay or a chart.
     *
     * @throws IllegalArgumentException naming each problem of the rule file or the overrides
     */
    public static RuleSet rulesOf(Settings settings) {
        return RuleConfiguration.read(settings);
    }

    /**
     * Every configuration mistake at once ({@link ConfigurationCheck}), one a line, and with {@code keys} the API keys'
     * SSM parameters that cannot be read; none when the configuration is valid.
     */
    public List<String> configurationProblems(boolean keys) {
        List<String> problems = new ArrayList<>(ConfigurationCheck.problems(settings, rules.getValue()));
        if (keys) {
            problems.addAll(ConfigurationCheck.keyProblems(settings));
        }
        return problems;
    }

    /**
     * Fails with every configuration mistake at once ({@link ConfigurationCheck}), as a function's init does; the
     * rules it reads are the ones the function then runs.
     *
     * @throws IllegalStateException listing each mistake on a line of its own
     */
    public void requireValidConfiguration() {
        ConfigurationCheck.require(settings, rules.getValue());
    }

    /**
     * The channels of the environment for the forwarder, their secrets read from the SSM SecureString parameters
     * named by {@code <VARIABLE>_PARAMETER} where the variable itself is not set, and the store that keeps which
     * channels took each event.
     *
     * @throws IllegalStateException when a named parameter cannot be read (naming it, never its value)
     */
    public ChannelForwarder channelForwarder() {
        Map<String, String> resolved = new HashMap<>();
        for (String variable : ChannelRegistry.SECRET_VARIABLES) {
            AwsClients.apiKey(settings, variable).get().ifPresent(value -> resolved.put(variable, value));
        }
        return new ChannelForwarder(ChannelRegistry.configured(settings.with(resolved)), channelReceipts(), clock);
    }

    /** The store's channel receipts, opened when a message is first posted, not when the notifier is built. */
    private ChannelReceipts channelReceipts() {
        return new ChannelReceipts() {
            @Override
            public Set<String> channelsThatTook(String eventId) {
                return storage().receipts().channelsThatTook(eventId);
            }

            @Override
            public boolean claim(String eventId, String channel, String owner, Instant now, Duration lease) {
                return storage().receipts().claim(eventId, channel, owner, now, lease);
            }

            @Override
            public void channelTook(String eventId, String channel, Instant at) {
                storage().receipts().channelTook(eventId, channel, at);
            }

            @Override
            public void releaseClaim(String eventId, String channel, String owner) {
                storage().receipts().releaseClaim(eventId, channel, owner);
            }

            @Override
            public Claim claim(String eventId, String channel, String owner, Instant now, Duration lease, Cap cap) {
                return storage().receipts().claim(eventId, channel, owner, now, lease, cap);
            }

            @Override
            public boolean takeCapSummary(String channel, LocalDate day) {
                return storage().receipts().takeCapSummary(channel, day);
            }

            @Override
            public List<Held> held(LocalDate day) {
                return storage().receipts().held(day);
            }

            @Override
            public boolean defer(Deferred post) {
                return storage().receipts().defer(post);
            }

            @Override
            public List<Deferred> deferred() {
                return storage().receipts().deferred();
            }

            @Override
            public void undefer(String channel, String eventId) {
                storage().receipts().undefer(channel, eventId);
            }
        };
    }

    /** The daily digest, with mempool's estimate of the next retarget (a failed call is said in the digest). */
    public DigestPublisher digestPublisher() {
        return new DigestPublisher(
                pointStore(),
                ruleLedger(),
                notifier(),
                rules(),
                settings.productionCostOverride(),
                DigestPublisher.retargetOf(sources(http()).mempool()),
                settings.digestZone(),
                clock,
                day -> channelReceipts().held(day));
    }

    /**
     * The site of the stores at {@code at}, with mempool's estimate of the next retarget asked by {@code providers}
     * (a failed call is said on the pages).
     */
    public Site site(Instant at, Deadline providers) {
        // Asked on a second core while the stores are read: the HTTP client's first use loads many classes.
        CompletableFuture<Retarget> retarget = CompletableFuture.supplyAsync(
                () -> retarget(at, providers), task -> Thread.ofVirtual().start(task));
        return site(at, retarget::join);
    }

    /** The site of the stores at {@code at}, with a retarget estimate asked for once the stores are read. */
    public Site site(Instant at, Supplier<Retarget> retarget) {
        return Site.of(pointStore(), ruleLedger(), channelReceipts(), rules(), retarget, at);
    }

    /** How far from now a site may be drawn for and still show mempool's estimate, which is of now. */
    static final Duration RETARGET_IS_OF_NOW = Duration.ofHours(1);

    /**
     * Mempool's estimate of the next retarget for a site drawn at {@code at}, asked by {@code providers}; a failed call
     * says why there is none. A site drawn for another time than now (a store of recorded history) asks nothing: the
     * estimate is of now, not of then.
     */
    public Retarget retarget(Instant at, Deadline providers) {
        if (Duration.between(at, clock.instant()).abs().compareTo(RETARGET_IS_OF_NOW) > 0) {
            return Retarget.unavailable("the site is drawn for " + at + ", and mempool's estimate is of now");
        }
        return Retarget.ask(sources(http()).mempool(), providers);
    }

    /**
     * Draws the site at {@code at} ({@link #site}) and publishes it to the bucket {@code SITE_BUCKET} names: only the
     * files that changed are put; objects the site no longer has are deleted. Returns the publication's report.
     *
     * @throws IllegalStateException when no bucket is configured, or a call on the bucket failed (naming the bucket,
     *     the key and the status)
     */
    public Map<String, Object> publishSite(Instant at, Deadline providers) {
        String bucket = settings.siteBucket()
                .orElseThrow(() -> new IllegalStateException(
                        Settings.SITE_BUCKET + " is not set: there is no bucket to publish the site to"));
        Site site = site(at, providers);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("drawnAt", at.toString());
        report.putAll(AwsClients.publishSite(settings, bucket, site.files()));
        return report;
    }

    public AlertEvaluator alertEvaluator() {
        return new AlertEvaluator(pointStore(), ruleLedger(), notifier(), new RuleEngine(rules()), clock);
    }
}
