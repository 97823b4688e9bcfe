package dev.minerwatch.alerts.digest;

import dev.minerwatch.config.Settings;
import dev.minerwatch.economics.FleetEconomics;
import dev.minerwatch.rules.Reading;
import dev.minerwatch.rules.Reading.Signal;
import dev.minerwatch.rules.Rule;
import dev.minerwatch.rules.RuleSet;
import dev.minerwatch.rules.RuleState;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.series.history.History;
import dev.minerwatch.series.history.SeriesHistory;
import dev.minerwatch.sources.Provider;
import dev.minerwatch.sources.Sources.Mempool.DifficultyAdjustment;
import dev.minerwatch.sources.Sources.Mempool.Retarget;
import dev.minerwatch.store.ChannelReceipts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The day's summary: the overview people read, and the heartbeat that shows the pipeline runs. It says where the
 * price stands against the production cost, the hashprice and its week, hashrate, difficulty and the next retarget,
 * the last ETF session and the five-session sum, each fleet's margin, every rule's state and each series' age.
 *
 * @param day     the day summarised
 * @param subject one line: the day, the price against the cost and how many rules are active
 * @param lines   the body, one line each
 * @param activeRules how many rules (staleness aside) were active
 */
record DailyDigest(LocalDate day, String subject, List<String> lines, int activeRules) {

    /** The days of history a digest reads: a week for the hashprice's change, five sessions across a holiday week. */
    public static final int LOOKBACK_DAYS = 10;

    /** The unit of a digest event's value: the rules active when it was composed. */
    public static final String ACTIVE_RULES_UNIT = "active rules";

    private static final String PER_PH_DAY = SeriesId.HASHPRICE_USD_PH_DAY.unit();

    public DailyDigest {
        lines = List.copyOf(lines);
    }

    public String text() {
        return String.join("\n", lines);
    }

    /**
     * This digest with the alerts the channels' daily caps held on {@code heldDay} (a UTC day), per channel: each
     * one's title, kind and day. As it is when none was held.
     */
    DailyDigest withHeld(LocalDate heldDay, List<ChannelReceipts.Held> held) {
        if (held.isEmpty()) {
            return this;
        }
        List<String> more = new ArrayList<>(lines);
        more.add("");
        more.add("Held by the channels' daily caps on " + heldDay + " (UTC):");
        Map<String, List<ChannelReceipts.Held>> byChannel = new TreeMap<>();
        held.forEach(h ->
                byChannel.computeIfAbsent(h.channel(), c -> new ArrayList<>()).add(h));
        byChannel.forEach((channel, events) -> {
            more.add("  " + channel + " (" + events.size() + "):");
            events.forEach(e -> more.add("    " + e.title() + " (" + e.kind() + ", " + e.day() + ")"));
        });
        return new DailyDigest(day, subject, more, activeRules);
    }

    /**
     * The digest of {@code day} at {@code now}.
     *
     * @param day      the day the digest is for, in the operator's time zone
     * @param today    the newest UTC day of data to show (the store's days are UTC days)
     * @param history  the stored points of the last {@link #LOOKBACK_DAYS} days, at least
     * @param fixedProductionCost {@code PRODUCTION_COST_USD} when it is set: the rules compare against it, so the
     *                 digest shows it in place of the stored (model) cost
     * @param states   every rule's stored state, by state key
     * @param retarget mempool's estimate of the next difficulty adjustment, or why there is none
     */
    public static DailyDigest of(
            LocalDate day,
            LocalDate today,
            Instant now,
            History history,
            RuleSet rules,
            Optional<Double> fixedProductionCost,
            Map<String, RuleState> states,
            Retarget retarget) {
        List<String> lines = new ArrayList<>();
        lines.add("minerwatch digest for " + day + " (as of " + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        lines.add("");

        Optional<DailyPoint> price = newest(history, SeriesId.BTC_USD, today);
        Optional<Double> cost = fixedProductionCost.or(
                () -> newest(history, SeriesId.PRODUCTION_COST_USD, today).map(DailyPoint::value));
        String costSource = fixedProductionCost.isPresent() ? " fixed by " + Settings.PRODUCTION_COST_USD : "";
        String priceLine =
                price.map(p -> "BTC " + Amounts.format(p.value(), "USD")).orElse("BTC: no price");
        String subjectPrice = price.map(p -> Amounts.format(p.value(), "USD")).orElse("no price");
        if (price.isPresent() && cost.isPresent()) {
            double distance = (price.get().value() - cost.get()) / cost.get();
            priceLine += " against a production cost of " + Amounts.format(cost.get(), "USD") + costSource + " ("
                    + Amounts.percent(distance) + (distance < 0 ? ": under the cost" : "") + ")";
            subjectPrice += " (" + Amounts.percent(distance) + " vs cost)";
        } else if (price.isPresent()) {
            priceLine += "; no production cost";
        }
        lines.add(priceLine);

        Optional<DailyPoint> hashprice = newest(history, SeriesId.HASHPRICE_USD_PH_DAY, today);
        lines.add(hashprice
                .map(h -> "Hashprice " + Amounts.format(h.value(), PER_PH_DAY)
                        + weekChange(history.of(SeriesId.HASHPRICE_USD_PH_DAY), h))
                .orElse("Hashprice: none"));

        Optional<DailyPoint> hashrate = newest(history, SeriesId.HASHRATE_EHS, today);
        Optional<DailyPoint> difficulty = newest(history, SeriesId.DIFFICULTY, today);
        lines.add("Hashrate "
                + hashrate.map(h -> Amounts.format(h.value(), "EH/s")).orElse("none") + ", difficulty "
                + difficulty
                        .map(d -> String.format(Locale.ROOT, "%.2fT", d.value() / 1e12))
                        .orElse("none")
                + "; next retarget " + describe(retarget) + halving(retarget));

        SeriesHistory flows = history.of(SeriesId.ETF_NET_FLOW_USD);
        Optional<DailyPoint> session = flows.latest(today);
        if (session.isPresent()) {
            List<DailyPoint> five = flows.lastPoints(today, 5);
            double sum = five.stream().mapToDouble(DailyPoint::value).sum();
            lines.add("ETF net flow " + Amounts.format(session.get().value(), "USD") + " on "
                    + session.get().day()
                    + "; " + five.size() + "-session sum " + Amounts.format(sum, "USD") + " ("
                    + five.get(0).day()
                    + " to " + session.get().day() + ")"
                    + Provider.attribution(session.get().sources())
                            .map(a -> "; " + a)
                            .orElse(""));
        } else {
            lines.add("ETF net flow: no session in the last " + LOOKBACK_DAYS + " days");
        }

        List<Rule> fleets = rules.rules().stream()
                .filter(rule -> rule.breakevenFleet().isPresent())
                .toList();
        if (!fleets.isEmpty()) {
            lines.add("");
            lines.add("Fleets (margin per PH/s per day at the newest hashprice):");
            for (Rule fleet : fleets) {
                Reading reading = fleet.read(history, today, now);
                FleetEconomics economics = fleet.breakevenFleet().orElseThrow();
                lines.add("  " + fleet.id() + ": "
                        + (reading.signal() == Signal.NO_DATA
                                ? "no hashprice"
                                : "margin " + Amounts.format(reading.value(), "USD")
                                        + (reading.value() < 0 ? ": UNDER WATER" : "")
                                        + ", break-even power price "
                                        + FleetEconomics.powerPrice(economics.breakevenUsdPerKwh(
                                                reading.subject().value()))
                                        + ", break-even hashprice "
                                        + Amounts.format(economics.breakevenHashprice(), "USD"))
                        + " (" + economics.describe() + ")");
            }
        }

        lines.add("");
        List<Rule> active = new ArrayList<>();
        List<String> ruleLines = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            if (rule.watchesFreshness()) {
                continue; // their state is each series' freshness, below
            }
            RuleState state = states.get(rule.stateKey());
            String said;
            if (state == null || state.evaluatedAt() == null && state.lastEventDay() == null) {
                said = "not evaluated yet";
            } else if (rule.eachDay()) {
                said = state.lastEventDay() == null ? "quiet" : "last fired for " + state.lastEventDay();
            } else if (state.active()) {
                said = "ACTIVE since " + state.lastEventDay();
                active.add(rule);
            } else {
                said = state.lastEventDay() == null ? "quiet" : "quiet since " + state.lastEventDay();
            }
            ruleLines.add("  " + rule.stateKey() + ": " + said);
        }
        lines.add("Rules (" + active.size() + " active):");
        lines.addAll(ruleLines);

        lines.add("");
        lines.add("Freshness:");
        for (Rule rule : rules.rules()) {
            if (rule.watchesFreshness()) {
                Reading reading = rule.read(history, today, now);
                RuleState state = states.get(rule.stateKey());
                boolean stale = reading.signal() == Signal.FIRE || state != null && state.active();
                lines.add("  " + rule.series() + ": "
                        + (reading.signal() == Signal.NO_DATA
                                ? "never observed"
                                : String.format(Locale.ROOT, "%.1f", reading.value()) + " " + reading.unit()
                                        + " old (limit " + Amounts.plain(reading.threshold()) + ")")
                        + (stale ? " STALE" : ""));
            }
        }
        String subject = "minerwatch digest " + day + ": BTC " + subjectPrice + ", " + active.size()
                + (active.size() == 1 ? " rule" : " rules") + " active";
        return new DailyDigest(day, subject, lines, active.size());
    }

    private static Optional<DailyPoint> newest(History history, SeriesId series, LocalDate day) {
        return history.of(series).latest(day, 1);
    }

    /** "; −4.2% in 7 days (from $32.94 on 2026-01-29)", or nothing without a point a week before. */
    private static String weekChange(SeriesHistory hashprice, DailyPoint newest) {
        return hashprice
                .latest(newest.day().minusDays(7), 1)
                .map(before -> ", " + Amounts.percent((newest.value() - before.value()) / before.value())
                        + " in 7 days (from " + Amounts.format(before.value(), "USD") + " on " + before.day() + ")")
                .orElse(", no point a week before");
    }

    /** The next halving, from mempool's estimate (its height fixes it); nothing without the estimate. */
    private static String halving(Retarget retarget) {
        if (retarget.estimate() == null) {
            return "";
        }
        DifficultyAdjustment estimate = retarget.estimate();
        return String.format(
                Locale.ROOT,
                "; next halving at block %d, expected around %s (%d blocks to go)",
                estimate.nextHalvingHeight(),
                estimate.estimatedHalving().atOffset(ZoneOffset.UTC).toLocalDate(),
                estimate.nextHalvingHeight() - estimate.height());
    }

    private static String describe(Retarget retarget) {
        if (retarget.estimate() == null) {
            return "unknown (" + retarget.unavailable() + ")";
        }
        DifficultyAdjustment estimate = retarget.estimate();
        return String.format(
                Locale.ROOT,
                "%+.2f%% expected around %s (%.1f%% of the epoch done, %d blocks to go)",
                estimate.difficultyChangePercent(),
                estimate.estimatedRetarget().atOffset(ZoneOffset.UTC).toLocalDate(),
                estimate.progressPercent(),
                estimate.remainingBlocks());
    }
}
