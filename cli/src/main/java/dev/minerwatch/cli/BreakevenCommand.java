package dev.minerwatch.cli;

import dev.minerwatch.app.Minerwatch;
import dev.minerwatch.backtest.UnderWater;
import dev.minerwatch.collect.DerivedHistory;
import dev.minerwatch.config.Settings;
import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.economics.FleetEconomics.MarginProjection;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import dev.minerwatch.sources.Sources;
import dev.minerwatch.sources.http.Deadline;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code minerwatch breakeven}: a fleet's margin at the newest hashprice, and how often history had it under water. */
@Command(
        name = "breakeven",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = 1,
        exitCodeOnExecutionException = 2,
        description = {
            "A fleet's economics per PH/s per day at the newest hashprice: revenue after the pool fee, power and "
                    + "other costs, the margin, the break-even power price and the break-even hashprice "
                    + "(docs/rules.md, \"Break-even\").",
            "Over the history: the days under water per year and the longest spell; then common machines side by "
                    + "side at the same power price, PUE and fee.",
            "The fleet comes from --joules-per-th and --usd-per-kwh, or from a breakeven rule (--rule). Without "
                    + "--joules-per-th, only the machines. Without --csv, reads the stored history (the local SQLite "
                    + "store in --data-dir unless AWS settings point elsewhere), its hashprice derived where it has "
                    + "none (without fees, from the subsidy alone: a lower bound)."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:printed",
            "1:usage error (an impossible figure, an unknown rule or one that is not a breakeven rule)",
            "2:the CSV, the rules or the store could not be read, or it holds no hashprice"
        })
final class BreakevenCommand implements Callable<Integer> {

    /** Common machines and their efficiency at the wall, J/TH (manufacturers' figures). */
    static final List<Machine> MACHINES = List.of(
            new Machine("Antminer S21 Pro", 15),
            new Machine("Antminer S21", 17.5),
            new Machine("Antminer S19 XP", 21.5),
            new Machine("Antminer S19j Pro", 30),
            new Machine("Antminer S19", 38));

    record Machine(String name, double joulesPerTh) {}

    @Spec
    CommandSpec spec;

    @Mixin
    HistoryOptions input = new HistoryOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Fleet fleet;

    /** A fleet given on the command line, or a rule's. */
    static final class Fleet {
        @ArgGroup(exclusive = false)
        Figures figures;

        @Option(names = "--rule", paramLabel = "ID", description = "The fleet of this breakeven rule.")
        String rule;
    }

    static final class Figures {
        @Option(
                names = "--joules-per-th",
                paramLabel = "J/TH",
                description = "The machines' efficiency (without it, only the table of machines).")
        Double joulesPerTh;

        @Option(names = "--usd-per-kwh", paramLabel = "USD", required = true, description = "The power price.")
        double usdPerKwh;

        @Option(
                names = "--pue",
                defaultValue = "1",
                description = "Power usage effectiveness, facility over machine power (default: ${DEFAULT-VALUE}).")
        double pue;

        @Option(
                names = "--pool-fee",
                paramLabel = "PCT",
                defaultValue = "0",
                description = "The pool's fee in percent (default: ${DEFAULT-VALUE}).")
        double poolFeePct;

        @Option(
                names = "--other-costs",
                paramLabel = "USD",
                defaultValue = "0",
                description = "Hosting and overheads, USD per PH/s per day (default: ${DEFAULT-VALUE}).")
        double otherUsdPerPhDay;
    }

    /** The rule file's names of the figures, as this command's options. */
    private static final Map<String, String> OPTIONS = Map.of(
            "joules_per_th", "--joules-per-th",
            "usd_per_kwh", "--usd-per-kwh",
            "pue", "--pue",
            "pool_fee_pct", "--pool-fee",
            "other_usd_per_ph_day", "--other-costs");

    @Option(
            names = "--project",
            description = "Also project the fleet's margin: after the next retarget at mempool's estimate, after the"
                    + " next halving when it falls within --horizon, and under price shocks of -10%, -20% and -30%.")
    boolean project;

    @Option(
            names = "--horizon",
            paramLabel = "DURATION",
            defaultValue = "P365D",
            description = "With --project: how far ahead a halving is shown (ISO-8601, default ${DEFAULT-VALUE}).")
    java.time.Duration horizon;

    private static final java.time.format.DateTimeFormatter UTC_MINUTE = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd HH:mm 'UTC'")
            .withZone(java.time.ZoneOffset.UTC);

    /** mempool's estimate is one call: it has this long. */
    static final java.time.Duration MEMPOOL_BUDGET = java.time.Duration.ofSeconds(15);

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Settings settings = Settings.of(input.environment()).with(ruleOptions.overrides());
        // The fleet asked about, or (without --joules-per-th) the figures on the first machine.
        FleetEconomics economics = economics(settings);
        boolean fleetAsked = fleet.rule != null || fleet.figures.joulesPerTh != null;
        History history = input.read(settings, ruleOptions.overrides());
        SeriesHistory hashprice = history.of(SeriesId.HASHPRICE_USD_PH_DAY);
        DailyPoint newest = hashprice
                .last()
                .orElseThrow(() -> new IllegalArgumentException(input.nothingIn("read") + " (no "
                        + SeriesId.HASHPRICE_USD_PH_DAY + ", and no " + SeriesId.DIFFICULTY + " with "
                        + SeriesId.BTC_USD + " to derive it from)"));
        double newestHashprice = newest.value();
        if (project && !fleetAsked) {
            throw usage("--project needs a fleet: --joules-per-th with --usd-per-kwh, or --rule");
        }
        if (fleetAsked) {
            writeFleet(out, economics, hashprice, newest);
        }
        if (project) {
            writeProjection(
                    out,
                    economics,
                    newest,
                    history.of(SeriesId.FEES_BTC_PER_BLOCK).last(),
                    settings);
        }
        out.println("machines at " + economics.describeSite() + "; hashprice "
                + Amounts.format(newestHashprice, PER_PH_DAY) + " on " + newest.day() + ":");
        out.printf(
                "  %-18s %5s %8s %8s %17s %21s %12s%n",
                "machine", "J/TH", "cost", "margin", "break-even power", "break-even hashprice", "under water");
        for (Machine machine : MACHINES) {
            FleetEconomics at = new FleetEconomics(
                    machine.joulesPerTh(),
                    economics.usdPerKwh(),
                    economics.pue(),
                    economics.poolFeePct(),
                    economics.otherUsdPerPhDay());
            UnderWater past = UnderWater.of(hashprice, at);
            out.printf(
                    Locale.ROOT,
                    "  %-18s %5s %8s %8s %17s %21s %11.1f%%%n",
                    machine.name(),
                    Amounts.plain(machine.joulesPerTh()),
                    Amounts.format(at.costUsdPerPhDay(), "USD"),
                    Amounts.format(at.marginUsdPerPhDay(newestHashprice), "USD"),
                    FleetEconomics.powerPrice(at.breakevenUsdPerKwh(newestHashprice)),
                    Amounts.format(at.breakevenHashprice(), "USD"),
                    past.share() * 100);
        }
        out.println("  (USD per PH/s per day; under water: the share of the history's days with a hashprice)");
        // A history without fees derives the hashprice from the subsidy alone: say so, it leans towards a loss.
        DerivedHistory.lowerBounds(hashprice.points())
                .ifPresent(note -> out.println("note: " + note + ", so the margins lean towards a loss"));
        out.flush();
        return 0;
    }

    private static final String PER_PH_DAY = SeriesId.HASHPRICE_USD_PH_DAY.unit();

    /** The fleet's figures at the newest hashprice, then its days under water over the history. */
    private void writeFleet(PrintWriter out, FleetEconomics fleet, SeriesHistory hashprice, DailyPoint newest) {
        double newestHashprice = newest.value();
        double margin = fleet.marginUsdPerPhDay(newestHashprice);
        out.println("fleet: " + fleet.describe() + (this.fleet.rule != null ? " (rule " + this.fleet.rule + ")" : ""));
        out.println("hashprice " + Amounts.format(newestHashprice, PER_PH_DAY) + " on " + newest.day() + " (sources "
                + String.join(", ", newest.sources()) + "; " + input.origin() + ")");
        out.println(row(
                "revenue",
                Amounts.format(fleet.revenueUsdPerPhDay(newestHashprice), PER_PH_DAY) + " after the pool fee"));
        out.println(row(
                "cost",
                Amounts.format(fleet.costUsdPerPhDay(), PER_PH_DAY) + " ("
                        + String.format(Locale.ROOT, "%.1f", fleet.kwhPerPhDay()) + " kWh)"));
        out.println(row("margin", Amounts.format(margin, PER_PH_DAY) + (margin < 0 ? ": under water" : "")));
        out.println(
                row("break-even power price", FleetEconomics.powerPrice(fleet.breakevenUsdPerKwh(newestHashprice))));
        out.println(row("break-even hashprice", Amounts.format(fleet.breakevenHashprice(), PER_PH_DAY)));
        out.println();
        UnderWater past = UnderWater.of(hashprice, fleet);
        out.println("days under water, " + hashprice.first().orElseThrow().day() + " to " + newest.day() + ":");
        out.printf("  %-6s %6s %12s %7s%n", "year", "days", "under water", "share");
        for (UnderWater.Year year : past.years()) {
            out.printf(
                    Locale.ROOT,
                    "  %-6d %6d %12d %6.1f%%%n",
                    year.year(),
                    year.days(),
                    year.underWater(),
                    year.share() * 100);
        }
        out.printf(
                Locale.ROOT,
                "  %-6s %6d %12d %6.1f%%%n",
                "all",
                past.days(),
                past.underWaterDays(),
                past.share() * 100);
        out.println("  longest spell: "
                + past.longest()
                        .map(s -> s.first() + " to " + s.last() + " (" + s.days() + " days)")
                        .orElse("none"));
        out.println();
    }

    /**
     * The fleet's margin ahead of time ({@link MarginProjection}): after the next retarget at mempool's estimate, after
     * the next halving within the horizon, under price shocks. Without the estimate, the price shocks alone.
     */
    private void writeProjection(
            PrintWriter out,
            FleetEconomics fleet,
            DailyPoint newest,
            java.util.Optional<DailyPoint> fees,
            Settings settings) {
        Sources.Mempool.Retarget retarget;
        java.time.Instant now;
        try (Minerwatch minerwatch = new Minerwatch(settings, java.time.Clock.systemUTC())) {
            now = minerwatch.clock().instant();
            retarget = minerwatch.retarget(now, Deadline.in(MEMPOOL_BUDGET));
        }
        double feesBtc = fees.map(DailyPoint::value).orElse(0.0);
        java.util.Optional<Sources.Mempool.DifficultyAdjustment> estimate = retarget.estimateIfKnown();
        MarginProjection projection = new MarginProjection(
                fleet,
                newest.value(),
                estimate.map(Sources.Mempool.DifficultyAdjustment::height).orElse(0L),
                feesBtc);
        out.println("projection of the margin:");
        out.println(row("today", margin(projection.margin(), newest.value())));
        if (estimate.isEmpty()) {
            out.println(row("next retarget", "mempool's estimate unavailable (" + retarget.unavailable() + ")"));
        } else {
            Sources.Mempool.DifficultyAdjustment next = estimate.get();
            double change = next.difficultyChangePercent();
            out.println(row(
                    "after the next retarget",
                    margin(projection.marginAfterRetarget(change), projection.hashpriceAfterRetarget(change))
                            + String.format(
                                    Locale.ROOT,
                                    " at %+.2f%%, block %d, about %s (the epoch %.1f%% mined)",
                                    change,
                                    next.nextRetargetHeight(),
                                    UTC_MINUTE.format(next.estimatedRetarget()),
                                    next.progressPercent())));
            java.time.Instant halving = next.estimatedHalving();
            out.println(row(
                    "after the next halving",
                    halving.isAfter(now.plus(horizon))
                            ? "block " + next.nextHalvingHeight() + ", about "
                                    + UTC_MINUTE.format(halving)
                                    + ": beyond the horizon ("
                                    + horizon + ")"
                            : margin(
                                            projection.marginAfterHalving(change),
                                            projection.hashpriceAfterHalving(projection.hashpriceAfterRetarget(change)))
                                    + ", block " + next.nextHalvingHeight() + ", about "
                                    + UTC_MINUTE.format(halving) + " (the subsidy "
                                    + Amounts.plain(projection.subsidyBtc()) + " BTC halves, fees of "
                                    + Amounts.plain(feesBtc) + " BTC a block stay)"));
        }
        for (double shock : MarginProjection.PRICE_SHOCKS) {
            out.println(row(
                    String.format(Locale.ROOT, "price %.0f%%", shock),
                    margin(projection.marginUnderPriceShock(shock), newest.value() * (1 + shock / 100))));
        }
        out.println();
    }

    private static String margin(double margin, double hashprice) {
        return "margin " + Amounts.format(margin, "USD") + (margin < 0 ? " (under water)" : "") + " at a hashprice of "
                + Amounts.format(hashprice, "USD");
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "  %-22s %s", label, value);
    }

    /** The rule's fleet, or the options' (the first machine's efficiency when none is given). */
    private FleetEconomics economics(Settings settings) {
        if (fleet.rule != null) {
            Rule rule = Minerwatch.rulesOf(settings).rules().stream()
                    .filter(r -> r.id().equals(fleet.rule))
                    .findFirst()
                    .orElseThrow(() -> usage("no rule '" + fleet.rule + "' in the configured rules"));
            return rule.breakevenFleet()
                    .orElseThrow(
                            () -> usage("rule " + fleet.rule + " is a " + rule.kind() + " rule, not a breakeven rule"));
        }
        Figures f = fleet.figures;
        try {
            return new FleetEconomics(
                    f.joulesPerTh != null ? f.joulesPerTh : MACHINES.get(0).joulesPerTh(),
                    f.usdPerKwh,
                    f.pue,
                    f.poolFeePct,
                    f.otherUsdPerPhDay);
        } catch (FleetEconomics.InvalidFigure e) {
            // "pue 0.5 must be between 1 and 3": said of the option that was given.
            throw usage(
                    OPTIONS.get(e.field()) + e.getMessage().substring(e.field().length()));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
