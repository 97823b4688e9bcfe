package dev.minerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.config.Settings;
import dev.minerwatch.testkit.EmulatedBucket;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publishing the site to an S3 bucket on the emulator, signed with SigV4 by the SDK's signer over the shared HTTP
 * client (no S3 module): each file with its content type, then only what changed, and what went away deleted.
 */
@ExtendWith(LocalAwsExtension.class)
class SitePublishingIT {

    private static SortedMap<String, byte[]> site(Map<String, String> files) {
        SortedMap<String, byte[]> bytes = new TreeMap<>();
        files.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
        return bytes;
    }

    private static final Map<String, String> SITE = Map.of(
            "index.html", "<!doctype html><title>minerwatch</title>",
            "api/v1/state.json", "{\"apiVersion\": \"v1\"}\n",
            "metrics.txt", "# EOF\n",
            "feed.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\"/>",
            "events/2026-02-05.price_below_production_cost.1.html", "<!doctype html><title>event</title>");

    @Test
    void everyFileIsPutWithItsContentTypeAndAShortCachePolicy(LocalAws aws) {
        EmulatedBucket bucket = EmulatedBucket.create(aws);

        Map<String, Object> report = AwsClients.publishSite(Settings.of(aws.environment()), bucket.name(), site(SITE));

        assertThat(report).containsEntry("bucket", bucket.name()).containsEntry("files", 5);
        assertThat((List<?>) report.get("put")).hasSize(5);
        var page = bucket.get("index.html").orElseThrow();
        assertThat(page.body()).isEqualTo(SITE.get("index.html"));
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.cacheControl()).isEqualTo("max-age=300");
        assertThat(bucket.get("api/v1/state.json").orElseThrow().contentType()).isEqualTo("application/json");
        assertThat(bucket.get("metrics.txt").orElseThrow().contentType()).startsWith("application/openmetrics-text");
        assertThat(bucket.get("feed.xml").orElseThrow().contentType()).startsWith("application/atom+xml");
        assertThat(bucket.get("events/2026-02-05.price_below_production_cost.1.html"))
                .isPresent();
    }

    @Test
    void anUnchangedSitePutsNothingAndOneChangedFileIsTheOnePut(LocalAws aws) {
        EmulatedBucket bucket = EmulatedBucket.create(aws);
        Settings settings = Settings.of(aws.environment());
        AwsClients.publishSite(settings, bucket.name(), site(SITE));

        Map<String, Object> again = AwsClients.publishSite(settings, bucket.name(), site(SITE));

        assertThat(again).containsEntry("put", List.of()).containsEntry("unchanged", 5);

        Map<String, String> changed = new TreeMap<>(SITE);
        changed.put("api/v1/state.json", "{\"apiVersion\": \"v1\", \"changed\": true}\n");
        Map<String, Object> once = AwsClients.publishSite(settings, bucket.name(), site(changed));

        assertThat(once).containsEntry("put", List.of("api/v1/state.json")).containsEntry("unchanged", 4);
        assertThat(bucket.get("api/v1/state.json").orElseThrow().body()).contains("\"changed\": true");
    }

    @Test
    void aBucketListedOverSeveralPagesIsReadToItsLastPage(LocalAws aws) {
        EmulatedBucket bucket = EmulatedBucket.create(aws);
        Settings settings = Settings.of(aws.environment());
        AwsClients.publishSite(settings, bucket.name(), site(SITE));

        // Pages of two objects: five files take three ListObjectsV2 calls, the last two by continuation token.
        Map<String, Object> again = new S3SiteBucket(settings, bucket.name(), 2).publish(site(SITE));

        assertThat(again)
                .containsEntry("put", List.of())
                .containsEntry("unchanged", 5)
                .containsEntry("deleted", List.of());
    }

    @Test
    void anObjectTheSiteNoLongerHasIsDeleted(LocalAws aws) {
        EmulatedBucket bucket = EmulatedBucket.create(aws);
        Settings settings = Settings.of(aws.environment());
        AwsClients.publishSite(settings, bucket.name(), site(SITE));
        bucket.put("old/page.html", "<!doctype html><title>gone</title>");

        Map<String, String> smaller = new TreeMap<>(SITE);
        smaller.remove("feed.xml");
        Map<String, Object> report = AwsClients.publishSite(settings, bucket.name(), site(smaller));

        assertThat(report).containsEntry("deleted", List.of("feed.xml", "old/page.html"));
        assertThat(bucket.get("feed.xml")).isEmpty();
        assertThat(bucket.get("old/page.html")).isEmpty();
        assertThat(bucket.get("index.html")).isPresent();
    }

    @Test
    void aBucketThatDoesNotExistIsAnErrorNamingItAndTheStatus(LocalAws aws) {
        assertThatThrownBy(() ->
                        AwsClients.publishSite(Settings.of(aws.environment()), "minerwatch-no-such-bucket", site(SITE)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s3://minerwatch-no-such-bucket/")
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("NoSuchBucket");
    }

    @Test
    void aSiteOfNoFileIsRefusedRatherThanEmptyingTheBucket(LocalAws aws) {
        EmulatedBucket bucket = EmulatedBucket.create(aws);

        assertThatThrownBy(() -> AwsClients.publishSite(Settings.of(aws.environment()), bucket.name(), new TreeMap<>()))
                .hasMessageContaining("no file")
                .hasMessageContaining(bucket.name());
    }
}
