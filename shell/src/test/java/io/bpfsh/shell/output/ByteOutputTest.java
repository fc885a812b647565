package io.bpfsh.shell.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ByteOutputTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final ByteOutput out = new ByteOutput(sink);

    private String written() {
        out.flush();
        String s = sink.toString(StandardCharsets.UTF_8);
        sink.reset();
        return s;
    }

    @Test
    void unsignedAndSignedDecimalsAreTheJdksDigits() {
        long[] edges = {0, 1, 9, 10, 99, 100, 4294967295L, 4294967296L, Long.MAX_VALUE, Long.MIN_VALUE, -1, -10, -9};
        SplittableRandom r = new SplittableRandom(14);
        for (int i = 0; i < 10_000 + edges.length; i++) {
            long v = i < edges.length ? edges[i] : r.nextLong() >> r.nextInt(64);
            out.unsigned(v).put(' ').signed(v);
            assertEquals(Long.toUnsignedString(v) + " " + v, written());
        }
    }

    @Test
    void hexIsLowerCase() {
        byte[] b = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xab, (byte) 0xff};
        out.hex(b, 1, 5);
        assertEquals(HexFormat.of().formatHex(b, 1, 6), written());
    }

    @Test
    void textAndBytesKeepTheirOrderAcrossManyBuffers() {
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            out.ascii("key: ").unsigned(i).ascii("  value: ").utf8("é😀").put('\n');
            expected.append("key: ").append(i).append("  value: é😀\n");
        }
        byte[] big = new byte[200_000];
        big[0] = 'x';
        big[big.length - 1] = 'y';
        out.write(big, 0, big.length);
        out.ascii("z".repeat(100_000));
        out.flush();
        byte[] all = sink.toByteArray();
        byte[] text = expected.toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(text.length + big.length + 100_000, all.length);
        byte[] head = new byte[text.length];
        System.arraycopy(all, 0, head, 0, text.length);
        assertArrayEquals(text, head);
        assertEquals('x', all[text.length]);
        assertEquals('y', all[text.length + big.length - 1]);
        assertEquals('z', all[all.length - 1]);
    }

    @Test
    void aFailingStreamIsNotThrownButReported() {
        ByteOutput broken = new ByteOutput(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("Broken pipe");
            }
        });
        broken.ascii("nothing reads this");
        assertFalse(broken.checkError());
        broken.flush();
        assertTrue(broken.checkError());
        broken.ascii("dropped").flush();
        assertTrue(broken.checkError());
    }
}
