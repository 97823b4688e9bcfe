package dev.minerwatch.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.rules.EventKind;
import dev.minerwatch.rules.Severity;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/** {@code feed.xml}: the alert history as an Atom 1.0 feed (RFC 4287), read back by the JDK's strict DOM parser. */
class AtomFeedTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final Instant AT = Instant.parse("2026-02-05T15:00:00Z");

    private static HistoryEntry sent(AlertEvent event, Instant sentAt) {
        return new HistoryEntry(event, HistoryEntry.SENT, "m-1", sentAt, null, null);
    }

    private static AlertEvent priceAlert(String title) {
        return AlertEvents.of("price_below_production_cost")
                .title(title)
                .severity(Severity.CRITICAL)
                .value(69_280.1)
                .threshold(87_000)
                .asOf(Instant.parse("2026-02-05T14:05:00.123Z"))
                .recordedAt(Instant.parse("2026-02-05T14:10:00.456Z"))
                .sources("coinbase", "kraken")
                .detail("btc_usd $69,280.10 against < $87,000")
                .build();
    }

    /** The document, parsed strictly: namespaces on, no DOCTYPE, every warning and error a failure. */
    private static Document parsed(byte[] feed) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return builder.parse(new ByteArrayInputStream(feed));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element
                    && ATOM.equals(element.getNamespaceURI())
                    && element.getLocalName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(name).hasSize(1);
        return found.get(0).getTextContent();
    }

    private static Element link(Element parent, String rel) {
        return children(parent, "link").stream()
                .filter(link -> link.getAttribute("rel").equals(rel))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void eachEventIsAnEntryLinkedToItsPageWithItsFiguresAndTheFeedHasWhatRfc4287Requires() throws Exception {
        AlertEvent fired = priceAlert("BTC price below production cost");
        Element feed = parsed(AtomFeed.of(List.of(sent(fired, Instant.parse("2026-02-05T14:10:02.9Z"))), AT))
                .getDocumentElement();

        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(text(feed, "id")).isEqualTo("tag:minerwatch.dev,2026:feed");
        assertThat(text(feed, "title")).isEqualTo("minerwatch alerts");
        assertThat(text(feed, "updated")).as("its newest entry's").isEqualTo("2026-02-05T14:10:02Z");
        assertThat(link(feed, "self").getAttribute("href")).isEqualTo("feed.xml");
        assertThat(link(feed, "self").getAttribute("type")).isEqualTo("application/atom+xml");
        assertThat(text(children(feed, "author").get(0), "name")).isEqualTo("minerwatch");
        Element entry = children(feed, "entry").get(0);
        assertThat(text(entry, "id"))
                .isEqualTo("tag:minerwatch.dev,2026:event:2026-02-05:price_below_production_cost:1");
        assertThat(text(entry, "title")).isEqualTo("BTC price below production cost: fired");
        assertThat(text(entry, "published")).isEqualTo("2026-02-05T14:10:00Z");
        assertThat(text(entry, "updated")).as("when it was sent").isEqualTo("2026-02-05T14:10:02Z");
        assertThat(link(entry, "alternate").getAttribute("href"))
                .as("the event's page, relative to the feed at the site's root")
                .isEqualTo(fired.pagePath())
                .isEqualTo(Site.eventPage(fired.key()));
        assertThat(children(entry, "category"))
                .extracting(category -> category.getAttribute("term"))
                .containsExactly("price_below_production_cost", "critical", "fired");
        assertThat(text(entry, "summary"))
                .isEqualTo("btc_usd $69,280.10 against < $87,000. btc_usd $69,280.10 against a threshold of $87,000"
                        + " on 2026-02-05 (as of 2026-02-05T14:05:00Z, the day not final), from coinbase, kraken.");
    }

    @Test
    void theNewestHundredEventsAreTheEntriesNewestFirst() throws Exception {
        List<HistoryEntry> history = IntStream.range(0, 130)
                .mapToObj(i -> new HistoryEntry(
                        AlertEvents.of("price_below_production_cost")
                                .version(130 - i)
                                .build(),
                        HistoryEntry.PENDING,
                        null,
                        null,
                        null,
                        null))
                .toList();

        List<Element> entries = children(parsed(AtomFeed.of(history, AT)).getDocumentElement(), "entry");

        assertThat(entries).hasSize(AtomFeed.MOST_ENTRIES);
        assertThat(text(entries.get(0), "id")).endsWith(":130");
        assertThat(text(entries.get(99), "id")).endsWith(":31");
        assertThat(text(entries.get(0), "updated"))
                .as("not sent: when it was recorded")
                .isEqualTo("2026-02-05T14:10:00Z");
    }

    @Test
    void markupAndCharactersXmlCannotHoldInATitleLeaveTheFeedWellFormed() throws Exception {
        AlertEvent odd = priceAlert("Outflow <b>&amp; \"more\"</b>\u0001\uFFFF");

        Element entry = children(
                        parsed(AtomFeed.of(List.of(sent(odd, null)), AT)).getDocumentElement(), "entry")
                .get(0);

        assertThat(text(entry, "title")).isEqualTo("Outflow <b>&amp; \"more\"</b>: fired");
    }

    @Test
    void anEmptyHistoryIsAFeedWithoutEntriesUpdatedWhenItWasDrawn() throws Exception {
        Element feed = parsed(AtomFeed.of(List.of(), AT)).getDocumentElement();

        assertThat(children(feed, "entry")).isEmpty();
        assertThat(text(feed, "updated")).isEqualTo("2026-02-05T15:00:00Z");
    }

    @Test
    void anEntrysIdIsATagUriOfItsKeyWhateverTheKeyHolds() {
        assertThat(AtomFeed.id("2026-02-05#data_stale/btc_usd#3"))
                .isEqualTo("tag:minerwatch.dev,2026:event:2026-02-05:data_stale/btc_usd:3");
        assertThat(AtomFeed.id("2026-02-05#r ü#1")).isEqualTo("tag:minerwatch.dev,2026:event:2026-02-05:r%20%C3%BC:1");
    }

    @Test
    void theDigestIsAnEntryTitledAsItIs() throws Exception {
        AlertEvent digest = AlertEvents.of("digest")
                .kind(EventKind.DIGEST)
                .title("minerwatch daily digest 2026-02-05")
                .detail("BTC $69,280; 1 alert active.")
                .build();

        Element entry = children(
                        parsed(AtomFeed.of(List.of(sent(digest, null)), AT)).getDocumentElement(), "entry")
                .get(0);

        assertThat(text(entry, "title")).isEqualTo("minerwatch daily digest 2026-02-05");
        assertThat(text(entry, "summary")).isEqualTo("BTC $69,280; 1 alert active.");
    }
}
