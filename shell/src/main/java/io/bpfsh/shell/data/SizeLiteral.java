package io.bpfsh.shell.data;

import io.bpfsh.engine.AsciiDigits;
import java.util.Locale;

/** A SIZE argument in bytes: {@code 1073741824}, {@code 512K}, {@code 64MiB}, {@code 2G}, {@code 1T} (powers of 1024). */
public final class SizeLiteral {
    private static final String UNITS = "KMGTP";

    private SizeLiteral() {
    }

    /** The size in bytes, or -1 when the text is not a size (or above 2^63 - 1). */
    public static long parse(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty() && UNITS.indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * (UNITS.indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        long n = AsciiDigits.parseDecimal(t, Long.MAX_VALUE);
        return n < 0 || n > Long.MAX_VALUE >> shift ? -1 : n << shift;
    }
}
