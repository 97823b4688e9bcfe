package dev.minerwatch.sources;

import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.Plausibility;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sources.http.SourceException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The checks every ETF flow path applies to its rows, so that each says source, field and value the same way. */
final class EtfFlowRows {

    static final double MAX_ABS_DAILY_FLOW_USD = Plausibility.maxMagnitude(SeriesId.ETF_NET_FLOW_USD);

    private EtfFlowRows() {}

    /** The ISO date (or the date part of an ISO date-time) at {@code field} of {@code row}, found at {@code at}. */
    static LocalDate date(String source, Object row, String field, String at) throws SourceException {
        String text = JsonFields.text(source, row, field);
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw SourceException.malformed(source, at + "." + field, "value '" + text + "' is not an ISO date");
        }
    }

    /**
     * A session's net flow in whole USD: within the plausible magnitude, and either exactly 0 (not yet published)
     * or at least {@link Plausibility#MIN_NONZERO_ETF_FLOW_USD} either way (smaller is a flow in thousands or
     * millions, not whole USD).
     */
    static double netFlowUsd(String source, Object row, String field, String at, LocalDate date)
            throws SourceException {
        double flow = JsonFields.numberWithin(
                source, row, field, -MAX_ABS_DAILY_FLOW_USD, MAX_ABS_DAILY_FLOW_USD, "USD (" + at + ", " + date + ")");
        if (flow != 0 && Math.abs(flow) < Plausibility.MIN_NONZERO_ETF_FLOW_USD) {
            throw SourceException.implausible(
                    source,
                    at + "." + field,
                    "value " + Amounts.plain(flow) + " ("
                            + date + ") is a net flow under $" + Amounts.plain(Plausibility.MIN_NONZERO_ETF_FLOW_USD)
                            + " either way: a flow in thousands or millions, not whole USD");
        }
        return flow;
    }

    /** One fund's flow in whole USD, within the plausible magnitude of a whole day's. */
    static double fundFlowUsd(String source, Object row, String field, String at, String ticker)
            throws SourceException {
        return JsonFields.numberWithin(
                source,
                row,
                field,
                -MAX_ABS_DAILY_FLOW_USD,
                MAX_ABS_DAILY_FLOW_USD,
                "USD (" + at + ", " + ticker + ")");
    }
}
