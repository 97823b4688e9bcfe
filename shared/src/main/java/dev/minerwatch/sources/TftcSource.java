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

/**
 * TFTC's open dataset of US spot BTC ETF daily flows, no key: {@code GET /bitcoin-etf-flows/data.json} →
 * {@code {units: "USD", updatedThrough, days: [{date, netFlowUsd, perEtfUsd: {IBIT: ...}}]}} from 2024-01-11, whole
 * USD by US trading session (it republishes SoSoValue and Farside). Licensed CC BY 4.0: wherever its figures are
 * shown, {@link #ATTRIBUTION} goes with them.
 */
final class TftcSource implements EtfFlowPath {

    public static final String ID = "tftc";
    public static final String PATH = "tftc bitcoin-etf-flows data.json";
    public static final String ATTRIBUTION = "ETF flows: TFTC, tftc.io/bitcoin-etf-flows (CC BY 4.0)";
    static final String DATA = "/bitcoin-etf-flows/data.json";

    private final HttpJsonClient http;
    private final URI baseUrl;

    TftcSource(HttpJsonClient http, URI baseUrl) {
        this.http = http;
        this.baseUrl = baseUrl;
    }

    @Override
    public String source() {
        return ID;
    }

    /**
     * Every session through {@code updatedThrough}; a row after it is not settled yet and is left out. The
     * {@code units} must be USD: any other unit is drift, refused whole.
     */
    @Override
    public EtfFlows dailyNetFlows(Deadline deadline) throws SourceException {
        Object root = http.get(ID, URI.create(baseUrl + DATA), Map.of(), deadline);
        String units = JsonFields.text(ID, root, "units");
        if (!units.equals("USD")) {
            throw SourceException.malformed(ID, "units", "value '" + units + "' is not USD (whole dollars)");
        }
        LocalDate updatedThrough = EtfFlowRows.date(ID, root, "updatedThrough", "(the answer)");
        List<?> days = JsonFields.array(ID, root, "days");
        if (days.isEmpty()) {
            throw SourceException.malformed(ID, "days", "is an empty list");
        }
        SortedMap<LocalDate, EtfFlows.Session> sessions = new TreeMap<>();
        for (int i = 0; i < days.size(); i++) {
            String at = "days." + i;
            Object row = days.get(i);
            LocalDate date = EtfFlowRows.date(ID, row, "date", at);
            if (date.isAfter(updatedThrough)) {
                continue;
            }
            double total = EtfFlowRows.netFlowUsd(ID, row, "netFlowUsd", at, date);
            Map<String, Double> funds = new TreeMap<>();
            Object perEtf = JsonFields.orNull(row, "perEtfUsd");
            if (perEtf != null) {
                if (!(perEtf instanceof Map<?, ?> byTicker)) {
                    throw SourceException.malformed(
                            ID,
                            at + ".perEtfUsd",
                            "value " + JsonFields.shown(perEtf) + " is not an object of ticker to USD");
                }
                for (Map.Entry<?, ?> fund : byTicker.entrySet()) {
                    String ticker = (String) fund.getKey();
                    if (fund.getValue() != null) { // a fund without a figure that day
                        funds.put(ticker, EtfFlowRows.fundFlowUsd(ID, perEtf, ticker, at + ".perEtfUsd", ticker));
                    }
                }
            }
            sessions.put(date, new EtfFlows.Session(total, funds));
        }
        return new EtfFlows(ID, PATH, sessions, Optional.of(updatedThrough));
    }
}
