package dev.minerwatch.sources;

import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.Sources.EtfFlowPath.EtfFlows;
import dev.minerwatch.sources.Sources.EtfFlowPath.PerFundFlows;
import dev.minerwatch.sources.http.Deadline;
import dev.minerwatch.sources.http.HttpJsonClient;
import dev.minerwatch.sources.http.SourceException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * SoSoValue's older (v2) API, still answering beside the current one: US spot BTC ETF daily net inflows
 * ({@code POST /openapi/v2/etf/historicalInflowChart}, whole USD by US trading day, about 300 days, newest first)
 * and the per-fund split of the newest session ({@code POST /openapi/v2/etf/currentEtfDataMetrics}).
 * {@code code} other than 0 is a failure even with HTTP 200; {@code data} arrives as {@code {"list": [...]}} or as
 * a bare array.
 */
final class SoSoValueLegacySource implements EtfFlowPath {

    public static final String PATH = "sosovalue v2 historicalInflowChart";

    private final HttpJsonClient http;
    private final URI baseUrl;
    /** Read when first needed, so that a SnapStart snapshot holds no key (see {@code Secrets}). */
    private final Supplier<Optional<String>> apiKey;

    SoSoValueLegacySource(HttpJsonClient http, URI baseUrl, Supplier<Optional<String>> apiKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public String source() {
        return SoSoValueSource.ID;
    }

    /**
     * Per-fund flows of the newest session: the aggregate {@code dailyNetInflow} carries the day, each fund of
     * {@code list} its {@code dailyNetInflow.value}.
     */
    @Override
    public Optional<PerFundFlows> perFundFlows(Deadline deadline) throws SourceException {
        String id = SoSoValueSource.ID;
        Object root = call("/openapi/v2/etf/currentEtfDataMetrics", deadline);
        LocalDate day = EtfFlowRows.date(
                id, JsonFields.required(id, root, "data.dailyNetInflow"), "lastUpdateDate", "data.dailyNetInflow");
        List<?> list = JsonFields.array(id, root, "data.list");
        Map<String, Double> byTicker = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String ticker = JsonFields.text(id, list.get(i), "ticker");
            byTicker.put(
                    ticker, EtfFlowRows.fundFlowUsd(id, list.get(i), "dailyNetInflow.value", "data.list." + i, ticker));
        }
        return Optional.of(new PerFundFlows(day, byTicker));
    }

    /** A POST with the key and the US spot BTC type; {@code code} other than 0 is a failure. */
    private Object call(String path, Deadline deadline) throws SourceException {
        String key = SoSoValueSource.key(apiKey);
        Object root = http.post(
                SoSoValueSource.ID,
                URI.create(baseUrl + path),
                Map.of("x-soso-api-key", key),
                "{\"type\":\"us-btc-spot\"}",
                deadline);
        SoSoValueSource.requireSuccess(root, "msg");
        return root;
    }

    @Override
    public EtfFlows dailyNetFlows(Deadline deadline) throws SourceException {
        String id = SoSoValueSource.ID;
        Object root = call("/openapi/v2/etf/historicalInflowChart", deadline);
        Object data = JsonFields.required(id, root, "data");
        String listPath = data instanceof List<?> ? "data" : "data.list";
        List<?> list = JsonFields.array(id, root, listPath);
        if (list.isEmpty()) {
            throw SourceException.malformed(id, listPath, "is empty");
        }
        SortedMap<LocalDate, EtfFlows.Session> sessions = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = listPath + "." + i;
            LocalDate date = EtfFlowRows.date(id, list.get(i), "date", at);
            sessions.put(
                    date,
                    new EtfFlows.Session(
                            EtfFlowRows.netFlowUsd(id, list.get(i), "totalNetInflow", at, date), Map.of()));
        }
        return new EtfFlows(id, PATH, sessions, Optional.empty());
    }
}
