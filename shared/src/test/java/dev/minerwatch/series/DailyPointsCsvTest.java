package dev.minerwatch.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
                SeriesId.ETF_NET_FLOW_USD, List.of(point(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", -544_940_000))), Map.of());

        assertThat(out.toString()).isEqualTo("""
                date,btc_usd,difficulty,etf_net_flow_usd
                2026-02-04,73000,,-544940000
                2026-02-05,69280.1,141668107417558.2,
                """);
    }

    @Test
    void aSupplyIsTheLastColumnAndReadsBackAsSupply() throws Exception {
        StringWriter out = new StringWriter();

        DailyPointsCsv.write(out, List.of(SeriesId.BTC_USD), Map.of(SeriesId.BTC_USD,
                        List.of(point(SeriesId.BTC_USD, "2026-02-05", 69_280.1))),
                new TreeMap<>(Map.of(LocalDate.parse("2026-02-05"), 19_984_378.125, LocalDate.parse("2026-02-06"), 19_984_828.125)));

        assertThat(out.toString()).isEqualTo("""
                date,btc_usd,supply_btc
                2026-02-05,69280.1,19984378.125
                2026-02-06,,19984828.125
                """);
        DailyPointsCsv.Contents back = DailyPointsCsv.read(new StringReader(out.toString()), "test");
        assertThat(back.supplyBtc()).containsEntry(LocalDate.parse("2026-02-06"), 19_984_828.125).hasSize(2);
        assertThat(back.points()).extracting(DailyPoint::value).containsExactly(69_280.1);
    }
}
