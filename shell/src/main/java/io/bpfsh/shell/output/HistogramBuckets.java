package io.bpfsh.shell.output;

/**
 * Labels of histogram buckets as bpftrace prints them. Log2: bucket 0 counts the value 0 and
 * bucket k >= 1 counts [2^(k-1), 2^k), labelled "[0]", "[1]", "[2, 4)", ..., "[1K, 2K)" (powers of
 * 1024 get K, M, G, T, P, E). Linear with a step: bucket k counts [k*step, (k+1)*step), or "[k]"
 * with step 1.
 */
public final class HistogramBuckets {
    private static final String UNITS = "KMGTPE";

    private HistogramBuckets() {
    }

    /** The label of log2 bucket {@code k} (0..64). */
    public static String log2Label(int k) {
        if (k < 0 || k > 64) {
            throw new IllegalArgumentException("log2 bucket " + k + " is outside 0..64");
        }
        if (k <= 1) {
            return "[" + k + "]";
        }
        return "[" + powerOfTwo(k - 1) + ", " + powerOfTwo(k) + ")";
    }

    /** The smallest value log2 bucket {@code k} counts (as an unsigned 64-bit number). */
    public static long log2Lower(int k) {
        return k == 0 ? 0 : 1L << (k - 1);
    }

    public static String linearLabel(long k, long step) {
        if (step == 1) {
            return "[" + k + "]";
        }
        return "[" + k * step + ", " + (k + 1) * step + ")";
    }

    /** 2^e as bpftrace writes it: 512, 1K, 2K, ..., 1M, ..., 16E. */
    static String powerOfTwo(int e) {
        if (e < 10) {
            return Long.toString(1L << e);
        }
        return (1L << (e % 10)) + String.valueOf(UNITS.charAt(Math.min(e / 10, UNITS.length()) - 1));
    }
}
