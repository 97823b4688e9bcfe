package dev.minerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.minerwatch.localaws.RepositoryLayout;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minerwatch report}: a PNG worth looking at and a page that needs no other file. */
class ReportCommandIT {

    @TempDir
    Path dir;

    @Test
    void aReplayedCsvIsDrawnAsAPngAndASelfContainedHtmlPage() throws Exception {
        Path csv = RepositoryLayout.root().resolve("events/history/daily-2020-2026.csv");

        Cli.Result result = Cli.minerwatch(
                "report",
                "--csv",
                csv.toString(),
                "--from",
                "2024-01-01",
                "--to",
                "2025-04-07",
                "--out",
                dir.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        Path png = dir.resolve(ReportCommand.PNG);
        Path html = dir.resolve(ReportCommand.HTML);
        assertThat(result.out()).contains("wrote " + png.toAbsolutePath()).contains("wrote " + html.toAbsolutePath());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(1500);
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        boolean priceLine = false;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                inked += rgb == 0xFFFFFF ? 0 : 1;
                priceLine |= rgb == 0xF7931A;
            }
        }
        assertThat(colours).as("not blank: lines, bars, shading and text").hasSizeGreaterThan(50);
        assertThat(inked)
                .as("more than a tenth of the picture is drawn")
                .isGreaterThan(image.getWidth() * image.getHeight() / 4 / 10);
        assertThat(priceLine).as("the BTC price line, in bitcoin orange").isTrue();

        String page = Files.readString(html);
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("</svg>")
                .contains("Hash Ribbon miner capitulation")
                .contains("US spot BTC ETF outflow streak")
                .doesNotContain("src=\"http")
                .doesNotContain("href=\"http")
                .doesNotContain("<link")
                .doesNotContain("<script");
    }

    @Test
    void anEmptyStoreIsADataErrorThatNamesTheStoreAndSaysHowToFillIt() {
        Cli.Result result =
                Cli.minerwatch("report", "--data-dir", dir.resolve("store").toString(), "--out", dir.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip())
                .isEqualTo("minerwatch report: nothing to draw: the SQLite database "
                        + dir.resolve("store").toAbsolutePath().normalize().resolve("minerwatch.db")
                        + " holds no points. Fill it "
                        + "with ./minerwatch backfill (live providers) or ./minerwatch import FILE.csv; the demo's store is read "
                        + "with --data-dir .minerwatch/demo/store");
    }

    @Test
    void replayAndStatusOnAnEmptyStoreNameItAndSayHowToFillIt() {
        String store = dir.resolve("empty").toString();

        Cli.Result replay = Cli.minerwatch("replay", "--data-dir", store);
        Cli.Result status = Cli.minerwatch("status", "--data-dir", store);

        assertThat(replay.exitCode()).isEqualTo(2);
        assertThat(replay.err())
                .contains("nothing to replay: the SQLite database "
                        + dir.resolve("empty").toAbsolutePath().normalize().resolve("minerwatch.db")
                        + " holds no points")
                .contains("./minerwatch import FILE.csv");
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.out()).contains("holds no points").contains("./minerwatch backfill");
    }

    @Test
    void aStoreOfTheEarlierFormatIsNamedAndLeftAsItIs() throws Exception {
        Path earlier = dir.resolve("earlier");
        java.nio.file.Files.createDirectories(earlier);
        java.nio.file.Files.writeString(earlier.resolve("shared-local-instance.db"), "DynamoDB Local's file");

        Cli.Result status = Cli.minerwatch("status", "--data-dir", earlier.toString());

        assertThat(status.err())
                .contains(earlier.resolve("shared-local-instance.db") + " is a store of minerwatch's earlier "
                        + "format (DynamoDB Local)")
                .contains("left as it is")
                .contains("./minerwatch import FILE.csv");
        assertThat(earlier.resolve("shared-local-instance.db")).hasContent("DynamoDB Local's file");
    }
}
