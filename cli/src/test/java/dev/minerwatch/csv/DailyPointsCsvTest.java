package dev.minerwatch.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import java.io.Reader;
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
        return new DailyPoint(
                series, LocalDate.parse(day), value, null, List.of("test"), Instant.EPOCH, true, Map.of());
    }

    @Test
    void oneRowPerDateInOrderWithEmptyCellsForMissingValuesAndPlainNumbers() throws Exception {
        StringWriter out = new StringWriter();

        DailyPointsCsv.write(
                out,
                List.of(SeriesId.BTC_USD, SeriesId.DIFFICULTY, SeriesId.ETF_NET_FLOW_USD),
                Map.of(
                        SeriesId.BTC_USD,
                                List.of(
                                        point(SeriesId.BTC_USD, "2026-02-05", 69_280.1),
                                        point(SeriesId.BTC_USD, "2026-02-04", 73_000)),
                        SeriesId.DIFFICULTY, List.of(point(SeriesId.DIFFICULTY, "2026-02-05", 141_668_107_417_558.2)),
                        SeriesId.ETF_NET_FLOW_USD,
                                List.of(point(SeriesId.ETF_NET_FLOW_USD, "2026-02-04", -544_940_000))),
                Map.of());

        assertThat(out.toString()).isEqualTo("""
                date,btc_usd,difficulty,etf_net_flow_usd
                2026-02-04,73000,,-544940000
                2026-02-05,69280.1,141668107417558.2,
                """);
    }

    @Test
    void aSupplyIsTheLastColumnAndReadsBackAsSupply() throws Exception {
        StringWriter out = new StringWriter();

        DailyPointsCsv.write(
                out,
                List.of(SeriesId.BTC_USD),
                Map.of(SeriesId.BTC_USD, List.of(point(SeriesId.BTC_USD, "2026-02-05", 69_280.1))),
                new TreeMap<>(Map.of(
                        LocalDate.parse("2026-02-05"), 19_984_378.125, LocalDate.parse("2026-02-06"), 19_984_828.125)));

        assertThat(out.toString()).isEqualTo("""
                date,btc_usd,supply_btc
                2026-02-05,69280.1,19984378.125
                2026-02-06,,19984828.125
                """);
        DailyPointsCsv.Contents back = DailyPointsCsv.read(new StringReader(out.toString()), "test");
        assertThat(back.supplyBtc())
                .containsEntry(LocalDate.parse("2026-02-06"), 19_984_828.125)
                .hasSize(2);
        assertThat(back.points()).extracting(DailyPoint::value).containsExactly(69_280.1);
    }

    private static final LocalDate TODAY = LocalDate.parse("2026-02-05");

    private static DailyPointsCsv.FormatException defects(String csv) {
        return catchThrowableOfType(
                DailyPointsCsv.FormatException.class,
                () -> DailyPointsCsv.read(new StringReader(csv), "test.csv", TODAY));
    }

    @Test
    void aDateBeforeTheGenesisDayOrAfterTodayIsRefusedWithItsLineTheDateAndTheBound() throws Exception {
        DailyPointsCsv.FormatException e = defects("""
                date,btc_usd
                2009-01-02,1
                2009-01-03,1
                2026-02-05,69280
                2026-02-06,69280
                """);

        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems())
                .containsExactly(
                        "line 2: date 2009-01-02 is before 2009-01-03, the genesis block's day",
                        "line 5: date 2026-02-06 is in the future (after today, 2026-02-05, UTC)");
        assertThat(DailyPointsCsv.read(
                                new StringReader("date,btc_usd\n2009-01-03,1\n2026-02-05,69280\n"), "test.csv", TODAY)
                        .points())
                .as("the genesis day and today are inside")
                .hasSize(2);
    }

    @Test
    void aLineLongerThanTheBoundIsRefusedWithItsNumberAndTheLinesAfterItAreStillChecked() throws Exception {
        int bound = DailyPointsCsv.MAX_LINE_CHARS;
        assertThat(bound).isEqualTo(64 * 1024);
        // Exactly the bound: leading zeros make a plain 69280.
        String atTheBound = "2026-02-03," + "0".repeat(bound - "2026-02-03,69280".length()) + "69280";
        assertThat(atTheBound).hasSize(bound);

        DailyPointsCsv.FormatException e = defects(
                "date,btc_usd\r\n" + atTheBound + "\r\n2026-02-04," + "7".repeat(bound) + "\r\n2026-02-05,x\r\n");

        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems())
                .containsExactly(
                        "line 3: longer than 65536 characters, the bound of a line",
                        "line 4, btc_usd: 'x' is not a number");
        assertThat(DailyPointsCsv.read(new StringReader("date,btc_usd\r\n" + atTheBound + "\r\n"), "test.csv", TODAY)
                        .points())
                .extracting(DailyPoint::value)
                .containsExactly(69_280.0);
        assertThat(DailyPointsCsv.read(
                                new StringReader("date,btc_usd\r2026-02-04,1\r\r2026-02-05,2"), "test.csv", TODAY)
                        .points())
                .as("lines ended by CR alone, the last by nothing")
                .extracting(DailyPoint::value)
                .containsExactly(1.0, 2.0);
        assertThat(defects("date," + "x".repeat(bound)).problems())
                .containsExactly("line 1: longer than 65536 characters, the bound of a line");
    }

    /** A gigabyte on one line, never written anywhere: read past in a buffer of the bound, not held. */
    @Test
    void aLineOfAGigabyteIsReadPastWithoutHoldingIt() {
        Reader prefix = new StringReader("date,btc_usd\n2026-02-04,");
        Reader hugeLine = new Reader() {
            private long left = 1L << 30;

            @Override
            public int read(char[] buffer, int offset, int length) throws java.io.IOException {
                int fromPrefix = prefix.read(buffer, offset, length);
                if (fromPrefix > 0) {
                    return fromPrefix;
                }
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                java.util.Arrays.fill(buffer, offset, offset + n, '7');
                left -= n;
                return n;
            }

            @Override
            public void close() {}
        };
        DailyPointsCsv.FormatException e = catchThrowableOfType(
                DailyPointsCsv.FormatException.class, () -> DailyPointsCsv.read(hugeLine, "huge.csv", TODAY));

        assertThat(e).as("refused").isNotNull();
        assertThat(e.problems()).containsExactly("line 2: longer than 65536 characters, the bound of a line");
    }

    @Test
    void aFileOfManyDefectsCountsThemAllAndKeepsTheFirstTwenty() {
        StringBuilder csv = new StringBuilder("date,btc_usd\n");
        for (int day = 1; day <= 25; day++) {
            csv.append("2026-01-").append(String.format("%02d", day)).append(",x\n");
        }

        DailyPointsCsv.FormatException e = defects(csv.toString());

        assertThat(e.getMessage())
                .startsWith("test.csv: 25 problems, nothing read: line 2, btc_usd: 'x' is not a number;")
                .endsWith("line 21, btc_usd: 'x' is not a number; ...");
        assertThat(e.problems()).hasSize(20);
    }
}
