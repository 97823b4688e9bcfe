package dev.minerwatch.report;

import dev.minerwatch.economics.DerivedPoints;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The picture of the miners' economics over a span of days, in four panels on one time axis: the BTC price
 * against the production cost, the hashrate with its 30- and 60-day averages, the hashprice, and the ETF daily
 * flows as bars. The spans the alerts were active are shaded in the panel of the series they watch. Written
 * as a PNG and as a self-contained HTML page (the same chart as inline SVG, and the events as a table).
 */
public final class ChartReport {

    static {
        System.setProperty("java.awt.headless", "true"); // a report is drawn on servers and in CI: no display
    }

    public static final int WIDTH = 1400;
    public static final int HEIGHT = 1500;

    private static final Color BITCOIN = new Color(0xF7931A);
    private static final Color COST = new Color(0x37474F);
    private static final Color HASHRATE = new Color(0x90CAF9);
    private static final Color SMA30 = new Color(0x1565C0);
    private static final Color SMA60 = new Color(0x6A1B9A);
    private static final Color HASHPRICE = new Color(0x2E7D32);
    private static final Color INFLOW = new Color(0x43A047);
    private static final Color OUTFLOW = new Color(0xE53935);
    private static final Color ALERT = new Color(229, 57, 53, 46);
    private static final Color EACH_DAY_ALERT = new Color(229, 57, 53, 90);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private final History history;
    private final Span span;
    private final List<AlertEvent> events;
    private final AlertEpisodes episodes;
    private final String title;

    private ChartReport(History history, Span span, List<AlertEvent> events, AlertEpisodes episodes, String title) {
        this.history = history;
        this.span = span;
        this.events = List.copyOf(events);
        this.episodes = episodes;
        this.title = title;
    }

    /**
     * The report of {@code history} over {@code span}, with the events the rules would have notified: a replay
     * of every day from the start of the history (so that the long windows are full), with no look-ahead.
     */
    public static ChartReport replayed(History history, Span span, RuleSet rules, String title) {
        Span all = history.span().orElse(span);
        RuleEngine.Replay replay = new RuleEngine(rules).replay(history, new Span(all.first(), span.last()));
        Set<String> eachDay =
                rules.rules().stream().filter(Rule::eachDay).map(Rule::id).collect(Collectors.toSet());
        return of(history, span, replay.events(), eachDay::contains, title + " (rules " + rules.version() + ")");
    }

    /**
     * The report of {@code history} over {@code span}, with the {@code events} the rules produced over it
     * (those of the rules named by {@code eachDay} fire once per day and never resolve).
     */
    public static ChartReport of(
            History history, Span span, List<AlertEvent> events, Predicate<String> eachDay, String title) {
        List<AlertEvent> shown = events.stream()
                .filter(e -> !e.day().isBefore(span.first()) && !e.day().isAfter(span.last()))
                .toList();
        return new ChartReport(history, span, shown, AlertEpisodes.of(shown, span.last(), eachDay), title);
    }

    /** The four panels on one date axis. */
    public JFreeChart chart() {
        DateAxis time = new DateAxis();
        time.setRange(millis(span.first()), millis(span.last().plusDays(1)));
        time.setTickLabelFont(LABEL);
        time.setTimeZone(UTC);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.setGap(14);

        XYPlot price = lines(
                "USD per BTC",
                series(SeriesId.BTC_USD, "BTC price", BITCOIN),
                series(SeriesId.PRODUCTION_COST_USD, "production cost", COST));
        shade(price, "price_below_production_cost", "price_drawdown_from_ath");
        plot.add(price, 3);

        XYPlot hashrate = lines(
                "EH/s",
                series(SeriesId.HASHRATE_EHS, "hashrate", HASHRATE),
                movingAverage(SeriesId.HASHRATE_EHS, 30, "30-day average", SMA30),
                movingAverage(SeriesId.HASHRATE_EHS, 60, "60-day average", SMA60));
        shade(hashrate, "hash_ribbon_capitulation", "hashrate_drawdown");
        plot.add(hashrate, 2);

        // A history without fee data gets its hashprice from the subsidy alone: the legend says it is a lower bound.
        String hashpriceName = points(SeriesId.HASHPRICE_USD_PH_DAY).stream().anyMatch(DerivedPoints::isLowerBound)
                ? "hashprice (days without fee data: the subsidy alone, a lower bound)"
                : "hashprice";
        XYPlot hashprice =
                lines("USD per PH/s per day", series(SeriesId.HASHPRICE_USD_PH_DAY, hashpriceName, HASHPRICE));
        shade(hashprice, "hashprice_below_floor");
        plot.add(hashprice, 2);

        plot.add(etfFlows(), 2);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 20), plot, true);
        chart.addSubtitle(new TextTitle(
                span.first() + " to " + span.last() + " · shaded: alert active",
                new Font(Font.SANS_SERIF, Font.PLAIN, 14)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(LABEL);
        return chart;
    }

    /**
     * Draws a small chart with the report's fonts into memory, loading Java2D, the fonts and JFreeChart's classes:
     * started on a spare core while a command computes its data, it takes most of the first chart's cost off the
     * critical path (the demo's chart came a second after its last cycle).
     */
    public static void warmUp() {
        java.awt.image.BufferedImage image =
                new java.awt.image.BufferedImage(64, 64, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D graphics = image.createGraphics();
        try {
            CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new DateAxis());
            XYPlot panel = new XYPlot(
                    new TimeSeriesCollection(),
                    null,
                    new NumberAxis("warm-up"),
                    new XYLineAndShapeRenderer(true, false));
            style(panel);
            plot.add(panel);
            new JFreeChart("warm-up", LABEL, plot, true).draw(graphics, new Rectangle2D.Double(0, 0, 64, 64));
        } finally {
            graphics.dispose();
        }
    }

    public void writePng(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ChartUtils.writeChartAsPNG(out, chart(), WIDTH, HEIGHT);
        }
    }

    /** A page that needs nothing else: the chart as inline SVG, the alert events and the newest figures. */
    public void writeHtml(Path file) throws IOException {
        SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
        chart().draw(svg, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1400px;color:#263238}\n")
                .append("svg{width:100%;height:auto}\ntable{border-collapse:collapse;margin:1rem 0}\n")
                .append("td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}\n")
                .append(
                        "td.n{text-align:right;font-variant-numeric:tabular-nums}\n.FIRED{color:#c62828}.RESOLVED{color:#2e7d32}\n")
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(escape(title))
                .append("</h1>\n<p>")
                .append(span.first())
                .append(" to ")
                .append(span.last())
                .append(". Shaded spans: an alert was active. Figures are daily points as stored (UTC days).</p>\n")
                .append(svg.getSVGElement())
                .append("\n<h2>Newest figures</h2>\n<table>\n");
        for (SeriesId id : SeriesId.values()) {
            history.of(id)
                    .latest(span.last())
                    .ifPresent(p -> html.append("<tr><th>")
                            .append(id.id())
                            .append("</th><td>")
                            .append(p.day())
                            .append("</td><td class=\"n\">")
                            .append(escape(Amounts.format(p.value(), id.unit())))
                            .append("</td></tr>\n"));
        }
        html.append("</table>\n<h2>Alert events (")
                .append(events.size())
                .append(")</h2>\n<table>\n")
                .append(
                        "<tr><th>day</th><th>rule</th><th>event</th><th>severity</th><th>value</th><th>threshold</th></tr>\n");
        for (AlertEvent e : events) {
            html.append("<tr><td>")
                    .append(e.day())
                    .append("</td><td>")
                    .append(escape(e.origin().title()))
                    .append("</td><td class=\"")
                    .append(e.kind())
                    .append("\">")
                    .append(e.kind())
                    .append("</td><td>")
                    .append(e.origin().severity().id())
                    .append("</td><td class=\"n\">")
                    .append(escape(
                            Amounts.format(e.figures().value(), e.figures().unit())))
                    .append("</td><td class=\"n\">")
                    .append(escape(
                            Amounts.format(e.figures().threshold(), e.figures().unit())))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    private XYPlot lines(String axisLabel, Line... lines) {
        TimeSeriesCollection data = new TimeSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (Line line : lines) {
            renderer.setSeriesPaint(data.getSeriesCount(), line.color());
            renderer.setSeriesStroke(data.getSeriesCount(), new BasicStroke(line.width()));
            data.addSeries(line.series());
        }
        NumberAxis axis = new NumberAxis(axisLabel);
        axis.setAutoRangeIncludesZero(false);
        axis.setLabelFont(LABEL);
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        style(plot);
        return plot;
    }

    private XYPlot etfFlows() {
        TimeSeries flows = new TimeSeries("US spot BTC ETF net flow (US$ millions)");
        for (DailyPoint p : points(SeriesId.ETF_NET_FLOW_USD)) {
            flows.add(day(p.day()), p.value() / 1e6);
        }
        XYBarRenderer renderer = new XYBarRenderer(0.15) {
            @Override
            public Paint getItemPaint(int row, int column) {
                return getPlot().getDataset().getYValue(row, column) < 0 ? OUTFLOW : INFLOW;
            }
        };
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, OUTFLOW);
        NumberAxis axis = new NumberAxis("US$ millions");
        axis.setLabelFont(LABEL);
        XYPlot plot = new XYPlot(new TimeSeriesCollection(flows), null, axis, renderer);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        style(plot);
        shade(plot, "etf_daily_outflow", "etf_outflow_streak", "etf_rolling_outflow");
        return plot;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
    }

    /** Shades the spans the rules' alerts were active, behind the lines. */
    private void shade(XYPlot plot, String... ruleIds) {
        for (String ruleId : ruleIds) {
            for (AlertEpisodes.Episode episode : episodes.of(ruleId)) {
                boolean oneDay = episode.first().equals(episode.last());
                IntervalMarker marker = new IntervalMarker(
                        millis(episode.first()), millis(episode.last().plusDays(1)), oneDay ? EACH_DAY_ALERT : ALERT);
                plot.addDomainMarker(marker, Layer.BACKGROUND);
            }
        }
    }

    private record Line(TimeSeries series, Color color, float width) {}

    private Line series(SeriesId id, String name, Color color) {
        TimeSeries series = new TimeSeries(name);
        points(id).forEach(p -> series.add(day(p.day()), p.value()));
        return new Line(series, color, id == SeriesId.HASHRATE_EHS ? 1f : 2.2f);
    }

    /** The same moving average the hash-ribbon rule reads (a mean over calendar days, at least 90% present). */
    private Line movingAverage(SeriesId id, int days, String name, Color color) {
        SeriesHistory source = history.of(id);
        TimeSeries series = new TimeSeries(name);
        for (LocalDate day = span.first(); !day.isAfter(span.last()); day = day.plusDays(1)) {
            OptionalDouble mean = source.mean(day, days, days * 9 / 10);
            if (mean.isPresent()) {
                series.add(day(day), mean.getAsDouble());
            }
        }
        return new Line(series, color, 2.2f);
    }

    private List<DailyPoint> points(SeriesId id) {
        return history.of(id).points().stream()
                .filter(p -> !p.day().isBefore(span.first()) && !p.day().isAfter(span.last()))
                .toList();
    }

    private static Day day(LocalDate day) {
        return new Day(new Date((long) millis(day)), UTC, Locale.ROOT);
    }

    private static double millis(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
