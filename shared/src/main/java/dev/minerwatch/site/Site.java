package dev.minerwatch.site;

import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.store.ChannelReceipts;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.RuleLedger;
import dev.minerwatch.store.RuleLedger.HistoryEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What minerwatch knows, as files a static host serves and tools read: the read API ({@code api/v1/state.json},
 * {@code events.json}, {@code rules.json}, {@code series/<id>.json}, and the JSON Schemas that describe them under
 * {@code api/v1/schemas/}), {@code metrics.txt} in the OpenMetrics text format, the alert history as an Atom feed
 * ({@code feed.xml}) and the next retarget and halving as a calendar ({@code calendar.ics}). Drawn from the stores alone: no
 * setting, secret or URL of a channel or provider is read, so none can appear in a file.
 */
public final class Site {

    /** The read API's documents, each with its schema of the same name. */
    public static final List<String> DOCUMENTS = List.of("state", "events", "rules", "series", "columns");

    /** The pages' styles and scripts, and uPlot's, copied into the build from its webjar. */
    private static final List<String> ASSETS = List.of(
            "site.css",
            "charts.js",
            "filter.js",
            "favicon.svg",
            "uplot/uPlot.iife.min.js",
            "uplot/uPlot.min.css",
            "uplot/LICENSE");

    /**
     * The Content-Security-Policy the site is served with ({@code serve}, and CloudFront's response headers): the
     * site's own scripts, styles and data, nothing inline and nothing from another host.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** The first day any series can have: the genesis block's. */
    private static final LocalDate GENESIS = LocalDate.of(2009, 1, 3);

    private final Overview overview;
    private final Retarget retarget;
    private final SortedMap<String, byte[]> files;

    private Site(Overview overview, Retarget retarget, SortedMap<String, byte[]> files) {
        this.overview = overview;
        this.retarget = retarget;
        this.files = Collections.unmodifiableSortedMap(files);
    }

    /**
     * The site of the stores at {@code at}: every file, read in one pass over the stores.
     *
     * @param receipts which chat and webhook channels took each recent event (receipts are kept {@link
     *     ChannelReceipts#RECEIPT_RETENTION})
     * @param retarget mempool's estimate of the next retarget, from which the halving is estimated too, or why there is
     *     none; asked for only once the stores are read, so that a caller may fetch it meanwhile
     */
    public static Site of(
            PointStore pointStore,
            RuleLedger ledger,
            ChannelReceipts receipts,
            RuleSet rules,
            Supplier<Retarget> retarget,
            Instant at) {
        LocalDate today = LocalDate.ofInstant(at, ZoneOffset.UTC);
        Map<SeriesId, List<DailyPoint>> points = new EnumMap<>(SeriesId.class);
        for (SeriesId series : SeriesId.values()) {
            points.put(series, pointStore.range(series, GENESIS, today));
        }
        // The rules are replayed over the stored points on a second core while this one writes the documents.
        CompletableFuture<Backtest> backtest = inBackground(() -> Backtest.of(rules, points, today));
        List<HistoryEntry> history = Disclosure.of(ledger.history(Overview.HISTORY_READ), rules);
        Overview overview = Overview.of(points, ledger, history, rules, at);
        SortedMap<String, byte[]> files = new TreeMap<>();
        json(files, "api/v1/state.json", ReadApi.state(overview));
        json(files, "api/v1/events.json", ReadApi.events(at, history));
        points.forEach((series, stored) -> {
            compact(files, "api/v1/series/" + series.id() + ".json", ReadApi.series(at, series, stored));
            compact(files, "api/v1/columns/" + series.id() + ".json", ReadApi.columns(at, series, stored));
        });
        for (String document : DOCUMENTS) {
            files.put("api/v1/schemas/" + document + ".schema.json", schema(document));
        }
        files.put("metrics.txt", OpenMetrics.of(overview).getBytes(StandardCharsets.UTF_8));
        for (String asset : ASSETS) {
            files.put("assets/" + asset, resource("assets/" + asset));
        }
        Retarget estimate = retarget.get();
        Pages pages = new Pages(
                overview, history, rules, points, estimate, recentReceipts(receipts, history, at), backtest.join());
        json(files, "api/v1/rules.json", ReadApi.rules(at, rules.rules(), history, pages.backtest()));
        pages.all().forEach((path, html) -> files.put(path, html.getBytes(StandardCharsets.UTF_8)));
        files.put(AtomFeed.PATH, AtomFeed.of(history, at));
        files.put(Calendar.PATH, Calendar.of(estimate, at));
        return new Site(overview, estimate, files);
    }

    /** The overview the files were drawn from. */
    public Overview overview() {
        return overview;
    }

    /** The retarget estimate the files were drawn with. */
    public Retarget retarget() {
        return retarget;
    }

    /**
     * The path of an event's page under the site's root, from its key ({@code <day>#<rule state key>#<version>}, of
     * letters, digits, {@code _} and {@code -}): the link every message about the event carries.
     */
    public static String eventPage(String eventKey) {
        return AlertEvent.pagePath(eventKey);
    }

    /** Every file by its path under the site's root, in path order. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** The content type a file is served with. */
    public static String contentType(String path) {
        if (path.equals("metrics.txt")) {
            return OpenMetrics.CONTENT_TYPE;
        }
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return switch (extension) {
            case "json" -> "application/json";
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "xml" -> "application/atom+xml; charset=utf-8";
            case "ics" -> "text/calendar; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }

    /** The folders that hold only the site's own files: what is in them and not in the site is an old page. */
    private static final List<String> OWN_FOLDERS = List.of("events", "api", "assets");

    /**
     * Writes every file under {@code root}, creating the folders; a file there before is replaced, and a file in the
     * site's own folders ({@code events/}, {@code api/}, {@code assets/}) that the site no longer has (an event that
     * left the history) is deleted. Nothing else under {@code root} is touched.
     */
    public void writeTo(Path root) {
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path target = root.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            for (String folder : OWN_FOLDERS) {
                Path own = root.resolve(folder);
                if (Files.isDirectory(own)) {
                    try (var walk = Files.walk(own)) {
                        for (Path old : walk.filter(Files::isRegularFile).toList()) {
                            String path = root.relativize(old).toString().replace('\\', '/');
                            if (!files.containsKey(path)) {
                                Files.delete(old);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the site to " + root + ": " + e.getMessage(), e);
        }
    }

    /** The JSON Schema of a read API document, as kept beside this class. */
    public static byte[] schema(String document) {
        return resource("v1/" + document + ".schema.json");
    }

    private static byte[] resource(String name) {
        try (InputStream in = Site.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " beside " + Site.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The channels that took each event young enough to still have its receipts; older events have none to read, so
     * the pages say that rather than "no channel".
     */
    private static Map<String, Set<String>> recentReceipts(
            ChannelReceipts receipts, List<HistoryEntry> history, Instant at) {
        Instant kept = at.minus(ChannelReceipts.RECEIPT_RETENTION);
        Map<String, Set<String>> recent = new HashMap<>();
        for (HistoryEntry entry : history) {
            if (entry.sentAt() != null && entry.sentAt().isAfter(kept)) {
                recent.put(
                        entry.event().key(),
                        receipts.channelsThatTook(entry.event().key()));
            }
        }
        return recent;
    }

    /** Work for another core: a thread of its own, never the common pool a caller's own tasks may be queued in. */
    static <T> CompletableFuture<T> inBackground(Supplier<T> work) {
        return CompletableFuture.supplyAsync(
                work, task -> Thread.ofPlatform().daemon().start(task));
    }

    private static void json(Map<String, byte[]> files, String path, Object document) {
        files.put(path, (Json.writePretty(document) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A document of many points: without the indentation, which would add half to its size and its writing. */
    private static void compact(Map<String, byte[]> files, String path, Object document) {
        files.put(path, (Json.write(document) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
