package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.config.Settings;
import dev.minerwatch.sources.http.Deadline;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The site's pages in a real browser: the demo's site as a static host serves it, and the same store through
 * {@code serve} with its Content-Security-Policy. Screenshots are kept under {@code target/screenshots/}.
 */
class SiteInBrowserIT {

    /** The demo's last cycle: the instant its site is drawn at. */
    private static final Instant AT = Instant.parse("2026-02-06T14:05:00Z");

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String ATOM = "http://www.w3.org/2005/Atom";

    @TempDir
    static Path out;

    private static HttpServer staticHost;
    private static Minerwatch minerwatch;
    private static SiteServer serve;
    private static ChromeDriver browser;

    @BeforeAll
    static void theDemosSiteOnAStaticHostAndThroughServe() {
        Browser.requireChromium();
        Cli.Result demo = Cli.minerwatch("demo", "--out", out.toString());
        assertThat(demo.exitCode()).as(demo.err()).isZero();
        staticHost = SimpleFileServer.createFileServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                out.resolve("site").toAbsolutePath(),
                SimpleFileServer.OutputLevel.NONE);
        staticHost.start();
        RecordingClock clock = new RecordingClock();
        clock.moveTo(AT);
        minerwatch = new Minerwatch(
                Settings.of(Map.of(
                        Settings.DATA_DIR, out.resolve("store").toString(),
                        Settings.RULES_FILE, fleetRules().toString())),
                clock);
        serve = SiteServer.start("127.0.0.1", 0, () -> minerwatch.site(AT, Deadline.in(Duration.ZERO)), clock);
        browser = Browser.start(1280, 900);
    }

    private static Path fleetRules() {
        Path fromModule = Path.of("..", "events", "demo", "fleet-rules.json");
        return Files.exists(fromModule) ? fromModule : Path.of("events", "demo", "fleet-rules.json");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (serve != null) {
            serve.close();
        }
        if (minerwatch != null) {
            minerwatch.close();
        }
        if (staticHost != null) {
            staticHost.stop(0);
        }
    }

    @BeforeEach
    void aDesktopWindowAndAnEmptyConsole() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        Browser.consoleErrors(browser);
    }

    @AfterEach
    void noPageWroteAnError() {
        assertThat(Browser.consoleErrors(browser)).as("console errors").isEmpty();
    }

    private static String staticSite(String path) {
        return "http://127.0.0.1:" + staticHost.getAddress().getPort() + "/" + path;
    }

    private static void open(String url) {
        browser.get(url);
        new WebDriverWait(browser, PATIENCE)
                .until(b -> browser.findElements(By.cssSelector("figure.chart:not([data-drawn])"))
                        .isEmpty());
    }

    private static List<WebElement> charts() {
        return browser.findElements(By.cssSelector("figure.chart"));
    }

    @Test
    void theFrontPageShowsTheKeyFiguresAndDrawsEveryChartWithTheAlertSpans() {
        open(staticSite("index.html"));

        assertThat(browser.findElement(By.cssSelector("#btc .figure")).getText())
                .isEqualTo("$70,540.10");
        assertThat(browser.findElement(By.cssSelector("#btc")).getText())
                .contains("18.9% below the production cost of $86,977.95");
        assertThat(browser.findElement(By.cssSelector("#retarget .figure")).getText())
                .isEqualTo("-11.16%");
        assertThat(browser.findElement(By.cssSelector("#halving")).getText()).contains("block 1050000");
        assertThat(browser.findElement(By.cssSelector("#etf .figure")).getText())
                .isEqualTo("-$1.20B");
        assertThat(charts()).hasSize(2).allSatisfy(chart -> {
            assertThat(chart.getAttribute("data-drawn")).isEqualTo("true");
            assertThat(chart.findElements(By.tagName("canvas"))).hasSize(1);
        });
        assertThat(browser.findElement(By.cssSelector("main")).getText())
                .contains("BTC price below production cost")
                .contains("holds");
        Browser.screenshot(browser, "index");
    }

    @Test
    void aChartShowsTheValuesUnderThePointerAndItsRangeButtonsChangeTheDaysShown() {
        open(staticSite("index.html"));
        WebElement price = charts().get(0);
        String yearShown = price.getAttribute("data-shown");

        new Actions(browser)
                .moveToElement(price.findElement(By.cssSelector(".u-over")))
                .perform();
        List<String> underThePointer = price.findElements(By.cssSelector(".u-legend .u-value")).stream()
                .map(WebElement::getText)
                .toList();
        price.findElement(By.xpath(".//button[text()='3M']")).click();

        assertThat(underThePointer).anyMatch(value -> value.matches("\\$[0-9,.]+"));
        assertThat(yearShown).isEqualTo("2025-02-06 2026-02-06");
        assertThat(price.getAttribute("data-shown")).isEqualTo("2025-11-07 2026-02-06");
        assertThat(price.findElement(By.xpath(".//button[text()='3M']")).getAttribute("aria-pressed"))
                .isEqualTo("true");
    }

    @Test
    void theFiguresAreInThePageWithoutJavaScript() throws Exception {
        String html = Files.readString(out.resolve("site/index.html"));

        assertThat(html)
                .contains("$70,540.10")
                .contains("-$1.20B")
                .contains("BTC price below production cost")
                .doesNotContain("<script>")
                .doesNotContain(" style=");
    }

    @Test
    void thePagesReadOnA360PixelPhoneWithoutScrollingSideways() {
        browser.manage().window().setSize(new Dimension(360, 780));
        for (String page : List.of("index.html", "alerts.html", "rules.html")) {
            open(staticSite(page));

            Number pageWidth = (Number) browser.executeScript("return document.documentElement.scrollWidth");
            Number viewport = (Number) browser.executeScript("return document.documentElement.clientWidth");
            assertThat(pageWidth.intValue()).as(page).isLessThanOrEqualTo(viewport.intValue());
            Browser.screenshot(browser, "phone-" + page.replace(".html", ""));
        }
    }

    @Test
    void theAlertHistoryFiltersByKindAndAnEventPageExplainsTheEventWithItsChart() {
        open(staticSite("alerts.html"));
        new Select(browser.findElement(By.id("filter-kind"))).selectByVisibleText("resolved");

        List<WebElement> shown = browser.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .filter(WebElement::isDisplayed)
                .toList();
        assertThat(shown)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getAttribute("data-kind")).isEqualTo("resolved"));
        assertThat(browser.findElement(By.id("filter-count")).getText()).endsWith("events");
        assertThat(browser.getCurrentUrl()).endsWith("#kind=resolved");
        Browser.screenshot(browser, "alerts");

        new Select(browser.findElement(By.id("filter-kind"))).selectByVisibleText("fired");
        new Select(browser.findElement(By.id("filter-rule"))).selectByVisibleText("price_below_production_cost");
        browser.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElseThrow()
                .findElement(By.tagName("a"))
                .click();
        open(browser.getCurrentUrl());

        assertThat(browser.getCurrentUrl()).endsWith("/events/2026-01-30.price_below_production_cost.1.html");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo("BTC price below production cost: fired critical");
        assertThat(browser.findElement(By.id("main")).getText())
                .contains("$84,120.10")
                .contains("$86,991.66")
                .contains("2026-01-30 (provisional: the day was open)")
                .contains("Threshold basis");
        assertThat(charts()).singleElement().satisfies(chart -> {
            assertThat(chart.getAttribute("data-drawn")).isEqualTo("true");
            assertThat(chart.getAttribute("data-shown")).isEqualTo("2025-11-01 2026-02-06");
        });
        Browser.screenshot(browser, "event");
    }

    @Test
    void anEventPageIsReachedFromItsLinkInTheFeed() throws Exception {
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        NodeList entries = xml.newDocumentBuilder()
                .parse(out.resolve("site/feed.xml").toFile())
                .getElementsByTagNameNS(ATOM, "entry");
        String href = null;
        for (int i = 0; i < entries.getLength() && href == null; i++) {
            Element entry = (Element) entries.item(i);
            if (entry.getElementsByTagNameNS(ATOM, "id")
                    .item(0)
                    .getTextContent()
                    .contains(":price_below_production_cost:")) {
                href = ((Element) entry.getElementsByTagNameNS(ATOM, "link").item(0)).getAttribute("href");
            }
        }
        assertThat(href).as("the price event's link in the feed").isNotNull();

        open(URI.create(staticSite("feed.xml")).resolve(href).toString());

        assertThat(browser.getCurrentUrl()).endsWith("/events/2026-01-30.price_below_production_cost.1.html");
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("BTC price below production cost");
        assertThat(charts())
                .singleElement()
                .satisfies(chart -> assertThat(chart.getAttribute("data-drawn")).isEqualTo("true"));
        open(staticSite("events/2026-02-06.digest-daily.1.html"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("digest");
    }

    @Test
    void servedLiveUnderItsContentSecurityPolicyThePagesDrawTheSameWithoutAViolation() {
        open(serve.url());

        assertThat(browser.findElement(By.cssSelector("#btc .figure")).getText())
                .isEqualTo("$70,540.10");
        assertThat(charts())
                .allSatisfy(
                        chart -> assertThat(chart.getAttribute("data-drawn")).isEqualTo("true"));
        open(serve.url() + "rules.html");
        assertThat(browser.findElement(By.id("fleet_s19xp")).getText()).contains("not public");
        Browser.screenshot(browser, "serve-rules");
    }

    @Test
    void everyKindOfPageHasNoAccessibilityViolationAxeCanFind() {
        String axe = Browser.axe();
        for (String page : List.of(
                "index.html", "alerts.html", "rules.html", "events/2026-01-30.price_below_production_cost.1.html")) {
            open(staticSite(page));
            browser.executeScript(axe);

            Object violations = browser.executeAsyncScript("var done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'best-practice']})"
                    + ".then(function (r) { done(r.violations.map(function (v) {"
                    + " return v.id + ' (' + v.impact + '): ' + v.nodes.map(function (n) { return n.target; })"
                    + ".join(' '); })); }, function (e) { done(['axe failed: ' + e]); });");
            assertThat((List<?>) violations).as(page).isEmpty();
        }
    }
}
