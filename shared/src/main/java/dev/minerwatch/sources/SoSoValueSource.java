package dev.minerwatch.sources;

import dev.minerwatch.sources.Sources.EtfFlowPath;
import dev.minerwatch.sources.Sources.EtfFlowPath.EtfFlows;
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
 * SoSoValue's current (v1) API: US spot BTC ETF daily net inflows
 * ({@code GET /openapi/v1/etfs/summary-history?symbol=BTC&country_code=US&limit=300}, rows {@code date},
 * {@code total_net_inflow} in whole USD, newest first, trading days only). Documented as a bare array, seen inside a
 * {@code {code, message, data}} envelope: both are accepted, and an envelope's {@code code} other than 0 is a
 * failure even with HTTP 200. Limits: 20 requests a minute and a monthly quota per key (HTTP 429).
 */
final class SoSoValueSource implements EtfFlowPath {

    public static final String ID = "sosovalue";
    public static final String PATH = "sosovalue v1 summary-history";
    static final String SUMMARY_HISTORY = "/openapi/v1/etfs/summary-history";

    private final HttpJsonClient http;
    private final URI baseUrl;
    /** Read when first needed, so that a SnapStart snapshot holds no key (see {@code Secrets}). */
    private final Supplier<Optional<String>> apiKey;

    SoSoValueSource(HttpJsonClient http, URI baseUrl, Supplier<Optional<String>> apiKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public String source() {
        return ID;
    }

    @Override
    public EtfFlows dailyNetFlows(Deadline deadline) throws SourceException {
        Object root = http.get(
                ID,
                URI.create(baseUrl + SUMMARY_HISTORY + "?symbol=BTC&country_code=US&limit=300"),
                Map.of("x-soso-api-key", key(apiKey)),
                deadline);
        boolean bare = root instanceof List<?>;
        String listPath = bare ? "" : "data";
        if (!bare) {
            requireSuccess(root, "message");
        }
        List<?> list = bare ? (List<?>) root : JsonFields.array(ID, root, listPath);
        if (list.isEmpty()) {
            throw SourceException.malformed(ID, bare ? "(the answer)" : listPath, "is an empty list");
        }
        SortedMap<LocalDate, EtfFlows.Session> sessions = new TreeMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = (listPath.isEmpty() ? "" : listPath + ".") + i;
            LocalDate date = EtfFlowRows.date(ID, list.get(i), "date", at);
            sessions.put(
                    date,
                    new EtfFlows.Session(
                            EtfFlowRows.netFlowUsd(ID, list.get(i), "total_net_inflow", at, date), Map.of()));
        }
        return new EtfFlows(ID, PATH, sessions, Optional.empty());
    }

    /** The API key, or the failure that says how to configure one. */
    static String key(Supplier<Optional<String>> apiKey) throws SourceException {
        return ApiKeys.read(ID, apiKey)
                .orElseThrow(() -> SourceException.misconfigured(
                        ID, "no API key: set SOSOVALUE_API_KEY (locally) or its SSM parameter"));
    }

    /** An envelope's {@code code} must be 0 (a number or its text); its {@code messageField} says why not. */
    static void requireSuccess(Object envelope, String messageField) throws SourceException {
        Object code = JsonFields.required(ID, envelope, "code");
        boolean ok = code instanceof Number number
                ? number.doubleValue() == 0
                : code instanceof String text && text.trim().equals("0");
        if (!ok) {
            throw SourceException.malformed(
                    ID,
                    "code",
                    "value " + JsonFields.shown(code) + " is an error (" + messageField + ": "
                            + JsonFields.shown(JsonFields.orNull(envelope, messageField)) + ")");
        }
    }
}
