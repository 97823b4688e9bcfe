package dev.minerwatch.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyPointsCsvTest {

    private static DailyPoint point(SeriesId series, String day, double value) {
        return new DailyPoint(series, LocalDate.parse(day), value, null, List.of("test"), Instant.EPOCH, true, Map.of());
    }

    @Test
    void oneRowPerDateInOrderWithEmptyCellsForMissingValuesAndPlainNumbers() throws Exception {
        StringWriter out = new StringWriter();

        DailyPointsCsv.write(out, List.of(SeriesId.BTC_USD, SeriesId.DIFFICULTY, SeriesId.ETF_NET_FLOW_USD), Map.of(
                SeriesId.BTC_USD, List.of(point(SeriesId.BTC_USD, "2026-02-05", 69_280.1), point(SeriesId.BTC_USD, "2026-02-04", 73_000)),
                SeriesId.DIFFICULTY, List.of(point(SeriesId.DIFFICULTY, "2026-02-05", 141_668_107_417_558.2)),
                SeriesId.ETF_NET_FLOW_USD, List.of(point(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", -544_940_000))));

        assertThat(out.toString()).isEqualTo("""
                date,btc_usd,difficulty,etf_net_flow_usd
                2026-02-04,73000,,-544940000
                2026-02-05,69280.1,141668107417558.2,
                """);
    }
}
