package io.bpfsh.engine;

import java.math.BigInteger;

/**
 * Digits of the literals bpfsh reads (map keys and values, ids, sizes, typed fields): ASCII only.
 * Java's {@code Character.digit}, {@code Integer.parseInt} and {@code new BigInteger} also take the
 * digits of other scripts ({@code "٣"} is 3), so {@code 0x٣} would silently mean 3 and a
 * pre-checked {@code hex:٣٣} could fail deep inside a parser.
 */
public final class AsciiDigits {
    private AsciiDigits() {
    }

    /** The value of {@code c} as an ASCII digit in {@code radix} (10 or 16), or -1. */
    public static int value(int c, int radix) {
        return c < 0x80 ? Character.digit(c, radix) : -1;
    }

    /** Whether {@code s} is non-empty and holds only ASCII digits of {@code radix}. */
    public static boolean all(String s, int radix) {
        return !s.isEmpty() && s.chars().allMatch(c -> value(c, radix) >= 0);
    }

    /** {@code s} as a non-negative number in {@code radix}, or null when it is not all ASCII digits. */
    public static BigInteger parse(String s, int radix) {
        return all(s, radix) ? new BigInteger(s, radix) : null;
    }

    /** A decimal {@code s} as a long in {@code 0..max}, or -1 when it is not one. */
    public static long parseDecimal(String s, long max) {
        BigInteger v = s.length() > 20 ? null : parse(s, 10);
        return v == null || v.compareTo(BigInteger.valueOf(max)) > 0 ? -1 : v.longValue();
    }
}
