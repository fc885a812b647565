package io.bpfsh.shell.output;

import java.io.PrintWriter;
import java.util.Arrays;

/**
 * The rows of a packet that a test run changed, 16 bytes a row as a hex dump shows them: each changed
 * row twice, {@code -} before and {@code +} after, so the changed bytes stand one above the other.
 * Rows only one side has (the packet grew or shrank) print on that side alone.
 */
public final class HexDiff {
    private static final int ROW = 16;

    private HexDiff() {
    }

    public static void print(PrintWriter out, byte[] before, byte[] after) {
        int rows = (Math.max(before.length, after.length) + ROW - 1) / ROW;
        for (int r = 0; r < rows; r++) {
            int from = r * ROW;
            byte[] a = slice(before, from);
            byte[] b = slice(after, from);
            if (Arrays.equals(a, b)) {
                continue;
            }
            if (a.length > 0) {
                out.println(row('-', from, a));
            }
            if (b.length > 0) {
                out.println(row('+', from, b));
            }
        }
    }

    private static byte[] slice(byte[] data, int from) {
        return from >= data.length ? new byte[0] : Arrays.copyOfRange(data, from, Math.min(data.length, from + ROW));
    }

    private static String row(char sign, int offset, byte[] bytes) {
        StringBuilder sb = new StringBuilder(String.format("  %c %04x ", sign, offset));
        for (byte x : bytes) {
            sb.append(' ').append(String.format("%02x", x & 0xff));
        }
        return sb.toString();
    }
}
