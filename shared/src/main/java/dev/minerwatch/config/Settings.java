package dev.minerwatch.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to minerwatch's configuration, read from environment variables (docs/contracts.md).
 * Built from a map so that tests and the CLI can supply their own environment.
 */
public final class Settings {

    public static final String TABLE_NAME = "MINERWATCH_TABLE";
    /**
     * The longest one AWS call may take, retries included (ISO-8601, such as {@code PT15S}); each attempt gets a
     * third of it. For emulators that answer slowly; AWS answers in milliseconds.
     */
    public static final String AWS_CALL_TIMEOUT = "MINERWATCH_AWS_CALL_TIMEOUT";
    /** The folder of the local store (the CLI's SQLite database). */
    public static final String DATA_DIR = "MINERWATCH_DATA_DIR";

    public static final String TOPIC_ARN = "ALERT_TOPIC_ARN";
    public static final String PRODUCTION_COST_USD = "PRODUCTION_COST_USD";
    public static final String COINGECKO_API_KEY = "COINGECKO_API_KEY";
    public static final String COST_MODEL = "COST_MODEL";
    public static final String SOSOVALUE_API_KEY = "SOSOVALUE_API_KEY";
    /** A rules override file (JSON) merged over the default rules. */
    public static final String RULES_FILE = "MINERWATCH_RULES_FILE";
    /** The same override, inline: for Lambda, where there is no file to point at. */
    public static final String RULES = "MINERWATCH_RULES";
    /** The time zone the daily digest's day is counted in (IANA id, such as Europe/Berlin); default UTC. */
    public static final String DIGEST_TIMEZONE = "DIGEST_TIMEZONE";

    /** The S3 bucket the site function publishes the site to. */
    public static final String SITE_BUCKET = "SITE_BUCKET";
    /**
     * Where the dashboard (the site) is served, such as {@code https://d123.cloudfront.net/}: when set, every message
     * about an event links to the event's page there, and the digest to the dashboard. An absolute https URL (http
     * only on this machine: 127.0.0.1 or localhost), without a query or fragment. Unset: messages carry no link.
     */
    public static final String DASHBOARD_URL = "DASHBOARD_URL";
    /**
     * The URL of the function that acknowledges an alert from a signed link (its Lambda Function URL): when set, each
     * alert that fires and each reminder carries "Acknowledge: <link>". An absolute https URL (http only on this
     * machine), without a query or fragment; it needs {@link #ACK_KEY}.
     */
    public static final String ACK_URL = "ACK_URL";
    /**
     * The key the links of {@link #ACK_URL} are signed with (HMAC-SHA256): locally from the environment, in AWS from
     * the SSM SecureString that {@code ACK_KEY_PARAMETER} names. Never logged.
     */
    public static final String ACK_KEY = "ACK_KEY";

    static final String DEFAULT_TABLE_NAME = "minerwatch";
    static final String DEFAULT_DATA_DIR = ".minerwatch";
    static final Duration DEFAULT_AWS_CALL_TIMEOUT = Duration.ofSeconds(15);
    static final String DEFAULT_REGION = "us-east-1";

    private final Map<String, String> env;

    private Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Settings of(Map<String, String> env) {
        return new Settings(env);
    }

    public static Settings fromEnvironment() {
        return new Settings(System.getenv());
    }

    /** These settings with some variables replaced or added. */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(env);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    /** The raw value of a variable, empty when unset or blank. */
    public Optional<String> get(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String tableName() {
        return get(TABLE_NAME).orElse(DEFAULT_TABLE_NAME);
    }

    /**
     * Whether the store is DynamoDB: a table is named ({@code MINERWATCH_TABLE}) or a DynamoDB endpoint is set
     * ({@code AWS_ENDPOINT_URL(_DYNAMODB)}). Otherwise a local store is used where the class path has one.
     */
    public boolean dynamoDbConfigured() {
        return get(TABLE_NAME).isPresent() || awsEndpoint("dynamodb").isPresent();
    }

    /**
     * {@code MINERWATCH_AWS_CALL_TIMEOUT}, default 15 s: short enough that a function which has collected its data
     * can still store it inside its 60 s.
     */
    public Duration awsCallTimeout() {
        return get(AWS_CALL_TIMEOUT)
                .map(raw -> {
                    try {
                        Duration timeout = Duration.parse(raw);
                        if (timeout.isNegative() || timeout.isZero()) {
                            throw new IllegalArgumentException(
                                    AWS_CALL_TIMEOUT + "='" + raw + "' must be a positive duration");
                        }
                        return timeout;
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException(
                                AWS_CALL_TIMEOUT + "='" + raw + "' is not an ISO-8601 duration such as PT15S");
                    }
                })
                .orElse(DEFAULT_AWS_CALL_TIMEOUT);
    }

    /** The folder of the local store: {@code MINERWATCH_DATA_DIR}, default {@code .minerwatch}. */
    public Path dataDir() {
        return Path.of(get(DATA_DIR).orElse(DEFAULT_DATA_DIR));
    }

    /** The SNS topic notifications go to; without one, notifications are printed to the console. */
    public Optional<String> topicArn() {
        return get(TOPIC_ARN);
    }

    /** The bucket the site is published to ({@link #SITE_BUCKET}). */
    public Optional<String> siteBucket() {
        return get(SITE_BUCKET);
    }

    /** A configured production cost (USD per BTC) that overrides the derived one. */
    public Optional<Double> productionCostOverride() {
        return get(PRODUCTION_COST_USD).map(raw -> {
            double cost;
            try {
                cost = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PRODUCTION_COST_USD + "='" + raw + "' is not a number");
            }
            if (!Double.isFinite(cost) || cost <= 0) {
                throw new IllegalArgumentException(
                        PRODUCTION_COST_USD + "='" + raw + "' must be a positive USD amount");
            }
            return cost;
        });
    }

    /** Where the digest's day is counted: {@link #DIGEST_TIMEZONE}, or UTC. */
    public ZoneId digestZone() {
        String zone = get(DIGEST_TIMEZONE).orElse("UTC");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    DIGEST_TIMEZONE + "=" + zone + " is not a time zone; use an IANA id such as Europe/Berlin or UTC");
        }
    }

    /**
     * {@link #DASHBOARD_URL}, ending in {@code /} so that a page's path resolves under it; empty when unset.
     *
     * @throws IllegalArgumentException naming the variable and the value when it is no absolute https URL (http only
     *                                  for 127.0.0.1 or localhost), or has a query, a fragment or user information
     */
    public Optional<URI> dashboardUrl() {
        return get(DASHBOARD_URL).map(raw -> {
            URI uri = webUrl(DASHBOARD_URL, raw);
            return raw.endsWith("/") ? uri : URI.create(raw + "/");
        });
    }

    /**
     * {@link #ACK_URL}, as it is; empty when unset.
     *
     * @throws IllegalArgumentException naming the variable and the value when it is no absolute https URL (http only
     *                                  for 127.0.0.1 or localhost), or has a query, a fragment or user information
     */
    public Optional<URI> ackUrl() {
        return get(ACK_URL).map(raw -> webUrl(ACK_URL, raw));
    }

    /** Whether a key for {@link #ACK_URL}'s links is configured: in the environment, or as its SSM parameter's name. */
    public boolean ackKeyConfigured() {
        return get(ACK_KEY).isPresent() || get(ACK_KEY + "_PARAMETER").isPresent();
    }

    private static URI webUrl(String variable, String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        boolean local = uri != null && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        if (uri == null
                || uri.getHost() == null
                || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && local)
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(variable + "='" + raw
                    + "' is not an absolute https URL without a query (http only for 127.0.0.1 or localhost)");
        }
        return uri;
    }

    /** The production cost model (see {@code ProductionCostModel.parse}); empty is the default model. */
    public String costModel() {
        return get(COST_MODEL).orElse("");
    }

    /** Whether a SoSoValue key is configured: in the environment, or as the name of its SSM parameter. */
    public boolean soSoValueKeyConfigured() {
        return get(SOSOVALUE_API_KEY).isPresent()
                || get(SOSOVALUE_API_KEY + "_PARAMETER").isPresent();
    }

    /**
     * Whether this process is a Lambda SnapStart initialisation ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}):
     * what init reads is frozen into the snapshot and restored in many environments later, so secrets and
     * credentials must be read after the restore.
     */
    public boolean snapStartInit() {
        return get("AWS_LAMBDA_INITIALIZATION_TYPE")
                .filter("snap-start"::equals)
                .isPresent();
    }

    /** {@code AWS_REGION}, then {@code AWS_DEFAULT_REGION}, then us-east-1 (the local default). */
    public String region() {
        return get("AWS_REGION").or(() -> get("AWS_DEFAULT_REGION")).orElse(DEFAULT_REGION);
    }

    /**
     * The endpoint override for one AWS service, following the SDKs' standard variables: the service-specific
     * {@code AWS_ENDPOINT_URL_<SERVICE>} first, then the global {@code AWS_ENDPOINT_URL}.
     */
    public Optional<URI> awsEndpoint(String serviceId) {
        String specific = "AWS_ENDPOINT_URL_" + serviceId.toUpperCase(Locale.ROOT);
        String name = get(specific).isPresent() ? specific : "AWS_ENDPOINT_URL";
        return get(name).map(raw -> url(name, raw));
    }

    /**
     * A base URL: the variable's value, else {@code defaultValue}; a trailing slash dropped.
     *
     * @throws IllegalArgumentException naming the variable and its value when it is no absolute http(s) URL
     */
    public URI baseUrl(String name, String defaultValue) {
        String raw = get(name).orElse(defaultValue);
        return url(name, raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    }

    /** {@code raw} as an absolute http(s) URL; the error names the variable and the value. */
    private static URI url(String name, String raw) {
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "='" + raw + "' is not an absolute http(s) URL");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(name + "='" + raw + "' is not an absolute http(s) URL");
        }
        return uri;
    }
}
