package dev.minerwatch.bench;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.SimpleFileServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The site's first view in Chromium, as a person opening {@code index.html} gets it from a static host: the bytes the
 * page makes the browser fetch (HTML, scripts, styles and the data the charts read, uncompressed: each resource's
 * decoded body), and when the first chart is drawn (the page's {@code minerwatch:first-chart} mark, from the start of
 * the navigation). The floor, in the same run: an empty page's load event, so a slow moment of the VM shows in both.
 *
 * <p>Each run is a fresh browser with an empty cache. Usage: {@code SiteFirstView SITE_DIR RUNS}.
 */
public final class SiteFirstView {

    private static final String FIRST_VIEW = "var done = arguments[arguments.length - 1];"
            + "function ready() {"
            + "  var mark = performance.getEntriesByName('minerwatch:first-chart')[0];"
            + "  var charts = document.querySelectorAll('figure.chart:not([data-drawn])').length;"
            + "  if (!mark || charts > 0 || document.readyState !== 'complete') { setTimeout(ready, 20); return; }"
            + "  var navigation = performance.getEntriesByType('navigation')[0];"
            + "  var bytes = navigation.decodedBodySize, files = 1;"
            + "  performance.getEntriesByType('resource').forEach(function (r) { bytes += r.decodedBodySize; files++; });"
            + "  done([mark.startTime, bytes, files, navigation.loadEventEnd]);"
            + "}"
            + "ready();";

    private SiteFirstView() {}

    public static void main(String[] args) throws IOException {
        Path site = Path.of(args[0]).toAbsolutePath();
        int runs = Integer.parseInt(args[1]);
        Files.writeString(site.resolve("empty.html"), "<!DOCTYPE html><title>floor</title>");
        HttpServer host = SimpleFileServer.createFileServer(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), site, SimpleFileServer.OutputLevel.NONE);
        host.start();
        String base = "http://127.0.0.1:" + host.getAddress().getPort() + "/";
        List<Double> firstChart = new ArrayList<>(), floor = new ArrayList<>();
        List<Long> bytes = new ArrayList<>();
        long files = 0;
        try {
            for (int run = 0; run <= runs; run++) { // run 0 warms the disk cache and the browser's own files
                ChromeDriver browser = browser();
                try {
                    browser.get(base + "empty.html");
                    double empty = ((Number) browser.executeScript(
                                    "return performance.getEntriesByType('navigation')[0].loadEventEnd"))
                            .doubleValue();
                    browser.get(base + "index.html");
                    List<?> view = (List<?>) browser.executeAsyncScript(FIRST_VIEW);
                    if (run > 0) {
                        floor.add(empty);
                        firstChart.add(((Number) view.get(0)).doubleValue());
                        bytes.add(((Number) view.get(1)).longValue());
                        files = ((Number) view.get(2)).longValue();
                    }
                } finally {
                    browser.quit();
                }
            }
        } finally {
            host.stop(0);
            Files.deleteIfExists(site.resolve("empty.html"));
        }
        System.out.printf(Locale.ROOT, "%d runs (medians), fresh Chromium each, %s%n", runs, base);
        System.out.printf(Locale.ROOT, "%-52s %10.0f ms%n", "empty page, load event (floor)", median(floor));
        System.out.printf(Locale.ROOT, "%-52s %10.0f ms%n", "index.html, first chart drawn", median(firstChart));
        System.out.printf(
                Locale.ROOT,
                "%-52s %10.1f KB (%d files)%n",
                "index.html, first view, uncompressed",
                median(bytes.stream().map(Long::doubleValue).toList()) / 1024,
                files);
    }

    private static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900");
        options.setPageLoadTimeout(Duration.ofSeconds(30));
        options.setScriptTimeout(Duration.ofSeconds(30));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
