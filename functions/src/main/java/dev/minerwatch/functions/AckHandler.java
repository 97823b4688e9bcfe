package dev.minerwatch.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.app.Minerwatch.LinkAck;
import dev.minerwatch.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * Behind its Lambda Function URL (auth NONE: the link's signature is the authorisation), the link in every alert
 * that acknowledges it ({@code ?e=<event id>&x=<expiry>&s=<signature>}). A GET shows what would be acknowledged and a
 * form, and records nothing (mail scanners follow links); a POST of the form records the acknowledgement. One log
 * line per request names the outcome and the event id, never the signature or the query.
 */
public final class AckHandler implements RequestStreamHandler, Resource {

    private final Minerwatch minerwatch;

    public AckHandler() {
        this(Minerwatch.fromEnvironment(), Clock.systemUTC());
    }

    /** With the components and clock given, as every handler: for running it in-process (tests, the bench). */
    public AckHandler(Minerwatch minerwatch, Clock clock) {
        minerwatch.requireValidConfiguration();
        this.minerwatch = minerwatch;
        Core.getGlobalContext().register(this);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> event = Json.parseObject(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        Map<String, Object> response = handle(event, context);
        output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
    }

    /** The Function URL's response to {@code event} (payload format 2.0), logged in one line without the link. */
    Map<String, Object> handle(Map<String, Object> event, Context context) {
        String method = method(event);
        Map<String, String> query = AckPage.form(String.valueOf(event.getOrDefault("rawQueryString", "")));
        Map<String, String> params = new LinkedHashMap<>(query);
        LinkAck outcome;
        AckPage.Response page;
        if ("GET".equals(method) || "HEAD".equals(method)) {
            outcome = minerwatch.checkAckLink(params.get("e"), params.get("x"), params.get("s"));
            page = AckPage.of(outcome, params);
        } else if ("POST".equals(method)) {
            params.putAll(AckPage.form(body(event)));
            outcome = minerwatch.acknowledgeFromLink(
                    params.get("e"), params.get("x"), params.get("s"), params.get("name"), params.get("reason"));
            page = AckPage.of(outcome, params);
        } else {
            outcome = null;
            page = AckPage.methodNotAllowed();
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(
                "ack",
                outcome == null ? "METHOD_NOT_ALLOWED" : outcome.outcome().name());
        line.put("method", method);
        line.put("status", page.status());
        // The event id only: the signature and the whole query are a secret's derivative.
        line.put(
                "event",
                outcome != null && outcome.event() != null ? outcome.event().key() : null);
        context.getLogger().log(Json.write(line) + "\n");
        return page.toFunctionUrlResponse();
    }

    private static String method(Map<String, Object> event) {
        if (event.get("requestContext") instanceof Map<?, ?> request
                && request.get("http") instanceof Map<?, ?> http
                && http.get("method") instanceof String method) {
            return method;
        }
        return "";
    }

    private static String body(Map<String, Object> event) {
        if (!(event.get("body") instanceof String body)) {
            return "";
        }
        return Boolean.TRUE.equals(event.get("isBase64Encoded"))
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // The parse and render paths, with no key and no I/O: what the first request would load.
        AckPage.of(LinkAck.of(Minerwatch.LinkOutcome.MALFORMED), AckPage.form("e=priming&x=1&s=priming"))
                .toFunctionUrlResponse();
        Json.write(Map.of("ack", "priming"));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: the key is read on the first request after the restore.
    }
}
