package io.bpfsh.shell.output;

import java.io.PrintWriter;
import java.util.List;

/**
 * Horizontal bars in the terminal, bpftrace's layout: the label, the count, and a bar of '@' scaled
 * so that the largest count fills the width. A non-zero count always shows at least one '@', so a
 * rare bucket is not mistaken for an empty one.
 */
public final class BarChart {
    public static final int DEFAULT_WIDTH = 52;

    /** One bar; counts are unsigned 64-bit numbers below 2^63 (counters that big do not occur). */
    public record Bar(String label, long count) {
    }

    private BarChart() {
    }

    public static void print(PrintWriter out, List<Bar> bars, int width) {
        int labelWidth = 0;
        int countWidth = 1;
        long max = 0;
        for (Bar b : bars) {
            labelWidth = Math.max(labelWidth, b.label().length());
            countWidth = Math.max(countWidth, Long.toString(b.count()).length());
            max = Math.max(max, b.count());
        }
        for (Bar b : bars) {
            int n = max == 0 ? 0 : (int) Math.max(b.count() == 0 ? 0 : 1, (long) ((double) b.count() / max * width));
            out.printf("%-" + labelWidth + "s %" + countWidth + "d |%s%s|%n", b.label(), b.count(),
                    "@".repeat(n), " ".repeat(width - n));
        }
    }
}
