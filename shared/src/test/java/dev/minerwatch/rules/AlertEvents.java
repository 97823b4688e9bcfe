package dev.minerwatch.rules;

import dev.minerwatch.series.SeriesId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Events for tests, named by what matters to the test: {@code AlertEvents.of("price_below_production_cost")
 * .value(69_280).build()}. What a test leaves out is a plausible warning: BTC at $69,280 against $87,000 on 5 February
 * 2026, re-arming at $89,610, recorded by {@code run-a} at 14:10 UTC. The key follows the day, the state key (the rule
 * id unless told) and the version (1 unless told), as the engine makes it.
 */
public final class AlertEvents {

    public static final LocalDate DAY = LocalDate.parse("2026-02-05");
    public static final Instant RECORDED = Instant.parse("2026-02-05T14:10:00Z");

    private String key;
    private String stateKey;
    private long version = 1;
    private String ruleId;
    private String title;
    private Severity severity = Severity.WARNING;
    private EventKind kind = EventKind.FIRED;
    private SeriesId series = SeriesId.BTC_USD;
    private LocalDate day = DAY;
    private double value = 69_280;
    private double threshold = 87_000;
    private double rearmLevel = 89_610;
    private String unit = "USD";
    private Instant asOf;
    private boolean dayFinal;
    private List<String> sources = List.of("coingecko");
    private String thresholdBasis = "fixed";
    private String detail = "detail";
    private String meaning = "meaning";
    private String executionId = "run-a";
    private Instant recordedAt = RECORDED;

    private AlertEvents(String ruleId) {
        this.ruleId = ruleId;
        this.title = ruleId;
    }

    /** An event of {@code ruleId}, its title the rule id. */
    public static AlertEvents of(String ruleId) {
        return new AlertEvents(ruleId);
    }

    /** An event like {@code event} in every figure, for a test that changes one of them. */
    public static AlertEvents like(AlertEvent event) {
        AlertEvents like = new AlertEvents(event.ruleId());
        like.key = event.key();
        like.title = event.origin().title();
        like.severity = event.origin().severity();
        like.kind = event.kind();
        AlertEvent.Figures figures = event.figures();
        like.series = figures.series();
        like.day = figures.day();
        like.value = figures.value();
        like.threshold = figures.threshold();
        like.rearmLevel = figures.rearmLevel();
        like.unit = figures.unit();
        like.asOf = figures.asOf();
        like.dayFinal = figures.dayFinal();
        AlertEvent.Explanation explanation = event.explanation();
        like.sources = explanation.sources();
        like.thresholdBasis = explanation.thresholdBasis();
        like.detail = explanation.detail();
        like.meaning = explanation.meaning();
        like.executionId = event.recording().executionId();
        like.recordedAt = event.recordedAt();
        return like;
    }

    /** The whole key, in place of the one made of the day, the state key and the version. */
    public AlertEvents key(String key) {
        this.key = key;
        return this;
    }

    /** The rule state the event belongs to, such as {@code data_stale/btc_usd}; the rule id unless told. */
    public AlertEvents stateKey(String stateKey) {
        this.stateKey = stateKey;
        return this;
    }

    public AlertEvents version(long version) {
        this.version = version;
        return this;
    }

    public AlertEvents title(String title) {
        this.title = title;
        return this;
    }

    public AlertEvents severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    public AlertEvents kind(EventKind kind) {
        this.kind = kind;
        return this;
    }

    public AlertEvents series(SeriesId series) {
        this.series = series;
        return this;
    }

    public AlertEvents day(LocalDate day) {
        this.day = day;
        return this;
    }

    public AlertEvents day(String day) {
        return day(LocalDate.parse(day));
    }

    public AlertEvents value(double value) {
        this.value = value;
        return this;
    }

    public AlertEvents threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    /** The level it resolves past; NaN for a rule that never resolves. */
    public AlertEvents rearmLevel(double rearmLevel) {
        this.rearmLevel = rearmLevel;
        return this;
    }

    public AlertEvents unit(String unit) {
        this.unit = unit;
        return this;
    }

    /** When the value was observed; when it was recorded unless told. */
    public AlertEvents asOf(Instant asOf) {
        this.asOf = asOf;
        return this;
    }

    public AlertEvents dayFinal(boolean dayFinal) {
        this.dayFinal = dayFinal;
        return this;
    }

    public AlertEvents sources(String... sources) {
        this.sources = List.of(sources);
        return this;
    }

    public AlertEvents thresholdBasis(String thresholdBasis) {
        this.thresholdBasis = thresholdBasis;
        return this;
    }

    public AlertEvents detail(String detail) {
        this.detail = detail;
        return this;
    }

    public AlertEvents meaning(String meaning) {
        this.meaning = meaning;
        return this;
    }

    public AlertEvents executionId(String executionId) {
        this.executionId = executionId;
        return this;
    }

    public AlertEvents recordedAt(Instant recordedAt) {
        this.recordedAt = recordedAt;
        return this;
    }

    public AlertEvent build() {
        return new AlertEvent(
                key != null ? key : AlertEvent.key(day, stateKey != null ? stateKey : ruleId, version),
                new AlertEvent.Origin(ruleId, title, severity, kind),
                new AlertEvent.Figures(
                        series, day, value, threshold, rearmLevel, unit, asOf != null ? asOf : recordedAt, dayFinal),
                new AlertEvent.Explanation(sources, thresholdBasis, detail, meaning),
                new AlertEvent.Recording(executionId, recordedAt));
    }
}
