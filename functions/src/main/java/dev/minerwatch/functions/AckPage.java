package dev.minerwatch.functions;

import dev.minerwatch.app.Minerwatch.LinkAck;
import dev.minerwatch.rules.AlertEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages of the acknowledgement's link: the confirmation with its form, "acknowledged", and each refusal, as a
 * Function URL response. Every value is HTML-escaped; the pages have no script and no style, and are neither cached,
 * framed nor sent on as a referrer.
 */
final class AckPage {

    /** A page and its status. */
    record Response(int status, String title, String body) {

        Map<String, Object> toFunctionUrlResponse() {
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "text/html; charset=utf-8");
            headers.put("Cache-Control", "no-store");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            headers.put("X-Frame-Options", "DENY");
            headers.put("X-Content-Type-Options", "nosniff");
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("statusCode", status);
            response.put("headers", headers);
            response.put(
                    "body",
                    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                            + "<meta name=\"viewport\" content=\"width=device-width\"><title>" + text(title)
                            + "</title></head>\n<body>\n<h1>" + text(title) + "</h1>\n" + body + "</body></html>\n");
            return response;
        }
    }

    /** No script, no style, no frame; the form posts back to this origin only. */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private AckPage() {}

    /** The page for {@code ack}; {@code params} are the link's (and the form's) for the confirmation's form. */
    static Response of(LinkAck ack, Map<String, String> params) {
        AlertEvent event = ack.event();
        return switch (ack.outcome()) {
            case NO_KEY ->
                new Response(503, "Not available", "<p>Acknowledgement links are not configured here.</p>\n");
            case MALFORMED, FORGED ->
                new Response(
                        401,
                        "Invalid link",
                        "<p>This acknowledgement link is not valid: it is incomplete or was changed. Use the link of the "
                                + "message as it came.</p>\n");
            case EXPIRED ->
                new Response(
                        410,
                        "Link expired",
                        "<p>This acknowledgement link has expired. Acknowledge with <code>./minerwatch ack</code>, or use "
                                + "the link of a newer reminder.</p>\n");
            case UNKNOWN ->
                new Response(410, "Nothing to acknowledge", "<p>There is no alert to acknowledge for this link.</p>\n");
            case RESOLVED ->
                new Response(
                        410,
                        "Nothing to acknowledge",
                        "<p>This alert has resolved: nothing to acknowledge.</p>\n" + describe(event));
            case ALREADY_ACKNOWLEDGED ->
                new Response(
                        410,
                        "Already acknowledged",
                        "<p>Already acknowledged by " + text(ack.by()) + " at " + text(String.valueOf(ack.at())) + ": "
                                + text(ack.reason()) + "</p>\n" + describe(event));
            case ACKNOWLEDGED ->
                new Response(
                        200,
                        "Acknowledged",
                        "<p>Acknowledged by " + text(ack.by()) + " at " + text(String.valueOf(ack.at())) + ": "
                                + text(ack.reason())
                                + ". No reminder until it resolves; the channels are told once.</p>\n"
                                + describe(event));
            case CONFIRM -> new Response(200, "Acknowledge this alert?", describe(event) + form(params));
        };
    }

    static Response methodNotAllowed() {
        return new Response(405, "Method not allowed", "<p>Open the link, then confirm with the form.</p>\n");
    }

    private static String describe(AlertEvent event) {
        if (event == null) {
            return "";
        }
        AlertEvent.Figures figures = event.figures();
        String title =
                event.origin().title() == null ? event.ruleId() : event.origin().title();
        return "<dl>\n<dt>Alert</dt><dd>" + text(title) + " ("
                + text(event.origin().severity().id()) + ")</dd>\n"
                + "<dt>Day</dt><dd>" + text(figures.day().toString()) + "</dd>\n"
                + "<dt>Value</dt><dd>" + text(figures.value() + " " + figures.unit()) + "</dd>\n"
                + "<dt>Threshold</dt><dd>" + text(figures.threshold() + " " + figures.unit()) + "</dd>\n"
                + "<dt>Detail</dt><dd>"
                + text(String.valueOf(event.explanation().detail())) + "</dd>\n"
                + "<dt>Event</dt><dd>" + text(event.key()) + "</dd>\n</dl>\n";
    }

    /** The confirmation's form: posts back to the link itself, with the link's parameters as hidden fields too. */
    private static String form(Map<String, String> params) {
        StringBuilder form = new StringBuilder("<form method=\"post\">\n");
        for (String name : new String[] {"e", "x", "s"}) {
            form.append("<input type=\"hidden\" name=\"")
                    .append(name)
                    .append("\" value=\"")
                    .append(text(params.getOrDefault(name, "")))
                    .append("\">\n");
        }
        return form.append("<p><label>Your name (optional) <input name=\"name\" maxlength=\"80\"></label></p>\n")
                .append("<p><label>Reason (optional) <input name=\"reason\" maxlength=\"500\"></label></p>\n")
                .append("<p><button type=\"submit\">Acknowledge</button></p>\n</form>\n")
                .toString();
    }

    /** The pairs of a query string or a form-encoded body, decoded; the first of a name counts. */
    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                values.putIfAbsent(
                        URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // A malformed escape: the pair is left out, and the link found incomplete.
            }
        }
        return values;
    }

    /** Text as HTML shows it, in content and in attribute values (quotes too). */
    static String text(String value) {
        return value.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
