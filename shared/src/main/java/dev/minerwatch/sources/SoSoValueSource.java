package dev.minerwatch.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.PlainNumber;
import dev.minerwatch.series.SeriesId;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.TreeMap;

/**
 * SoSoValue's US spot BTC ETF daily net inflows ({@code POST /openapi/v2/etf/historicalInflowChart}): whole USD
 * by US trading day, about 300 days, newest first. {@code code} other than 0 is a failure even with HTTP 200;
 * {@code data} arrives as {@code {"list": [...]}} or as a bare array.
 */
public final class SoSoValueSource {

    public static final String ID = "sosovalue";
    static final double MAX_ABS_DAILY_FLOW_USD = Plausibility.maxMagnitude(SeriesId.ETF_NET_FLOW_USD);

    private final HttpJsonClient http;
    private final URI baseUrl;
    /** Read when first needed, so that a SnapStart snapshot holds no key (see {@code Secrets}). */
    private final Supplier<Optional<String>> apiKey;

    public SoSoValueSource(HttpJsonClient http, URI baseUrl, Supplier<Optional<String>> apiKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Each fund's net flow in USD on the day SoSoValue's current metrics are for. */
    public record PerFundFlows(LocalDate day, Map<String, Double> byTicker) {
    }

    /**
     * Per-fund flows of the latest day ({@code POST /openapi/v2/etf/currentEtfDataMetrics}): the aggregate
     * {@code dailyNetInflow} carries the day, each fund of {@code list} its {@code dailyNetInflow.value}.
     */
    public PerFundFlows perFundFlows(Deadline deadline) throws SourceException {
        JsonNode root = call("/openapi/v2/etf/currentEtfDataMetrics", deadline);
        String dateText = JsonFields.required(ID, root, "data.dailyNetInflow.lastUpdateDate").asText();
        LocalDate day;
        try {
            day = LocalDate.parse(dateText.length() > 10 ? dateText.substring(0, 10) : dateText);
        } catch (DateTimeParseException e) {
            throw SourceException.malformed(ID, "data.dailyNetInflow.lastUpdateDate", "value '" + dateText + "' is not a date");
        }
        JsonNode list = JsonFields.array(ID, root, "data.list");
        Map<String, Double> byTicker = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String ticker = JsonFields.required(ID, list.get(i), "ticker").asText();
            byTicker.put(ticker, JsonFields.numberWithin(ID, list.get(i), "dailyNetInflow.value", -MAX_ABS_DAILY_FLOW_USD,
                    MAX_ABS_DAILY_FLOW_USD, "USD (data.list." + i + ", " + ticker + ")"));
        }
        return new PerFundFlows(day, byTicker);
    }

    /** A POST with the key and the US spot BTC type; {@code code} other than 0 is a failure. */
    private JsonNode call(String path, Deadline deadline) throws SourceException {
        String key = ApiKeys.read(ID, apiKey).orElseThrow(() ->
                SourceException.misconfigured(ID, "no API key: set SOSOVALUE_API_KEY (locally) or its SSM parameter"));
        JsonNode root = http.post(ID, URI.create(baseUrl + path), Map.of("x-soso-api-key", key),
                "{\"type\":\"us-btc-spot\"}", deadline);
        JsonNode code = JsonFields.required(ID, root, "code");
        if (!code.isNumber() || code.intValue() != 0) {
            throw SourceException.malformed(ID, "code", "value " + code + " is an error (msg: " + root.path("msg") + ")");
        }
        return root;
    }

    /** Daily net flows in USD by date, in date order. */
    public Map<LocalDate, Double> dailyNetFlowsUsd(Deadline deadline) throws SourceException {
        JsonNode root = call("/openapi/v2/etf/historicalInflowChart", deadline);
        JsonNode data = JsonFields.required(ID, root, "data");
        JsonNode list = data.isArray() ? data : data.path("list");
        String listPath = data.isArray() ? "data" : "data.list";
        if (!list.isArray() || list.isEmpty()) {
            throw SourceException.malformed(ID, listPath, "is missing or empty");
        }
        Map<LocalDate, Double> flows = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = listPath + "." + i;
            String text = JsonFields.required(ID, list.get(i), "date").asText();
            LocalDate date;
            try {
                date = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw SourceException.malformed(ID, at + ".date", "value '" + text + "' is not an ISO date");
            }
            double flow = JsonFields.numberWithin(ID, list.get(i), "totalNetInflow", -MAX_ABS_DAILY_FLOW_USD,
                    MAX_ABS_DAILY_FLOW_USD, "USD (" + at + ", " + date + ")");
            if (flow != 0 && Math.abs(flow) < Plausibility.MIN_NONZERO_ETF_FLOW_USD) {
                throw SourceException.implausible(ID, at + ".totalNetInflow", "value " + PlainNumber.of(flow) + " ("
                        + date + ") is a net flow under $" + PlainNumber.of(Plausibility.MIN_NONZERO_ETF_FLOW_USD)
                        + " either way: a flow in thousands or millions, not whole USD");
            }
            flows.put(date, flow);
        }
        return flows;
    }
}
