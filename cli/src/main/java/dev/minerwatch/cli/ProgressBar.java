package dev.minerwatch.cli;

import java.io.PrintWriter;

/**
 * A progress bar on standard error, one line per task, redrawn in place only when it grows a notch (so a log
 * of a large import stays short); it ends its line when the task is done.
 */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private String label;
    private int drawn = -1;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    void update(String task, long done, long total) {
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        if (!task.equals(label)) {
            label = task;
            drawn = -1;
        }
        if (filled == drawn && done != total) {
            return;
        }
        drawn = filled;
        err.printf(
                "\r  %-20s [%s%s] %d/%d%s",
                task, "#".repeat(filled), "-".repeat(WIDTH - filled), done, total, done == total ? "\n" : "");
        err.flush();
    }
}
