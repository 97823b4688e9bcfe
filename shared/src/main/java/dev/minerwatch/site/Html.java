package dev.minerwatch.site;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The pages' markup, written by hand: one skeleton (skip link, navigation, main, footer) and escaping for text and
 * attributes. Pages carry no inline script or style, so the Content-Security-Policy can forbid both.
 */
final class Html {

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final String[][] NAVIGATION = {
        {"index.html", "Now"}, {"alerts.html", "Alerts"}, {"rules.html", "Rules"},
    };

    private Html() {}

    /** Text as HTML shows it: the five characters markup gives meaning escaped. */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An instant to the minute, in UTC. */
    static String minute(Instant at) {
        return MINUTE.format(at);
    }

    /**
     * A whole page.
     *
     * @param root    the way back to the site's root from the page: empty, or {@code ../} for an event's page
     * @param current the navigation entry the page is, or null
     * @param asOf    what the page is as of: when the site was drawn, or when an event's page's event was recorded
     * @param scripts the site's scripts the page runs, by file name under {@code assets/}
     */
    static String page(String root, String title, String current, Instant asOf, String body, String... scripts) {
        StringBuilder html = new StringBuilder(body.length() + 2048);
        html.append("<!DOCTYPE html>\n<html lang=\"en\" data-root=\"")
                .append(root)
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"referrer\" content=\"no-referrer\">\n")
                // The policy travels with the page, for a static host that sends no header; a meta policy cannot
                // say frame-ancestors, which the header does.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(Site.CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ""))
                .append("\">\n")
                .append("<title>")
                .append(text(title))
                .append(" · minerwatch</title>\n")
                .append("<link rel=\"stylesheet\" href=\"")
                .append(root)
                .append("assets/site.css\">\n")
                .append("<link rel=\"icon\" href=\"")
                .append(root)
                .append("assets/favicon.svg\" type=\"image/svg+xml\">\n");
        if (scripts.length > 0) {
            html.append("<link rel=\"stylesheet\" href=\"").append(root).append("assets/uplot/uPlot.min.css\">\n");
        }
        html.append("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"minerwatch alerts\" href=\"")
                .append(root)
                .append("feed.xml\">\n");
        for (String script : scripts) {
            html.append("<script defer src=\"").append(root).append(script).append("\"></script>\n");
        }
        html.append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n")
                .append("<header class=\"top\"><nav aria-label=\"Site\"><a class=\"brand\" href=\"")
                .append(root)
                .append("index.html\">minerwatch</a><ul>");
        for (String[] entry : NAVIGATION) {
            html.append("<li><a href=\"").append(root).append(entry[0]).append('"');
            if (entry[1].equals(current)) {
                html.append(" aria-current=\"page\"");
            }
            html.append('>').append(entry[1]).append("</a></li>");
        }
        html.append("</ul></nav></header>\n<main id=\"main\">\n")
                .append(body)
                .append("</main>\n<footer><p>As of <time datetime=\"")
                .append(asOf)
                .append("\">")
                .append(minute(asOf))
                .append("</time>. Data for tools: <a href=\"")
                .append(root)
                .append("api/v1/state.json\">read API</a> · <a href=\"")
                .append(root)
                .append("feed.xml\">Atom feed</a> · <a href=\"")
                .append(root)
                .append("calendar.ics\">calendar</a> · <a href=\"")
                .append(root)
                .append("metrics.txt\">OpenMetrics</a>.</p></footer>\n</body>\n</html>\n");
        return html.toString();
    }
}
