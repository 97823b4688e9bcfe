package dev.minerwatch.cli;

import dev.minerwatch.testkit.LocalAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's {@code chromium}, driven through its {@code chromium-driver}, headless, for the browser tests. Where neither
 * is installed the tests are skipped, saying how to get them; under {@code -Dminerwatch.require-emulator=true} (CI,
 * where {@code .ci/run} installs both) they fail instead.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** Where the screenshots are kept for a person to look at. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {}

    /** Skips (or in CI fails) the calling tests when the browser or its driver is missing. */
    static void requireChromium() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER)) {
            return;
        }
        String why = "no browser: the site's browser tests need Debian's chromium and chromium-driver (" + CHROMIUM
                + ", " + DRIVER + "; apt-get install chromium chromium-driver, as .ci/run does)";
        if (Boolean.getBoolean(LocalAws.REQUIRE_EMULATOR_PROPERTY)) {
            Assertions.fail(why);
        }
        Assumptions.abort(why);
    }

    /** A headless Chromium with a window of {@code width} × {@code height} CSS pixels that keeps its console. */
    static ChromeDriver start(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--window-size=" + width + "," + height);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** What the page wrote to the console at the level of an error since the last call. */
    static List<String> consoleErrors(ChromeDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Keeps a screenshot of the whole page, beyond the window, as {@code target/screenshots/<name>.png}. */
    static Path screenshot(ChromeDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Map<String, Object> size = browser.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Object content = size.get("cssContentSize");
            Map<String, Object> shot = content instanceof Map<?, ?> area
                    ? browser.executeCdpCommand(
                            "Page.captureScreenshot",
                            Map.of(
                                    "captureBeyondViewport",
                                    true,
                                    "clip",
                                    Map.of(
                                            "x", 0,
                                            "y", 0,
                                            "width", area.get("width"),
                                            "height", area.get("height"),
                                            "scale", 1)))
                    : Map.of();
            Files.write(
                    file,
                    shot.get("data") instanceof String data
                            ? Base64.getDecoder().decode(data)
                            : browser.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** axe-core's script, from the jar that ships it. */
    static String axe() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
