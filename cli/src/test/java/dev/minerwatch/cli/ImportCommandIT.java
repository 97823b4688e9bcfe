package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.minerwatch.localaws.RepositoryLayout;
import dev.minerwatch.series.Amounts;
import dev.minerwatch.series.DailyPoint;
import dev.minerwatch.series.SeriesId;
import dev.minerwatch.sqlite.SqliteStorage;
import dev.minerwatch.store.PointStore;
import dev.minerwatch.store.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code minerwatch import}: all of a valid file or nothing of a defective one, with the derived series of its days
 * computed as replay computes them; export gives it back with them.
 */
class ImportCommandIT {

    private static final String HEADER = "date,btc_usd,eth_usd,btc_ath_usd,hashrate_ehs,difficulty,fees_btc_per_block,"
            + "hashprice_usd_ph_day,production_cost_usd,etf_net_flow_usd,retarget_change_pct";

    @TempDir
    Path dir;

    /**
     * The last {@code days} rows of the published history, in the layout export prints (every series a column) and
     * with each number written the way export writes its double (the converter's 16-digit decimals are not always
     * the shortest form of the double they parse to, so a few would come back one digit different).
     */
    private Path publishedHistory(int days) throws Exception {
        List<String> source = Files.readAllLines(RepositoryLayout.root().resolve("events/history/daily-2020-2026.csv"));
        assertThat(source.get(0)).isEqualTo("date,btc_usd,btc_ath_usd,hashrate_ehs,difficulty,etf_net_flow_usd");
        List<String> lines = new ArrayList<>(List.of(HEADER));
        for (String row : source.subList(source.size() - days, source.size())) {
            String[] c = row.split(",", -1);
            lines.add(String.join(
                    ",", c[0], plain(c[1]), "", plain(c[2]), plain(c[3]), plain(c[4]), "", "", "", plain(c[5]), ""));
        }
        Path csv = dir.resolve("history.csv");
        Files.write(csv, lines);
        return csv;
    }

    private static String plain(String cell) {
        return cell.isEmpty() ? cell : Amounts.plain(Double.parseDouble(cell));
    }

    private String[] store(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.resolve("store").toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void aValidFileImportsWithItsDerivedSeriesExportsThemBackAndReplaysAsTheFileDoes() throws Exception {
        Path csv = publishedHistory(500);

        Cli.Result imported = Cli.minerwatch(store("import", csv.toString()));

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .containsPattern("imported \\d+ points of btc_usd, btc_ath_usd, hashrate_ehs, difficulty, "
                        + "etf_net_flow_usd from .*history.csv, 2024-11-07 to 2026-08-21")
                // 7 November 2024 to 7 April 2025 have a price and a difficulty, and no fees.
                .contains(
                        "derived 152 points of hashprice_usd_ph_day and 152 points of production_cost_usd; the hashprice"
                                + " of 152 days without fee data counts the subsidy alone: a lower bound");
        assertThat(imported.err()).as("the progress bar ends full").containsPattern("import +\\[#{30}] (\\d+)/\\1");

        Cli.Result exported = Cli.minerwatch(store("export"));
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        List<String> given = Files.readAllLines(csv);
        List<String> back = exported.out().lines().toList();
        assertThat(back).hasSameSizeAs(given);
        for (int i = 1; i < given.size(); i++) {
            String[] in = given.get(i).split(",", -1);
            String[] out = back.get(i).split(",", -1);
            // date, btc_usd, eth_usd, btc_ath_usd, hashrate_ehs, difficulty, fees: as given; then the derived two.
            assertThat(List.of(out).subList(0, 7))
                    .as(back.get(i))
                    .isEqualTo(List.of(in).subList(0, 7));
            assertThat(out[9]).isEqualTo(in[9]);
            assertThat(out[7].isEmpty()).as("hashprice of " + in[0]).isEqualTo(in[1].isEmpty() || in[5].isEmpty());
            assertThat(out[8].isEmpty()).as("production cost of " + in[0]).isEqualTo(in[5].isEmpty());
        }
        // What export prints, import takes back as it is.
        Path again = dir.resolve("exported.csv");
        Files.writeString(again, exported.out());
        String[] other = {"--data-dir", dir.resolve("other").toString()};
        assertThat(Cli.minerwatch("import", again.toString(), other[0], other[1])
                        .out())
                .contains("derived nothing (every day has its derived series or lacks a difficulty)");
        assertThat(Cli.minerwatch("export", other[0], other[1]).out()).isEqualTo(exported.out());

        Cli.Result fromStore = Cli.minerwatch(store("replay"));
        Cli.Result fromFile = Cli.minerwatch(store("replay", "--csv", csv.toString()));
        assertThat(fromStore.exitCode()).as(fromStore.err()).isZero();
        assertThat(fromStore.out()).contains("\"rule\":\"etf_outflow_streak\"").isEqualTo(fromFile.out());
    }

    @Test
    void theDerivedPointsSayHowTheyWereMadeAndWhatTheCollectorsDerivedIsKept() throws Exception {
        // The reference 5 February 2026 (docs/domain.md) (difficulty 141.67T, BTC $69,280) on three days: with fees,
        // without, without a
        // price.
        Path csv = dir.resolve("february.csv");
        Files.writeString(
                csv,
                "date,btc_usd,difficulty,fees_btc_per_block\n2026-02-03,69280,141670000000000,\n"
                        + "2026-02-04,69280,141670000000000,0.025\n2026-02-05,,141670000000000,\n2026-02-06,69280,141670000000000,\n");
        DailyPoint collectors = new DailyPoint(
                SeriesId.HASHPRICE_USD_PH_DAY,
                LocalDate.parse("2026-02-06"),
                30.95,
                null,
                List.of("derived", "coinbase", "coingecko", "kraken", "mempool"),
                Instant.parse("2026-02-06T23:02:00Z"),
                false,
                Map.of("fees", "mempool reward-stats/144 to block 935150"));
        try (Storage storage = SqliteStorage.open(dir.resolve("store"))) {
            storage.points().put(collectors);
        }

        Cli.Result imported = Cli.minerwatch(store("import", csv.toString()));

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .contains("derived 2 points of hashprice_usd_ph_day and 4 points of production_cost_usd;"
                        + " the hashprice of 1 day without fee data counts the subsidy alone: a lower bound");
        try (Storage storage = SqliteStorage.open(dir.resolve("store"))) {
            PointStore points = storage.points();
            DailyPoint withFees = points.get(SeriesId.HASHPRICE_USD_PH_DAY, LocalDate.parse("2026-02-04"))
                    .orElseThrow();
            assertThat(withFees.value()).isCloseTo(30.99, offset(0.01));
            assertThat(withFees.sources()).containsExactly("derived", "csv:february.csv");
            assertThat(withFees.details())
                    .containsEntry("fees", "csv:february.csv fees_btc_per_block 0.025 BTC")
                    .containsEntry("derivedFrom", "history");
            DailyPoint lowerBound = points.get(SeriesId.HASHPRICE_USD_PH_DAY, LocalDate.parse("2026-02-03"))
                    .orElseThrow();
            // 30.99 × 3.125 / 3.15: the subsidy alone.
            assertThat(lowerBound.value()).isCloseTo(30.742, offset(0.001));
            assertThat(lowerBound.details()).containsEntry("fees", "none: subsidy only, a lower bound");
            assertThat(points.get(SeriesId.HASHPRICE_USD_PH_DAY, LocalDate.parse("2026-02-05")))
                    .isEmpty();
            assertThat(points.get(SeriesId.HASHPRICE_USD_PH_DAY, LocalDate.parse("2026-02-06")))
                    .contains(collectors);
            assertThat(points.get(SeriesId.PRODUCTION_COST_USD, LocalDate.parse("2026-02-05"))
                            .orElseThrow()
                            .details())
                    .containsEntry("model", "drm")
                    .containsEntry("derivedFrom", "history")
                    .containsEntry("supplyFrom", "issuance schedule at estimated height 934464");
        }
        assertThat(Cli.minerwatch(store("export")).out().lines())
                .anySatisfy(line -> assertThat(line).startsWith("2026-02-04,69280,,,,141670000000000,0.025,30.98806"))
                .anySatisfy(line -> assertThat(line).startsWith("2026-02-03,69280,,,,141670000000000,,30.74212"))
                .anySatisfy(line -> assertThat(line).startsWith("2026-02-06,69280,,,,141670000000000,,30.95,"));
    }

    @Test
    void aSupplyColumnIsStoredExportedAndDrivesTheDerivedProductionCost() throws Exception {
        Path withoutSupply = publishedHistory(500);
        List<String> lines = Files.readAllLines(withoutSupply);
        List<String> withSupply = new ArrayList<>(List.of(lines.get(0) + ",supply_btc"));
        // 18.5M BTC instead of the schedule's 19.8-20.0M: every derived cost comes out about 7% higher.
        lines.subList(1, lines.size()).forEach(line -> withSupply.add(line + ",18500000"));
        Path csv = dir.resolve("with-supply.csv");
        Files.write(csv, withSupply);

        Cli.Result imported = Cli.minerwatch(store("import", csv.toString()));

        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("and 500 days of supply_btc from");
        assertThat(Cli.minerwatch(store("export")).out().lines())
                .allSatisfy(line -> assertThat(line).endsWith(line.startsWith("date") ? ",supply_btc" : ",18500000"));
        Cli.Result fromStore = Cli.minerwatch(store("replay", "--rule", "price_below_production_cost"));
        Cli.Result fromFile =
                Cli.minerwatch(store("replay", "--rule", "price_below_production_cost", "--csv", csv.toString()));
        Cli.Result bySchedule = Cli.minerwatch(
                store("replay", "--rule", "price_below_production_cost", "--csv", withoutSupply.toString()));
        assertThat(fromStore.out())
                .contains("\"rule\":\"price_below_production_cost\"")
                .isEqualTo(fromFile.out())
                .isNotEqualTo(bySchedule.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "an unknown column   | date,btc_usd,price_usd\\n2026-02-05,69280,1                  | line 1: unknown column 'price_usd'",
                "a bad date          | date,btc_usd\\n2026-02-05,69280\\n05/02/2026,69280          | line 3: date '05/02/2026' is not an ISO date",
                "a duplicate date    | date,btc_usd\\n2026-02-05,69280\\n2026-02-05,69281          | line 3: date 2026-02-05 appears twice",
                "a non-numeric value | date,btc_usd\\n2026-02-04,74897\\n2026-02-05,69k            | line 3, btc_usd: '69k' is not a number",
                "a negative price    | date,btc_usd\\n2026-02-05,-69280                           | line 2, btc_usd: -69280 is out of range",
                "a hashrate in TH/s  | date,hashrate_ehs\\n2026-02-05,915850000                    | line 2, hashrate_ehs: 915850000 is out of range",
                "NaN                 | date,etf_net_flow_usd\\n2026-02-04,NaN                      | line 2, etf_net_flow_usd: NaN is out of range",
                "a short row         | date,btc_usd,eth_usd\\n2026-02-05,69280                     | line 2: 2 cells, the header has 3",
                "a date before 2009-01-03 | date,btc_usd\\n2009-01-02,1                          | line 2: date 2009-01-02 is before 2009-01-03",
                "a date in the future     | date,btc_usd\\n2999-01-01,69280                      | line 2: date 2999-01-01 is in the future (after today, ",
                "a flow in millions       | date,etf_net_flow_usd\\n2026-02-05,-272.5            | line 2, etf_net_flow_usd: -272.5 is a net flow under $100000 either way",
                "a price ×10 overnight    | date,btc_usd\\n2026-02-04,74897\\n2026-02-05,748970   | line 3, btc_usd: value 748970 is ×10 the 2026-02-04 value 74897 (line 2)",
                "a hashrate ÷1000 overnight | date,hashrate_ehs\\n2026-02-04,1012\\n2026-02-05,1.012 | line 3, hashrate_ehs: value 1.012 is ×0.001 the 2026-02-04 value 1012 (line 2)"
            })
    void aDefectIsReportedWithItsLineAndNothingIsStored(String defect, String content, String problem)
            throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, content.replace("\\n", "\n"));

        Cli.Result result = Cli.minerwatch(store("import", csv.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .doesNotContain("\n")
                .startsWith("minerwatch import: bad.csv: 1 problem, nothing read: ")
                .contains(problem)
                .endsWith("(nothing stored; fix the lines named and import again)");
        assertThat(Cli.minerwatch(store("export")).out().strip())
                .as("the store is empty")
                .isEqualTo(HEADER);
    }

    @Test
    void aRunOfSlipsIsReportedAtEachStepAndNothingIsStored() throws Exception {
        Path csv = dir.resolve("slips.csv");
        Files.writeString(
                csv, "date,hashrate_ehs\n2026-02-03,800\n2026-02-04,800000\n2026-02-05,0.8\n2026-02-06,801\n");

        Cli.Result result = Cli.minerwatch(store("import", csv.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("3 problems")
                .contains("line 3, hashrate_ehs: value 800000 is ×1000 the 2026-02-03 value 800 (line 2)")
                .contains("line 4, hashrate_ehs: value 0.8 is ×0.000001 the 2026-02-04 value 800000 (line 3)")
                .contains("line 5, hashrate_ehs: value 801 is ×1001 the 2026-02-05 value 0.8 (line 4)");
        assertThat(Cli.minerwatch(store("export")).out().strip()).isEqualTo(HEADER);
    }

    @Test
    void aValueThatCannotFollowOrPrecedeTheStoredNeighboursIsRefusedAndNothingIsStored() throws Exception {
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "date,hashrate_ehs\n2026-02-03,800\n2026-02-07,810\n");
        assertThat(Cli.minerwatch(store("import", good.toString())).exitCode()).isZero();
        Path slip = dir.resolve("slip.csv");
        Files.writeString(slip, "date,hashrate_ehs,btc_usd\n2026-02-05,805000,69280\n");

        Cli.Result result = Cli.minerwatch(store("import", slip.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("2 problems")
                .contains("line 2, hashrate_ehs: value 805000 is ×1006 the 2026-02-03 value 800 (stored)")
                .contains("line 2, hashrate_ehs: the stored 2026-02-07 value 810 is ×0.001006 this value 805000");
        assertThat(Cli.minerwatch(store("export")).out())
                .as("neither the slip nor the price of its line is stored")
                .doesNotContain("805000")
                .doesNotContain("69280");
    }

    @Test
    void everyDefectOfAFileIsReportedAtOnceAndTheGoodLinesAreNotStoredEither() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(
                csv, "date,btc_usd,eth_usd\n2026-02-03,76150,2230\n2026-02-04,x,2180\n2026-02-31,69280,2052\n");

        Cli.Result result = Cli.minerwatch(store("import", csv.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("2 problems")
                .contains("line 3, btc_usd: 'x' is not a number")
                .contains("line 4: date '2026-02-31' is not an ISO date");
        assertThat(Cli.minerwatch(store("export")).out().strip()).isEqualTo(HEADER);
    }

    @Test
    void aMissingFileIsADataErrorAndAMissingArgumentAUsageError() {
        assertThat(Cli.minerwatch(store("import", dir.resolve("none.csv").toString())))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).contains("none.csv: no such file"));
        assertThat(Cli.minerwatch(store("import")))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(1))
                .satisfies(r -> assertThat(r.err()).contains("Missing required parameter: 'FILE'"));
    }

    @Test
    void aDateAfterTodayIsRefusedAndTodayIsNot() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // Two days ahead: still after today if the date turns between this line and the command's clock.
        LocalDate ahead = today.plusDays(2);
        Path csv = dir.resolve("ahead.csv");
        Files.writeString(csv, "date,btc_usd\n" + today + ",69280\n" + ahead + ",69281\n");

        Cli.Result result = Cli.minerwatch(store("import", csv.toString()));

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err())
                .contains("1 problem, nothing read: line 3: date " + ahead + " is in the future (after today, ");
        assertThat(Cli.minerwatch(store("export")).out().strip())
                .as("the store is empty")
                .isEqualTo(HEADER);

        Files.writeString(csv, "date,btc_usd\n" + today + ",69280\n");
        Cli.Result todayOnly = Cli.minerwatch(store("import", csv.toString()));
        assertThat(todayOnly.exitCode()).as(todayOnly.err()).isZero();
    }

    @Test
    void aLineLongerThanTheBoundIsRefusedWithItsNumberAndTheLinesAfterItAreStillChecked() throws Exception {
        Path csv = dir.resolve("long.csv");
        Files.writeString(
                csv, "date,btc_usd\n2026-02-04,74897\n2026-02-05," + "6".repeat(70_000) + "\n2026-02-06,69k\n");

        Cli.Result result = Cli.minerwatch(store("import", csv.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains("long.csv: 2 problems, nothing read: line 3: longer than 65536 characters, "
                        + "the bound of a line; line 4, btc_usd: '69k' is not a number")
                .hasSizeLessThan(1_000);
        assertThat(Cli.minerwatch(store("export")).out().strip())
                .as("the store is empty")
                .isEqualTo(HEADER);
    }
}
