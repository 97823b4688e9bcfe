package dev.minerwatch.site;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * {@code feed.xml}: the alert history as an Atom 1.0 feed (RFC 4287), newest first, for a feed reader to follow.
 * Written with the JDK's XML stream writer, which escapes every text and attribute; characters XML 1.0 cannot hold
 * at all (control characters in a rule's title) are dropped first, so the feed is always well-formed.
 *
 * <p>Its links are relative (the event's page, {@link AlertEvent#pagePath}, and the feed itself): the site is drawn
 * without knowing where it will be served, and RFC 4287 takes any IRI reference, resolved against the document's
 * base, which is where the feed was fetched from: the site's root.
 */
final class AtomFeed {

    /** The path of the feed under the site's root. */
    static final String PATH = "feed.xml";
    /** The most entries the feed holds: readers poll it, so it stays small; the read API has the whole history. */
    static final int MOST_ENTRIES = 100;

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    /** A tag URI's authority (RFC 4151): the project's domain, with a year it was held in. */
    private static final String TAG = "tag:minerwatch.dev,2026:";

    private AtomFeed() {}

    /** The feed of {@code history} (newest first, as the ledger reads it), drawn at {@code at}. */
    static byte[] of(List<HistoryEntry> history, Instant at) {
        List<HistoryEntry> entries = history.stream().limit(MOST_ENTRIES).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM);
            element(xml, 1, "id", TAG + "feed");
            element(xml, 1, "title", "minerwatch alerts");
            element(xml, 1, "subtitle", "Every alert minerwatch recorded on Bitcoin miner economics, newest first.");
            element(
                    xml,
                    1,
                    "updated",
                    entries.stream()
                            .map(AtomFeed::updated)
                            .max(Instant::compareTo)
                            .orElse(at)
                            .toString());
            link(xml, 1, "self", PATH, "application/atom+xml");
            link(xml, 1, "alternate", "./", "text/html");
            indent(xml, 1);
            xml.writeStartElement("author");
            element(xml, 2, "name", "minerwatch");
            indent(xml, 1);
            xml.writeEndElement();
            element(xml, 1, "generator", "minerwatch");
            for (HistoryEntry entry : entries) {
                entry(xml, entry);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private static void entry(XMLStreamWriter xml, HistoryEntry entry) throws XMLStreamException {
        AlertEvent event = entry.event();
        indent(xml, 1);
        xml.writeStartElement("entry");
        element(xml, 2, "id", id(event.key()));
        element(xml, 2, "title", title(event));
        element(xml, 2, "published", seconds(event.recordedAt()).toString());
        element(xml, 2, "updated", updated(entry).toString());
        link(xml, 2, "alternate", event.pagePath(), "text/html");
        category(xml, event.ruleId());
        if (event.origin().severity() != null) {
            category(xml, event.origin().severity().id());
        }
        category(xml, kind(event));
        element(xml, 2, "summary", summary(event));
        indent(xml, 1);
        xml.writeEndElement();
    }

    /**
     * An entry's id: a tag URI of the event's key, the same in every drawing of the feed (a reader shows an entry once).
     * A key's {@code #} would start a fragment: each becomes {@code :}; anything else outside a URI's path characters
     * is percent-encoded.
     */
    static String id(String eventKey) {
        StringBuilder id = new StringBuilder(TAG).append("event:");
        for (byte b : eventKey.replace('#', ':').getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~:@!$&'()*+,;=/".indexOf(c) >= 0)) {
                id.append(c);
            } else {
                id.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return id.toString();
    }

    /** The rule's title and what happened: "BTC price below production cost: fired". */
    private static String title(AlertEvent event) {
        String title =
                event.origin().title() == null ? event.ruleId() : event.origin().title();
        return event.kind() == EventKind.DIGEST ? title : title + ": " + kind(event);
    }

    private static String kind(AlertEvent event) {
        return event.kind().name().toLowerCase(Locale.ROOT);
    }

    /** When the entry last changed: when it was sent, else when it was recorded; to the second, as RFC 3339 has it. */
    private static Instant updated(HistoryEntry entry) {
        Instant recorded = seconds(entry.event().recordedAt());
        return entry.sentAt() == null || entry.sentAt().isBefore(recorded) ? recorded : seconds(entry.sentAt());
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The figures, in the words of the messages: the value against its threshold, when, from where. */
    static String summary(AlertEvent event) {
        AlertEvent.Figures figures = event.figures();
        if (event.kind() == EventKind.DIGEST) {
            return event.explanation().detail();
        }
        String detail = event.explanation().detail();
        // A figure withheld (a fleet's that is not public) or never read is not a number to print.
        String against = Double.isFinite(figures.value()) && Double.isFinite(figures.threshold())
                ? figures.series().id() + " " + Amounts.format(figures.value(), figures.unit())
                        + " against a threshold of " + Amounts.format(figures.threshold(), figures.unit())
                : figures.series().id() + " (figures not public)";
        return (detail == null || detail.isBlank() ? "" : detail + ". ")
                + against
                + " on " + figures.day() + " (as of " + seconds(figures.asOf())
                + (figures.dayFinal() ? ", the day final" : ", the day not final") + "), from "
                + (event.explanation().sources().isEmpty()
                        ? "-"
                        : String.join(", ", event.explanation().sources()))
                + ".";
    }

    private static void category(XMLStreamWriter xml, String term) throws XMLStreamException {
        indent(xml, 2);
        xml.writeEmptyElement("category");
        xml.writeAttribute("term", text(term));
    }

    private static void link(XMLStreamWriter xml, int depth, String rel, String href, String type)
            throws XMLStreamException {
        indent(xml, depth);
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private static void element(XMLStreamWriter xml, int depth, String name, String text) throws XMLStreamException {
        indent(xml, depth);
        xml.writeStartElement(name);
        xml.writeCharacters(text(text));
        xml.writeEndElement();
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** The text without the characters XML 1.0 cannot hold, escaped or not (RFC 4287's content is XML). */
    static String text(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> c == 0x9
                        || c == 0xA
                        || c == 0xD
                        || c >= 0x20 && c <= 0xD7FF
                        || c >= 0xE000 && c <= 0xFFFD
                        || c >= 0x10000 && c <= 0x10FFFF)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
