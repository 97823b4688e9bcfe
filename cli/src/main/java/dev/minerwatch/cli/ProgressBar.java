package dev.minerwatch.cli;

import java.io.PrintWriter;

/** A one-line progress bar on standard error, redrawn in place; it ends its line when the work is done. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    static void draw(PrintWriter err, String label, long done, long total) {
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        err.printf("\r  %-20s [%s%s] %d/%d%s", label, "#".repeat(filled), "-".repeat(WIDTH - filled), done, total,
                done == total ? "\n" : "");
        err.flush();
    }
}
