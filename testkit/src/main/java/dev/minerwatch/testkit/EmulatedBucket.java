package dev.minerwatch.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.UUID;

/**
 * An S3 bucket of the emulator, created and read back with plain HTTP (path-style), as a test's own view of what the
 * code under test wrote: the emulators do not check signatures ({@link #ACCOUNT}), and the test needs no S3 client.
 */
public final class EmulatedBucket {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI endpoint;
    private final String name;

    private EmulatedBucket(URI endpoint, String name) {
        this.endpoint = endpoint;
        this.name = name;
    }

    /** A new bucket of a name of its own on {@code aws}. */
    public static EmulatedBucket create(LocalAws aws) {
        EmulatedBucket bucket = new EmulatedBucket(
                aws.endpoint(),
                "minerwatch-site-" + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> created = bucket.send(HttpRequest.newBuilder(bucket.uri(""))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
        if (created.statusCode() != 200) {
            throw new IllegalStateException("cannot create bucket " + bucket.name + ": " + created.body());
        }
        return bucket;
    }

    public String name() {
        return name;
    }

    /** An object as a browser would get it from the bucket. */
    public record StoredObject(String body, String contentType, String cacheControl, String etag) {}

    /** The object of {@code key}; empty when there is none. */
    public Optional<StoredObject> get(String key) {
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(uri(key)).GET().build());
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("cannot get " + key + " from " + name + ": HTTP " + answer.statusCode());
        }
        var headers = answer.headers();
        return Optional.of(new StoredObject(
                answer.body(),
                headers.firstValue("Content-Type").orElse(""),
                headers.firstValue("Cache-Control").orElse(""),
                headers.firstValue("ETag").orElse("")));
    }

    /** Puts {@code body} at {@code key} directly, as something other than minerwatch would. */
    public void put(String key, String body) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri(key))
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("cannot put " + key + " into " + name + ": HTTP " + answer.statusCode());
        }
    }

    private URI uri(String key) {
        String base = endpoint.toString().replaceAll("/$", "");
        return URI.create(base + "/" + name + (key.isEmpty() ? "" : "/" + key));
    }

    /**
     * An Authorization header the emulators read the account from (the test keys') without checking its signature:
     * without one, a request is anonymous, and the emulators refuse it a private object as S3 would.
     */
    private static final String ACCOUNT = "AWS4-HMAC-SHA256 Credential=test/20260205/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host, Signature=0000000000000000000000000000000000000000000000000000000000000000";

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpRequest signed = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", ACCOUNT)
                    .build();
            return HTTP.send(signed, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
