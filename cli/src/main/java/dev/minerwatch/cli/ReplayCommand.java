package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.backtest.BacktestSummary;
import dev.minerwatch.config.Settings;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.RuleEngine;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code minerwatch replay}: a backtest of the rules over a daily-points CSV or the stored history. */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "Replays the rules day by day over history, with no look-ahead, as the evaluation function "
                    + "would have run at the end of each day.",
            "Standard output: one JSON object per event, in date order. Standard error: a summary per rule "
                    + "(events per year, median days between firings, mean duration, BTC return 30 and 90 days "
                    + "after each firing).",
            "Without --csv, replays the stored history (the local SQLite store in --data-dir unless AWS settings "
                    + "point elsewhere). Days without production_cost_usd get it derived from difficulty with "
                    + "the cost model, and days without hashprice_usd_ph_day get it from difficulty, price and "
                    + "fees_btc_per_block, or without fees from the subsidy alone (a lower bound); a CSV alike."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:replayed", "1:usage error", "2:the CSV, the rules or the store could not be read"})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions input = new HistoryOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(names = "--rule", paramLabel = "ID", description = "Replay only this rule (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(
            names = "--cost-model",
            paramLabel = "MODEL",
            description =
                    "Cost model for a CSV without production_cost_usd: drm (default), drm-glassnode-2022, "
                            + "drm:A=..,B=.. or energy:joulesPerTh=..,usdPerKwh=..,pue=..,allInFactor=.. (default: COST_MODEL).")
    String costModel;

    @Option(names = "--from", description = "First day to replay (default: the first day of the data).")
    LocalDate from;

    @Option(names = "--to", description = "Last day to replay (default: the last day of the data).")
    LocalDate to;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> overrides = new HashMap<>(ruleOptions.overrides());
        if (costModel != null) {
            overrides.put(Settings.COST_MODEL, costModel);
        }
        Settings settings = Settings.of(input.environment()).with(overrides);
        RuleSet rules = Minerwatch.rulesOf(settings);
        if (!only.isEmpty()) {
            rules = rules.only(only);
        }
        History history = input.read(settings, overrides);
        Span span = history.span().orElseThrow(() -> new IllegalArgumentException(input.nothingIn("replay")));
        err.printf("replaying rules %s over %s%n", rules.version(), input.origin());
        err.flush();
        RuleEngine.Replay result = new RuleEngine(rules)
                .replay(history, new Span(from != null ? from : span.first(), to != null ? to : span.last()));
        for (AlertEvent event : result.events()) {
            out.println(line(event));
        }
        out.flush();
        BacktestSummary.of(result, history.of(SeriesId.BTC_USD)).write(err);
        return 0;
    }

    /** One event as a JSON line: the documented date (docs/contracts.md), rule, event, value and threshold, and what explains them. */
    static String line(AlertEvent event) {
        return Json.write(json(event));
    }

    static Map<String, Object> json(AlertEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("date", event.day().toString());
        json.put("rule", event.ruleId());
        json.put("event", event.kind().name());
        json.put("value", BigDecimal.valueOf(event.figures().value()).stripTrailingZeros());
        json.put("threshold", BigDecimal.valueOf(event.figures().threshold()).stripTrailingZeros());
        if (event.resolves()) {
            json.put("rearm", BigDecimal.valueOf(event.figures().rearmLevel()).stripTrailingZeros());
        }
        json.put("unit", event.figures().unit());
        json.put("series", event.figures().series().id());
        json.put("severity", event.origin().severity().id());
        json.put("detail", event.explanation().detail());
        return json;
    }
}
