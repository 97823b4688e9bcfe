package dev.minerwatch.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.aws.AwsClients;
import dev.minerwatch.aws.dynamodb.MinerwatchTable;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.localaws.LocalLambdaContext;
import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.testkit.EmulatedBucket;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import dev.minerwatch.testkit.RecordedProviders;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The site function as Lambda's destinations invoke it, on the emulator (DynamoDB, S3) and the recorded providers:
 * after an evaluation that changed something it publishes the site to the bucket; after one that changed nothing it
 * publishes nothing; after the digest, and on its schedule, it publishes whatever changed.
 */
@ExtendWith(LocalAwsExtension.class)
class SiteFunctionIT {

    private RecordedProviders providers;
    private Settings settings;
    private Clock clock;
    private EmulatedBucket bucket;

    @BeforeEach
    void environment(LocalAws aws) {
        providers = RecordedProviders.serve(RepositoryLayout.recordedProviders());
        clock = Clock.fixed(providers.recordedAt(), ZoneOffset.UTC);
        bucket = EmulatedBucket.create(aws);
        Map<String, String> env = new HashMap<>(aws.environment());
        env.putAll(providers.environment());
        env.put(Settings.TABLE_NAME, "minerwatch-" + UUID.randomUUID());
        env.put(Settings.PRODUCTION_COST_USD, "87000");
        env.put(Settings.SITE_BUCKET, bucket.name());
        settings = Settings.of(env);
        MinerwatchTable.create(AwsClients.dynamoDb(settings), settings.tableName());
    }

    @AfterEach
    void stopProviders() {
        providers.close();
    }

    private Map<String, Object> invoke(RequestStreamHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        handler.handleRequest(
                new ByteArrayInputStream(event),
                output,
                LocalLambdaContext.quiet(handler.getClass().getSimpleName()));
        return Json.parseObject(output.toString(StandardCharsets.UTF_8));
    }

    private Map<String, Object> invoke(RequestStreamHandler handler, String eventFile) throws Exception {
        return invoke(
                handler,
                Files.readAllBytes(RepositoryLayout.root().resolve("events").resolve(eventFile)));
    }

    private Minerwatch minerwatch() {
        return new Minerwatch(settings, clock);
    }

    /** What Lambda hands a success destination: the request, and the function's answer as its responsePayload. */
    private static byte[] destinationRecord(String function, String eventFile, Map<String, Object> response)
            throws Exception {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("requestId", UUID.randomUUID().toString());
        context.put("functionArn", "arn:aws:lambda:us-east-1:123456789012:function:minerwatch-" + function + ":live");
        context.put("condition", "Success");
        context.put("approximateInvokeCount", 1);
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("version", "1.0");
        record.put("timestamp", "2026-02-05T15:00:00.000Z");
        record.put("requestContext", context);
        record.put(
                "requestPayload",
                Json.parse(Files.readAllBytes(
                        RepositoryLayout.root().resolve("events").resolve(eventFile))));
        record.put("responseContext", Map.of("statusCode", 200, "executedVersion", "1"));
        record.put("responsePayload", response);
        return Json.write(record).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void afterAnEvaluationThatRecordedAnEventTheSiteIsPublishedAndAfterOneThatChangedNothingItIsNot() throws Exception {
        invoke(new MarketCollectorHandler(minerwatch(), clock), "market-collector.json");
        invoke(new NetworkCollectorHandler(minerwatch(), clock), "network-collector.json");
        Map<String, Object> evaluated = invoke(new EvaluationHandler(minerwatch(), clock), "evaluation.json");
        assertThat((List<?>) evaluated.get("recorded")).isNotEmpty();

        Map<String, Object> published = invoke(
                new SiteHandler(minerwatch(), clock),
                destinationRecord("EvaluationFunction", "evaluation.json", evaluated));

        assertThat(published).containsEntry("published", true).containsEntry("bucket", bucket.name());
        var state = bucket.get("api/v1/state.json").orElseThrow();
        assertThat(state.contentType()).isEqualTo("application/json");
        assertThat(state.body()).contains("price_below_production_cost");
        assertThat(bucket.get("metrics.txt").orElseThrow().contentType()).startsWith("application/openmetrics-text");

        Map<String, Object> again = invoke(new EvaluationHandler(minerwatch(), clock), "evaluation.json");
        assertThat(again).containsEntry("recorded", List.of()).containsEntry("stateChanges", 0);
        Map<String, Object> skipped = invoke(
                new SiteHandler(minerwatch(), clock),
                destinationRecord("EvaluationFunction", "evaluation.json", again));

        assertThat(skipped).containsEntry("published", false);
    }

    @Test
    void theEventOfEventsSiteJsonPublishesAndAScheduledRunPutsOnlyWhatChanged() throws Exception {
        Map<String, Object> first = invoke(new SiteHandler(minerwatch(), clock), "site.json");

        assertThat(first).containsEntry("published", true);
        assertThat(first.get("put"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .contains("api/v1/state.json", "metrics.txt");

        Map<String, Object> scheduled = invoke(new SiteHandler(minerwatch(), clock), "evaluation.json");

        assertThat(scheduled).containsEntry("published", true).containsEntry("put", List.of());
        assertThat(scheduled.get("unchanged")).isEqualTo(first.get("files"));
    }

    @Test
    void theDigestsRecordAlwaysPublishes() throws Exception {
        Map<String, Object> digest = Map.of("executionId", "a1b2c3d4-0000-4000-8000-000000000006", "published", 1);

        Map<String, Object> report = invoke(
                new SiteHandler(minerwatch(), clock), destinationRecord("DigestFunction", "digest.json", digest));

        assertThat(report).containsEntry("published", true);
        assertThat(bucket.get("api/v1/events.json")).isPresent();
    }

    @Test
    void aBucketThatIsNotThereFailsTheInvocationNamingItSoThatLambdaRetries() {
        settings = settings.with(Map.of(Settings.SITE_BUCKET, "minerwatch-no-such-bucket"));

        assertThatThrownBy(() -> invoke(new SiteHandler(minerwatch(), clock), "site.json"))
                .hasMessageContaining("s3://minerwatch-no-such-bucket/")
                .hasMessageContaining("HTTP 404");
    }
}
