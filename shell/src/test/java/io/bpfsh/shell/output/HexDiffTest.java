package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The rows a run changed, before and after, and rows only one side has. */
class HexDiffTest {
    private static String diff(byte[] before, byte[] after) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            HexDiff.print(out, before, after);
        }
        return s.toString().replace(System.lineSeparator(), "\n");
    }

    @Test
    void onlyChangedRowsAndTheGrownTail() {
        byte[] before = new byte[20];
        byte[] after = new byte[34];
        after[17] = (byte) 0xab;
        after[33] = 1;
        assertEquals("  - 0010  00 00 00 00\n"
                + "  + 0010  00 ab 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n"
                + "  + 0020  00 01\n", diff(before, after));
        assertEquals("", diff(before, before.clone()));
    }
}
